import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ImageInputError } from './images.js';
import { QrError } from './qr.js';
import type { PosterRenderer, PosterRendererOptions, PosterRenderInput, RenderedPoster } from './renderer.js';
import type { PoolRequest } from './poolWorker.js';
import { PosterTemplateError } from './templateSource.js';
import { TextFitError } from './textFit.js';

/** A renderer that spreads posters over worker threads (one renderer with its own fonts and caches each). */
export interface PosterRendererPool extends PosterRenderer {
  readonly workers: number;
  /** Stops the workers (pending renders are rejected). */
  close(): Promise<void>;
}

const ERRORS: Record<string, new (m: string) => Error> = { PosterTemplateError, ImageInputError, QrError, TextFitError };

interface Lane {
  worker: Worker;
  pending: Map<number, { resolve: (r: RenderedPoster) => void; reject: (e: Error) => void }>;
  images: Set<string>;
}

/** Starts a worker running poolWorker: compiled .js directly, TypeScript sources through tsx. */
function spawn(opts: PosterRendererOptions): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './poolWorker.ts' : './poolWorker.js', import.meta.url);
  const data = { cacheDir: opts.cacheDir, maxBases: opts.maxBases, spliceJpeg: opts.spliceJpeg };
  if (url.pathname.endsWith('.ts')) {
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
    return new Worker(boot, { eval: true, workerData: data });
  }
  return new Worker(url, { workerData: data });
}

/**
 * Creates a pool of `workers` poster renderers (default: one per core, at most 4). Each poster
 * goes to the lane with the fewest renders in flight, preferring the lane that last rendered
 * the same template, post, group and size (its shared layer is then already cached).
 */
export function createPosterRendererPool(opts: PosterRendererOptions & { workers?: number } = {}): PosterRendererPool {
  const n = Math.max(1, opts.workers ?? Math.min(4, availableParallelism()));
  const lanes: Lane[] = Array.from({ length: n }, () => ({ worker: spawn(opts), pending: new Map(), images: new Set<string>() }));
  const affinity = new Map<string, number>();
  let nextId = 1;
  let baseHits = 0;
  let baseMisses = 0;
  for (const lane of lanes) {
    lane.worker.on('message', (msg: { id: number; ok: boolean; out?: RenderedPoster & { bytes: Uint8Array }; error?: { name: string; message: string } }) => {
      const p = lane.pending.get(msg.id);
      if (!p) return;
      lane.pending.delete(msg.id);
      if (msg.ok && msg.out) {
        const out = msg.out;
        if (out.baseCached) baseHits++;
        else baseMisses++;
        p.resolve({ ...out, bytes: Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength) });
      } else {
        const Ctor = ERRORS[msg.error?.name ?? ''] ?? Error;
        const e = new Ctor(msg.error?.message ?? 'render failed in a worker');
        p.reject(e);
      }
    });
    lane.worker.on('error', (err) => {
      for (const p of lane.pending.values()) p.reject(err);
      lane.pending.clear();
    });
  }

  function pick(input: PosterRenderInput): number {
    const key = `${input.template.id}@${input.template.version}|${input.ctx.post.id}|${input.ctx.group.id}|${input.size}`;
    const least = lanes.reduce((best, l, i) => (l.pending.size < lanes[best]!.pending.size ? i : best), 0);
    const pref = affinity.get(key);
    const chosen = pref !== undefined && lanes[pref]!.pending.size <= lanes[least]!.pending.size + 1 ? pref : least;
    affinity.set(key, chosen);
    return chosen;
  }

  function render(input: PosterRenderInput): Promise<RenderedPoster> {
    const li = pick(input);
    const lane = lanes[li]!;
    const id = nextId++;
    const newImages: PoolRequest['newImages'] = [];
    for (const [aid, img] of input.images) {
      if (lane.images.has(aid)) continue;
      lane.images.add(aid);
      const bytes = Buffer.isBuffer(img) ? img : img.bytes;
      newImages.push([aid, new Uint8Array(bytes), Buffer.isBuffer(img) ? undefined : img.name]);
    }
    const { images, ...rest } = input;
    const req: PoolRequest = { id, input: rest, newImages, imageIds: [...images.keys()] };
    return new Promise((resolve, reject) => {
      lane.pending.set(id, { resolve, reject });
      lane.worker.postMessage(req);
    });
  }

  return {
    workers: n,
    render,
    stats: () => ({ baseHits, baseMisses }),
    async close() {
      await Promise.all(lanes.map((l) => l.worker.terminate()));
      for (const l of lanes) for (const p of l.pending.values()) p.reject(new Error('poster pool closed'));
    },
  };
}
