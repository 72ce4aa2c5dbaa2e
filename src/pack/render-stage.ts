import { runPool, type Progress } from '../model/index.js';
import type { PoolImage, PosterPool, RunOptions, WrittenFile } from '../render/pool/pool.js';
import { posterAssetIds } from '../render/workspace.js';
import type { LayerRenderer } from '../video/layers.js';
import type { Workspace } from '../workspace/types.js';
import type { RenderCache } from './cache.js';
import { QR_PX, type OutputSpec } from './outputs.js';
import type { BuiltVariant } from './store-build.js';
import { renderVideos, type VideoJob, type VideoOverrides } from './video-stage.js';

/** An output that is not in the cache yet, with the variant it belongs to. */
export interface PendingOutput {
  spec: OutputSpec;
  variant: BuiltVariant;
}

/** What the render stage did. */
export interface RenderStageResult {
  rendered: number;
  failed: { key: string; output: string; store: string; post: string; groupType: string; reason: string }[];
  /** sha256 of each file rendered in this run (saves reading it again when packing). */
  digests: Map<string, string>;
  notes: string[];
  /** Average number of poster workers busy while the posters rendered (≈ cores used by rendering). */
  parallelism: number;
}

/**
 * Up to this many posters and QR images render on the pool's local lane: starting worker threads
 * (tsx, the render modules, fonts: seconds) costs more than a few posters. The price is the event
 * loop blocked during each poster's layout (well under a second) for such small jobs.
 */
export const IN_PROCESS_MAX = 8;

function label(p: PendingOutput): string {
  const c = p.variant.ctx;
  const what = p.spec.kind === 'poster' ? `poster ${p.spec.size}` : p.spec.kind;
  return `${what} · ${c.store.id} ${c.post.id}/${c.group.id}`;
}

function noteLabel(p: PendingOutput): string {
  const c = p.variant.ctx;
  return `${p.spec.kind === 'poster' ? `poster ${p.spec.size}` : p.spec.kind} · ${c.post.id}/${c.group.id}`;
}

/** Asset files a poster may draw (logo, brand IP, product image, the store's avatar): the lane reads each once. */
function imagePaths(ws: Workspace, v: BuiltVariant): Map<string, PoolImage> {
  const out = new Map<string, PoolImage>();
  for (const id of posterAssetIds(v.ctx)) {
    const record = ws.assets.get(id);
    if (record) out.set(id, { path: ws.assets.path(id), name: record.name });
  }
  return out;
}

/** Renders one poster or QR output into its cache path on the pool. */
function renderOne(ws: Workspace, cache: RenderCache, pool: PosterPool, p: PendingOutput, opts: RunOptions): Promise<WrittenFile> {
  const outPath = cache.pathOf(p.spec.key, p.spec.ext);
  if (p.spec.kind === 'qr') return pool.qrToFile(p.spec.link, QR_PX, outPath, opts);
  if (p.spec.kind !== 'poster') throw new Error('videos are not rendered by the poster pool');
  const t = p.spec.template;
  return pool.renderToFile({ template: { id: t.id, version: t.version, source: t.source }, size: p.spec.size, ctx: p.variant.ctx, images: imagePaths(ws, p.variant), format: 'jpg' }, outPath, opts);
}

/** What a render stage is called with besides the outputs: progress (offset within the export's), cancel, video overrides. */
export interface StageOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  offset?: { done: number; total: number };
  video?: VideoOverrides;
  layers?: LayerRenderer;
}

/**
 * Renders the outputs the cache lacks into the cache and says what it did. The local one is
 * `renderPending` on the poster pool; src/jobs/queue has one that hands the work to render workers
 * over a queue. Either way the cache ends up with the same files, so packs come out the same.
 */
export type RenderStage = (ws: Workspace, cache: RenderCache, pending: PendingOutput[], opts: StageOptions) => Promise<RenderStageResult>;

/**
 * Renders the missing outputs into the cache: posters and QR images on the poster pool, videos
 * through the video module. Every file is written to the cache (and hashed) as soon as it is made.
 */
export async function renderPending(ws: Workspace, cache: RenderCache, pool: PosterPool, pending: PendingOutput[], opts: StageOptions): Promise<RenderStageResult> {
  const result: RenderStageResult = { rendered: 0, failed: [], digests: new Map(), notes: [], parallelism: 0 };
  const notes = new Set<string>(); // the same note for every store is told once
  const fail = (p: PendingOutput, err: unknown) => {
    const c = p.variant.ctx;
    result.failed.push({ key: p.spec.key, output: p.spec.kind === 'poster' ? `poster-${p.spec.size}` : p.spec.kind, store: c.store.id, post: c.post.id, groupType: c.group.id, reason: err instanceof Error ? err.message : String(err) });
  };
  const images = pending.filter((p) => p.spec.kind === 'poster' || p.spec.kind === 'qr');
  const videos = pending.filter((p) => p.spec.kind === 'video' || p.spec.kind === 'cover');
  const base = opts.offset ?? { done: 0, total: pending.length };
  const emit = (p: Progress) => opts.onProgress?.({ ...p, done: base.done + p.done, total: base.total });
  if (images.length) {
    // Many outputs, or workers already running (warm), on the pool's worker threads; a few on the
    // local lane when that saves starting the workers.
    const local = pool.workers === 0 || (images.length <= IN_PROCESS_MAX && !pool.warm());
    const run: RunOptions = { lane: local ? 'local' : 'workers', signal: opts.signal };
    const lanes = run.lane === 'local' ? 1 : pool.workers;
    const busy0 = pool.busyMs();
    const t0 = performance.now();
    await runPool(
      images,
      async (p) => {
        try {
          const done = await renderOne(ws, cache, pool, p, run);
          result.rendered++;
          result.digests.set(p.spec.key, done.sha256);
          for (const n of done.notes) notes.add(`${noteLabel(p)}: ${n}`);
        } catch (err) {
          if (opts.signal?.aborted) throw err;
          fail(p, err);
        }
      },
      // Two tasks in flight per lane keep every lane busy; memory stays bounded whatever the number of stores.
      { concurrency: lanes * 2, signal: opts.signal, onProgress: emit, label },
    );
    result.parallelism = (pool.busyMs() - busy0) / Math.max(1, performance.now() - t0);
  }
  if (videos.length) {
    const jobs: VideoJob[] = videos.map((p) => ({ key: p.spec.key, outPath: cache.pathOf(p.spec.key, p.spec.ext), variant: p.variant, spec: p.spec }));
    const done = images.length;
    const r = await renderVideos(ws, jobs, { signal: opts.signal, overrides: opts.video, layers: opts.layers, onProgress: (p) => emit({ ...p, done: done + p.done }) });
    for (const j of jobs) {
      const err = r.errors.get(j.key);
      if (err) fail({ spec: j.spec, variant: j.variant }, err);
      else result.rendered++;
    }
  }
  result.notes = [...notes];
  return result;
}
