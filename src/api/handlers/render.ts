import { relative } from 'node:path';
import type { Post } from '../../model/index.js';
import { posterContext, posterFileName, posterRenderPath, posterTemplateFor, workspacePosterImages, writeFileAtomic } from '../../render/workspace.js';
import { StudioError } from '../../model/index.js';
import { PosterTemplateError } from '../../render/templateSource.js';
import type { HandlersFor } from '../handler.js';
import type { renderMethods } from '../methods/render.js';

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/** render.poster: one poster for the live preview or a file under renders/posters/. */
export const renderHandlers: HandlersFor<typeof renderMethods> = {
  'render.poster': async (input, { ws, services }) => {
    const t0 = performance.now();
    const data = ws.data();
    let post: Post;
    if (typeof input.post === 'string') {
      const found = data.posts.find((p) => p.id === input.post);
      if (!found) throw new StudioError('not_found', `post "${input.post}" not found`, 'post');
      post = found;
    } else post = input.post;
    const chosen = posterTemplateFor(data, post, input.template);
    // An unsaved source being edited in the template screen: never approved, so always a draft.
    const editing = input.template?.source !== undefined;
    if (editing && input.output === 'file') throw new StudioError('bad_input', 'template.source previews an unsaved template and is never written under renders/: use output "base64"', 'output');
    const template = editing ? { ...chosen, source: input.template!.source!, state: 'draft' } : chosen;
    const ctx = posterContext(data, post, input.group, input.store);
    const images = await workspacePosterImages(ws, ctx);
    const out = await services
      .posters()
      .render({ template, size: input.size, ctx, images, format: input.format, draft: input.draft || editing, width: input.width })
      .catch((err: unknown) => {
        if (editing && err instanceof PosterTemplateError) throw new StudioError('bad_input', err.message, 'template.source');
        throw err;
      });
    const { bytes, width, height } = out;
    const result = { mime: MIME[input.format], width, height, template: { id: template.id, version: template.version, state: template.state, builtin: template.builtin }, notes: out.notes, ms: Math.round(performance.now() - t0) };
    if (input.output === 'file') {
      const path = posterRenderPath(ws, posterFileName(post.id, input.group, input.store, input.size, input.format));
      await writeFileAtomic(path, bytes);
      return { ...result, path: relative(ws.dir, path) };
    }
    return { ...result, base64: bytes.toString('base64') };
  },
};
