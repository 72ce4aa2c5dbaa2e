import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StudioError } from '../../model/index.js';
import { ImageInputError } from '../image/images.js';
import { QrError } from '../qr/qr.js';
import type { PosterRenderer, PosterRendererOptions, RenderedPoster } from '../renderer.js';
import { PosterTemplateError } from '../template/source.js';
import { TextFitError } from '../text/text-fit.js';
import { createLane, type Lane } from './lane.js';
import { sharedLayerHint } from '../layout/poster-context.js';
import type { LaneImage, LaneReply, LaneRequest, LaneResult, LaneTask, PoolPosterInput, WorkerOptions, WrittenFile } from './protocol.js';
import { loadFonts } from '../text/fonts.js';

export type { PoolImage, PoolPosterInput, WrittenFile } from './protocol.js';

/** Where a task runs: this thread's warm lane (previews, a few posters) or the worker threads (batches). */
export type LaneChoice = 'local' | 'workers';

/** Per-call options of the pool. */
export interface RunOptions {
  /** Default: 'workers' when the pool has workers, else 'local'. Previews pass 'local' so they never queue behind an export. */
  lane?: LaneChoice;
  /** A task still waiting when this fires is dropped (rejected as cancelled); running ones finish. */
  signal?: AbortSignal;
}

/** Options of createPosterPool. */
export interface PosterPoolOptions extends PosterRendererOptions {
  /** Worker threads for batch work, started on first use and kept until close (default: one per core, at most 4; 0 = none). */
  workers?: number;
  /** Font files every lane loads instead of the package's fonts (a render worker draws with the fonts the studio sent). */
  fontFiles?: { regular: string; bold: string };
}

/**
 * THE poster pool (CLI render, previews, proofs and export use it): satori is single-threaded
 * JavaScript, so batches spread over worker threads, each a lane with its own renderer, fonts and
 * caches; a local lane in this thread serves previews and small jobs without the start-up cost of a
 * thread. Posters of one shared layer (template × post × group type × size × texts) go to the lane
 * that rendered the last one (the layer is warm there).
 */
export interface PosterPool extends PosterRenderer {
  readonly workers: number;
  render(input: PoolPosterInput, opts?: RunOptions): Promise<RenderedPoster>;
  /** Renders a poster straight into `path` (atomically), returning its digest and notes. */
  renderToFile(input: PoolPosterInput, path: string, opts?: RunOptions): Promise<WrittenFile>;
  /** Draws a standalone QR image (PNG, `px` square) of `link` into `path`, checked to decode back to it. */
  qrToFile(link: string, px: number, path: string, opts?: RunOptions): Promise<WrittenFile>;
  /** The same QR image as bytes (a render worker stores it itself). */
  qrImage(link: string, px: number, opts?: RunOptions): Promise<Buffer>;
  /** Milliseconds lanes spent on tasks, summed over lanes (busy time / wall time = lanes in use). */
  busyMs(): number;
  /** True once the worker threads run (warm: a small batch costs them nothing to start any more). */
  warm(): boolean;
  /** Stops the worker threads; waiting and running worker tasks are rejected as cancelled. */
  close(): Promise<void>;
}

const ERRORS: Record<string, new (m: string) => Error> = { PosterTemplateError, ImageInputError, QrError, TextFitError };
/** Tasks in flight per worker: one running, one waiting in its message queue (no idle gap between tasks). */
const PER_WORKER = 2;

interface Job {
  task: LaneTask;
  images: [string, LaneImage][];
  affinity?: string;
  signal?: AbortSignal;
  resolve: (r: LaneResult) => void;
  reject: (e: Error) => void;
  onAbort?: () => void;
}

interface WorkerLane {
  worker: Worker;
  running: Map<number, Job>;
  images: Set<string>;
  /** When the lane last went from idle to busy (busy time counts while anything runs on it). */
  since: number;
}

/** Starts a worker thread running worker.ts: compiled .js directly, TypeScript sources through tsx. */
function spawn(opts: PosterPoolOptions): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  const data: WorkerOptions = { cacheDir: opts.cacheDir, maxBases: opts.maxBases, spliceJpeg: opts.spliceJpeg, fontFiles: opts.fontFiles };
  if (url.pathname.endsWith('.ts')) {
    // Module hooks registered in the main thread do not reach workers: register tsx in the worker first.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
    return new Worker(boot, { eval: true, workerData: data });
  }
  return new Worker(url, { workerData: data });
}

const cancelled = () => new StudioError('cancelled', 'cancelled');

function laneImages(input: PoolPosterInput): [string, LaneImage][] {
  return [...input.images].map(([id, img]) => [id, Buffer.isBuffer(img) ? { bytes: img } : 'path' in img ? { path: img.path, name: img.name } : { bytes: img.bytes, name: img.name }]);
}

