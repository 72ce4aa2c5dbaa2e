import { join } from 'node:path';
import { planVariants } from '../../compose/compose.js';
import { PosterSize } from '../../model/index.js';
import { createPosterRendererPool } from '../../render/pool.js';
import { createPosterRenderer, type ImageInput, type PosterRenderer, type PosterRenderInput } from '../../render/renderer.js';
import type { PosterFormat } from '../../render/raster.js';
import { posterCacheDir, posterContext, posterFileName, posterTemplateFor, workspacePosterImages, writeFileAtomic } from '../../render/workspace.js';
import type { Workspace } from '../../workspace/types.js';
import type { CliCommand } from '../types.js';
import { parseFlags, required, UsageError, VARIANT_FLAGS, withWorkspace } from '../util.js';

const FORMATS: PosterFormat[] = ['jpg', 'png', 'webp'];
/** Above this many posters the work is spread over worker threads. */
const POOL_FROM = 12;

function parseSizes(value: string | undefined): PosterSize[] | undefined {
  if (!value) return undefined;
  const sizes = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of sizes) if (!PosterSize.safeParse(s).success) throw new UsageError(`--size: "${s}" is not one of 9x16, 1x1, 3x4`);
  return sizes as PosterSize[];
}

/**
 * Renders the videos of the same variants through src/video. Kept to one call so the video
 * stage owns how videos are made; a clear error when that stage is not available.
 */
async function renderVideos(ws: Workspace, requests: { post: string; group: string; store: string; output: string }[]): Promise<number> {
  let video: typeof import('../../video/index.js');
  try {
    video = await import('../../video/index.js');
  } catch {
    process.stderr.write('shequn: video rendering not available in this build\n');
    return 2;
  }
  const done = await video.renderWorkspaceVideos(ws, requests);
  for (const v of done) process.stdout.write(`${v.path}\n`);
  return 0;
}

export const command: CliCommand = {
  name: 'render',
  summary: 'Render the posters (and with --video the videos) of a post for each store and group type, one file per variant and size.',
  usage: 'shequn render -w DIR --post ID [--group G] [--store S] [--size 9x16,1x1,3x4] [--format jpg|png|webp] [--template ID[@V]] [--draft] --out DIR [--video]',
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        ...VARIANT_FLAGS,
        size: { type: 'string' },
        format: { type: 'string' },
        template: { type: 'string' },
        draft: { type: 'boolean' },
        out: { type: 'string' },
        video: { type: 'boolean' },
      },
      false,
    );
    const postId = required(values.post, '--post ID');
    const out = required(values.out, '--out DIR');
    const format = (values.format ?? 'jpg') as PosterFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format: "${values.format}" is not one of jpg, png, webp`);
    const sizes = parseSizes(values.size);
    const tmpl = values.template ? /^([A-Za-z0-9][A-Za-z0-9_-]*)(?:@(\d+))?$/.exec(values.template) : undefined;
    if (values.template && !tmpl) throw new UsageError('--template: use ID or ID@VERSION');
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const { ws } = studio;
        const data = ws.data();
        const plan = planVariants(data, { post: postId, group: values.group, store: values.store });
        if (!plan.length) throw new UsageError(`no variants: no active store runs a group type post "${postId}" goes to${values.group ? ` (group ${values.group})` : ''}${values.store ? ` (store ${values.store})` : ''}`);
        const jobs: { input: PosterRenderInput; file: string }[] = [];
        const imageCache = new Map<string, Promise<ImageInput>>();
        for (const v of plan) {
          if (!values.group && !v.group.rules.formats.includes('poster')) continue;
          const template = posterTemplateFor(data, v.post, tmpl ? { id: tmpl[1]!, version: tmpl[2] ? Number(tmpl[2]) : undefined } : undefined);
          const ctx = posterContext(data, v.post, v.group.id, v.store.id);
          const images = await workspacePosterImages(ws, ctx, imageCache);
          for (const size of sizes ?? v.group.rules.sizes) {
            jobs.push({ input: { template, size, ctx, images, format, draft: values.draft }, file: join(out, posterFileName(v.post.id, v.group.id, v.store.id, size, format)) });
          }
        }
        if (!jobs.length) throw new UsageError(`no posters: the group types of post "${postId}" have no poster format (pass --group to render one anyway)`);
        const renderer: PosterRenderer & { close?: () => Promise<void> } =
          jobs.length >= POOL_FROM ? createPosterRendererPool({ cacheDir: posterCacheDir(ws), workers: 2 }) : createPosterRenderer({ cacheDir: posterCacheDir(ws) });
        let failed = 0;
        try {
          await Promise.all(
            jobs.map(async (job) => {
              try {
                const r = await renderer.render(job.input);
                await writeFileAtomic(job.file, r.bytes);
                process.stdout.write(`${job.file}\n`);
                for (const n of r.notes) process.stderr.write(`note: ${job.file}: ${n}\n`);
              } catch (err) {
                failed++;
                process.stderr.write(`shequn: ${job.file}: ${(err as Error).message.split('\n')[0]}\n`);
              }
            }),
          );
        } finally {
          await renderer.close?.();
        }
        process.stderr.write(`${jobs.length - failed} of ${jobs.length} posters written to ${out}\n`);
        if (values.video) {
          // Each variant's video.mp4 beside its posters: <post>__<group>__<store>__video.mp4.
          const videos = plan.map((v) => ({ post: v.post.id, group: v.group.id, store: v.store.id, output: join(out, posterFileName(v.post.id, v.group.id, v.store.id, '9x16', 'jpg').replace(/__9x16\.jpg$/, '__video.mp4')) }));
          const code = await renderVideos(ws, videos);
          if (code) return code;
        }
        return failed ? 2 : 0;
      },
      { readOnly: true },
    );
  },
};
