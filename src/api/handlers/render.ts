import { relative, sep } from 'node:path';
import { planVariants } from '../../compose/plan.js';
import { postOf, runPool, StudioError } from '../../model/index.js';
import { posterContext, posterFileName, posterRenderPath, posterTemplateFor, workspacePosterImages } from '../../render/workspace.js';
import type { ImageInput } from '../../render/renderer.js';
import { PosterTemplateError } from '../../render/template/source.js';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import type { HandlersFor } from '../handler.js';
import type { renderMethods } from '../methods/render.js';

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
/** From this many posters on, a batch goes to the pool's worker threads (fewer: this thread, no start-up cost). */
const WORKERS_FROM = 12;

const templateInfo = (t: { id: string; version: number; state: string; builtin: boolean }) => ({ id: t.id, version: t.version, state: t.state, builtin: t.builtin });

/** render.poster: one poster for the live preview or a file under renders/posters/; render.posters: a post's posters as files. */
export const renderHandlers: HandlersFor<typeof renderMethods> = {
  'render.poster': async (input, { ws, services }) => {
    const t0 = performance.now();
    const data = ws.data();
    const post = postOf(data, input.post);
    const chosen = posterTemplateFor(data, post, input.template);
    // An unsaved source being edited in the template screen: never approved, so always a draft.
    const editing = input.template?.source !== undefined;
    if (editing && input.output === 'file') throw new StudioError('bad_input', 'template.source previews an unsaved template and is never written under renders/: use output "base64"', 'output');
    const template = editing ? { ...chosen, source: input.template!.source!, state: 'draft' } : chosen;
    const ctx = posterContext(data, post, input.group, input.store, services.compose);
    const images = await workspacePosterImages(ws, ctx);
    // The pool's local lane (never behind an export); a live preview's shared layer stays in memory (one per edit).
    const out = await services
      .posters()
      .render({ template, size: input.size, ctx, images, format: input.format, draft: input.draft || editing, width: input.width, cacheBaseOnDisk: input.output === 'file' }, { lane: 'local' })
      .catch((err: unknown) => {
        if (editing && err instanceof PosterTemplateError) throw new StudioError('bad_input', err.message, 'template.source');
        throw err;
      });
    const { bytes, width, height } = out;
    const result = { mime: MIME[input.format], width, height, template: templateInfo(template), notes: out.notes, ms: Math.round(performance.now() - t0) };
    if (input.output === 'file') {
      const path = posterRenderPath(ws, posterFileName(post.id, input.group, input.store, input.size, input.format));
      await writeFileAtomic(path, bytes);
      return { ...result, path: relative(ws.dir, path) };
    }
    return { ...result, base64: bytes.toString('base64') };
  },

  'render.posters': async (input, { ws, services, signal, onProgress }) => {
    const data = ws.data();
    const plan = planVariants(data, { post: input.post, group: input.group, store: input.store });
    if (!plan.length) throw new StudioError('bad_input', `no variants: no active store runs a group type post "${input.post}" goes to${input.group ? ` (group ${input.group})` : ''}${input.store ? ` (store ${input.store})` : ''}`, 'post');
    const imageCache = new Map<string, Promise<ImageInput>>();
    const jobs = [];
    for (const v of plan) {
      if (!input.group && !v.group.rules.formats.includes('poster')) continue;
      const template = posterTemplateFor(data, v.post, input.template);
      const ctx = posterContext(data, v.post, v.group.id, v.store.id, services.compose);
      const images = await workspacePosterImages(ws, ctx, imageCache);
      for (const size of input.sizes ?? v.group.rules.sizes) jobs.push({ v, template, ctx, images, size });
    }
    if (!jobs.length) throw new StudioError('bad_input', `no posters: the group types of post "${input.post}" have no poster format (name a group to render one anyway)`, 'group');
    const lane = jobs.length >= WORKERS_FROM ? 'workers' : 'local';
    const posters: { post: string; group: string; store: string; size: (typeof jobs)[number]['size']; path: string; template: ReturnType<typeof templateInfo>; notes: string[] }[] = [];
    const failed: { post: string; group: string; store: string; size: (typeof jobs)[number]['size']; reason: string }[] = [];
    await runPool(
      jobs,
      async ({ v, template, ctx, images, size }) => {
        const which = { post: v.post.id, group: v.group.id, store: v.store.id, size };
        const path = posterRenderPath(ws, posterFileName(v.post.id, v.group.id, v.store.id, size, input.format));
        try {
          const r = await services.posters().renderToFile({ template, size, ctx, images, format: input.format, draft: input.draft }, path, { lane, signal });
          posters.push({ ...which, path: relative(ws.dir, path).split(sep).join('/'), template: templateInfo(template), notes: r.notes });
        } catch (err) {
          if (signal?.aborted) throw err;
          failed.push({ ...which, reason: (err as Error).message.split('\n')[0]! });
        }
      },
      { concurrency: lane === 'workers' ? services.posters().workers * 2 : 2, signal, onProgress, label: (j) => `poster ${j.size} · ${j.v.store.id} ${j.v.post.id}/${j.v.group.id}` },
    );
    const order = (p: { post: string; group: string; store: string; size: string }) => `${p.post}|${p.group}|${p.store}|${p.size}`;
    posters.sort((a, b) => order(a).localeCompare(order(b)));
    return { posters, failed };
  },
};