function revive(r: LaneResult): LaneResult {
  const buf = (b: Uint8Array | undefined) => (b && !Buffer.isBuffer(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : b);
  if (r.kind === 'poster') return { ...r, poster: { ...r.poster, ...(r.poster.bytes ? { bytes: buf(r.poster.bytes) } : {}) } };
  return { ...r, ...(r.png ? { png: buf(r.png) } : {}) };
}

/** Creates the pool. Worker threads start only when a task asks for them. */
export function createPosterPool(opts: PosterPoolOptions = {}): PosterPool {
  const size = Math.max(0, opts.workers ?? Math.min(4, availableParallelism()));
  let local: Lane | undefined;
  const lanes: WorkerLane[] = [];
  const queue: Job[] = [];
  const affinity = new Map<string, WorkerLane>();
  let nextId = 1;
  let busy = 0;
  let closed = false;
  let baseHits = 0;
  let baseMisses = 0;

  const count = (r: LaneResult) => {
    if (r.kind === 'poster') r.poster.baseCached ? baseHits++ : baseMisses++;
    return r;
  };

  function startWorkers(): void {
    while (lanes.length < size) lanes.push(watch({ worker: spawn(opts), running: new Map(), images: new Set(), since: 0 }));
  }

  function watch(lane: WorkerLane): WorkerLane {
    lane.worker.on('message', (msg: LaneReply) => {
      const job = lane.running.get(msg.id);
      if (!job) return;
      lane.running.delete(msg.id);
      if (!lane.running.size) busy += performance.now() - lane.since;
      if (msg.ok) job.resolve(count(revive(msg.result)));
      else job.reject(new (ERRORS[msg.error.name] ?? Error)(msg.error.message));
      pump();
    });
    const died = (err: Error) => {
      for (const job of lane.running.values()) job.reject(closed ? cancelled() : err);
      lane.running.clear();
      const i = lanes.indexOf(lane);
      if (i >= 0) lanes.splice(i, 1);
      for (const [k, l] of affinity) if (l === lane) affinity.delete(k);
      if (!closed) {
        // A crashed worker fails its own tasks only; a fresh one takes its place.
        lanes.push(watch({ worker: spawn(opts), running: new Map(), images: new Set(), since: 0 }));
        pump();
      }
    };
    lane.worker.on('error', died);
    lane.worker.on('exit', (code) => {
      if (!closed || lane.running.size) died(new Error(`a poster worker stopped (exit code ${code})`));
    });
    return lane;
  }

  function pick(job: Job): WorkerLane | undefined {
    const free = lanes.filter((l) => l.running.size < PER_WORKER);
    if (!free.length) return undefined;
    const least = free.reduce((a, b) => (b.running.size < a.running.size ? b : a));
    const pref = job.affinity ? affinity.get(job.affinity) : undefined;
    const chosen = pref && free.includes(pref) && pref.running.size <= least.running.size + 1 ? pref : least;
    if (job.affinity) affinity.set(job.affinity, chosen);
    return chosen;
  }

  function pump(): void {
    while (queue.length) {
      const lane = pick(queue[0]!);
      if (!lane) return;
      const job = queue.shift()!;
      if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
      const id = nextId++;
      const newImages = job.images.filter(([imageId]) => !lane.images.has(imageId));
      for (const [imageId] of newImages) lane.images.add(imageId);
      if (!lane.running.size) lane.since = performance.now();
      lane.running.set(id, job);
      lane.worker.postMessage({ id, task: job.task, newImages } satisfies LaneRequest);
    }
  }

  async function runLocal(task: LaneTask, images: [string, LaneImage][]): Promise<LaneResult> {
    local ??= createLane(opts.fontFiles && !opts.fonts ? { ...opts, fonts: loadFonts(opts.fontFiles) } : opts);
    for (const [id, img] of images) local.addImage(id, img);
    const t0 = performance.now();
    try {
      return count(await local.run(task));
    } finally {
      busy += performance.now() - t0;
    }
  }

  function run(task: LaneTask, images: [string, LaneImage][], affinityKey: string | undefined, o: RunOptions = {}): Promise<LaneResult> {
    if (closed) return Promise.reject(new StudioError('cancelled', 'the poster pool is closed'));
    if (o.signal?.aborted) return Promise.reject(cancelled());
    const lane = o.lane ?? (size > 0 ? 'workers' : 'local');
    if (lane === 'local' || size === 0) return runLocal(task, images);
    startWorkers();
    return new Promise<LaneResult>((resolve, reject) => {
      const job: Job = { task, images, affinity: affinityKey, signal: o.signal, resolve, reject };
      if (o.signal) {
        job.onAbort = () => {
          const i = queue.indexOf(job);
          if (i >= 0) queue.splice(i, 1);
          reject(cancelled());
        };
        o.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      queue.push(job);
      pump();
    });
  }

  const keyOf = (input: PoolPosterInput) => `${input.template.id}@${input.template.version}|${input.ctx.post.id}|${input.ctx.group.id}|${input.size}|${sharedLayerHint(input.ctx)}`;
  const posterTask = (input: PoolPosterInput, out?: string): LaneTask => {
    const { images, ...rest } = input;
    return { kind: 'poster', input: rest, imageIds: [...images.keys()], ...(out ? { out } : {}) };
  };

  return {
    workers: size,
    async render(input, o) {
      const r = await run(posterTask(input), laneImages(input), keyOf(input), o);
      if (r.kind !== 'poster' || !r.poster.bytes) throw new Error('the poster pool answered without a poster');
      return r.poster as RenderedPoster;
    },
    async renderToFile(input, path, o) {
      const r = await run(posterTask(input, path), laneImages(input), keyOf(input), o);
      if (!r.file) throw new Error('the poster pool answered without a file');
      return r.file;
    },
    async qrToFile(link, px, path, o) {
      const r = await run({ kind: 'qr', link, px, out: path }, [], undefined, o);
      if (!r.file) throw new Error('the poster pool answered without a file');
      return r.file;
    },
    async qrImage(link, px, o) {
      const r = await run({ kind: 'qr', link, px }, [], undefined, o);
      if (r.kind !== 'qr' || !r.png) throw new Error('the poster pool answered without an image');
      return r.png;
    },
    stats: () => ({ baseHits, baseMisses }),
    busyMs: () => busy,
    warm: () => lanes.length > 0,
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(cancelled());
      await Promise.all(lanes.map((l) => l.worker.terminate()));
    },
  };
}
