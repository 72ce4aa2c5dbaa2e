import { join } from 'node:path';
import type { Progress } from '../model/index.js';
import { availableParallelism } from 'node:os';
import { runPool } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import { RenderCache } from './cache.js';
import type { OutputSpec } from './outputs.js';
import { createRenderHandler, type RenderDone, type RenderInit, type RenderTask } from './render-task.js';
import type { BuiltVariant } from './store-build.js';
import { renderVideos, type VideoJob, type VideoOverrides } from './video-stage.js';
import { WorkerPool } from './worker-pool.js';

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

const WORKER = new URL('./render-worker.ts', import.meta.url);

/**
 * Up to this many posters and QR images the main thread renders them itself: starting a worker
 * thread (tsx, the render modules, fonts: seconds) costs more than a few posters. The price is
 * the event loop blocked during each poster's layout (well under a second) for such small jobs.
 */
export const IN_PROCESS_MAX = 8;

/** Renders tasks: a pool of worker threads, or this thread. */
interface Runner {
  size: number;
  busyMs: number;
  run(task: RenderTask): Promise<RenderDone>;
  close(): Promise<void>;
}

// The in-process renderer stays warm for later exports of a long-running process (studio, server).
const local = new Map<string, Promise<(task: RenderTask) => Promise<RenderDone>>>();

function inProcess(init: RenderInit): Runner {
  const key = init.baseCacheDir ?? '';
  let handler = local.get(key);
  if (!handler) {
    handler = createRenderHandler(init);
    handler.catch(() => local.delete(key));
    local.set(key, handler);
  }
  const runner: Runner = {
    size: 1,
    busyMs: 0,
    async run(task) {
      const t0 = performance.now();
      try {
        return await (await handler)(task);
      } finally {
        runner.busyMs += performance.now() - t0;
      }
    },
    close: async () => {},
  };
  return runner;
}

function label(p: PendingOutput): string {
  const c = p.variant.ctx;
  const what = p.spec.kind === 'poster' ? `poster ${p.spec.size}` : p.spec.kind;
  return `${what} · ${c.store.id} ${c.post.id}/${c.group.id}`;
}

function noteLabel(p: PendingOutput): string {
  const c = p.variant.ctx;
  return `${p.spec.kind === 'poster' ? `poster ${p.spec.size}` : p.spec.kind} · ${c.post.id}/${c.group.id}`;
}

/** Asset paths a poster may draw (logo, brand IP, product image, the store's avatar). */
function imagePaths(ws: Workspace, v: BuiltVariant): Record<string, string> {
  const c = v.ctx;
  const out: Record<string, string> = {};
  for (const id of [c.brand.logo, c.brand.ip.image, c.post.product.image, c.store.avatar]) if (id && ws.assets.get(id)) out[id] = ws.assets.path(id);
  return out;
}

function task(ws: Workspace, cache: RenderCache, p: PendingOutput): RenderTask {
  const outPath = cache.pathOf(p.spec.key, p.spec.ext);
  if (p.spec.kind === 'qr') return { kind: 'qr', outPath, link: p.spec.link };
  if (p.spec.kind !== 'poster') throw new Error('videos are not rendered by the poster workers');
  const t = p.spec.template;
  return { kind: 'poster', outPath, template: { id: t.id, version: t.version, source: t.source }, size: p.spec.size, ctx: p.variant.ctx, images: imagePaths(ws, p.variant) };
}

/**
 * Renders the missing outputs into the cache: posters and QR images on a pool of worker threads
 * (satori is single-threaded JS: one worker per core, each loading fonts once), videos through the
 * video module. At most two tasks per worker are in flight, so memory stays bounded whatever the
 * number of stores; every file is written to the cache as soon as it is made.
 */
export async function renderPending(
  ws: Workspace,
  cache: RenderCache,
  pending: PendingOutput[],
  opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void; workers?: number; offset?: { done: number; total: number }; video?: VideoOverrides },
): Promise<RenderStageResult> {
  const result: RenderStageResult = { rendered: 0, failed: [], digests: new Map(), notes: [], parallelism: 0 };
  const notes = new Set<string>(); // the same note for every store is told once
  const fail = (p: PendingOutput, err: unknown) => {
    const c = p.variant.ctx;
    result.failed.push({ key: p.spec.key, output: p.spec.kind === 'poster' ? `poster-${p.spec.size}` : p.spec.kind, store: c.store.id, post: c.post.id, groupType: c.group.id, reason: err instanceof Error ? err.message : String(err) });
  };
  const images = pending.filter((p) => p.spec.kind !== 'video');
  const videos = pending.filter((p) => p.spec.kind === 'video');
  const base = opts.offset ?? { done: 0, total: pending.length };
  const emit = (p: Progress) => opts.onProgress?.({ ...p, done: base.done + p.done, total: base.total });
  if (images.length) {
    const init: RenderInit = { baseCacheDir: join(cache.dir, 'bases') };
    const workers = opts.workers ?? (images.length <= IN_PROCESS_MAX ? 0 : availableParallelism());
    const pool: Runner = workers < 1 ? inProcess(init) : new WorkerPool<RenderTask, RenderDone>(WORKER, Math.min(workers, images.length), init);
    const size = pool.size;
    const onAbort = () => void pool.close();
    const t0 = performance.now();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await runPool(
        images,
        async (p) => {
          try {
            const done = await pool.run(task(ws, cache, p));
            result.rendered++;
            result.digests.set(p.spec.key, done.sha256);
            for (const n of done.notes) notes.add(`${noteLabel(p)}: ${n}`);
          } catch (err) {
            if (opts.signal?.aborted) throw err;
            fail(p, err);
          }
        },
        { concurrency: size * 2, signal: opts.signal, onProgress: emit, label },
      );
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      result.parallelism = pool.busyMs / Math.max(1, performance.now() - t0);
      await pool.close();
    }
  }
  if (videos.length) {
    const jobs: VideoJob[] = videos.map((p) => ({ key: p.spec.key, outPath: cache.pathOf(p.spec.key, p.spec.ext), variant: p.variant, spec: p.spec }));
    const done = images.length;
    const r = await renderVideos(ws, jobs, { signal: opts.signal, overrides: opts.video, onProgress: (p) => emit({ ...p, done: done + p.done }) });
    for (const j of jobs) {
      const err = r.errors.get(j.key);
      if (err) fail({ spec: j.spec, variant: j.variant }, err);
      else result.rendered++;
    }
  }
  result.notes = [...notes];
  return result;
}
