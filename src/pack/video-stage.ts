import type { Progress } from '../model/index.js';
import { renderVideoCovers, renderVideoItems, VIDEO_RENDERER_VERSION as VIDEO_VERSION } from '../video/index.js';
import type { VideoFormat } from '../video/args/index.js';
import type { LayerRenderer } from '../video/layers.js';
import type { Workspace } from '../workspace/types.js';
import type { OutputSpec } from './outputs.js';
import type { BuiltVariant } from './store-build.js';

/** The video renderer's version (part of every video output key). */
export const VIDEO_RENDERER_VERSION = VIDEO_VERSION;

/** One video to render into the cache. */
export interface VideoJob {
  key: string;
  outPath: string;
  variant: BuiltVariant;
  spec: OutputSpec;
}

/** Overrides for tests: a smaller frame renders in a fraction of the time. */
export interface VideoOverrides {
  format?: VideoFormat;
}

/**
 * The exporter's one call into src/video (`renderVideoItems`): grouped by storyboard version ×
 * post × size, each group encodes its body once and every store's end card in batches, writing
 * each accepted video to its cache path, and each video's cover.jpg. Returns the failures by key; a cancel is thrown.
 */
export async function renderVideos(
  ws: Workspace,
  jobs: VideoJob[],
  opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void; overrides?: VideoOverrides; layers?: LayerRenderer },
): Promise<{ errors: Map<string, Error> }> {
  const item = (j: VideoJob) => (j.spec.kind === 'video' || j.spec.kind === 'cover' ? [{ key: j.key, ctx: j.variant.ctx, template: { id: j.spec.template.id, version: j.spec.template.version, source: j.spec.template.source }, output: j.outPath, size: j.spec.size }] : []);
  const items = jobs.filter((j) => j.spec.kind === 'video').flatMap(item);
  const covers = jobs.filter((j) => j.spec.kind === 'cover').flatMap(item);
  const errors = await renderVideoItems(ws, items, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.overrides?.format ? { format: opts.overrides.format } : {}),
    ...(opts.layers ? { renderer: opts.layers } : {}),
    onProgress: (p) => opts.onProgress?.({ done: p.done, total: p.total, current: `video ${p.current} (${Math.round(p.percent)}%)` }),
  });
  // Covers are one picture each (no ffmpeg): the first frame as the encoder draws it.
  const coverErrors = await renderVideoCovers(ws, covers, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.overrides?.format ? { format: opts.overrides.format } : {}), ...(opts.layers ? { renderer: opts.layers } : {}) });
  for (const [k, e] of coverErrors) errors.set(k, e);
  return { errors };
}
