import type { z } from 'zod';
import { StudioError } from './errors.js';
import type { ProgressSchema } from './job.js';

/** Progress of a long call (render, export): done of total, the current item, ETA in seconds. */
export type Progress = z.infer<typeof ProgressSchema>;

/** Where long work reports progress and learns it was cancelled. */
export interface LongWork {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** Throws StudioError `cancelled` when the signal has fired. */
export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new StudioError('cancelled', 'cancelled by the user');
}

/**
 * A pause in long work on data already in memory: lets timers, I/O and incoming requests (a
 * progress poll, a cancel) run, then throws StudioError `cancelled` when the signal has fired.
 */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  await new Promise<void>((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
  throwIfCancelled(signal);
}

/** Tracks done/total and estimates the time left from the average pace so far. */
export class ProgressMeter {
  private done = 0;
  private readonly started = Date.now();
  constructor(
    private readonly total: number,
    private readonly emit?: (p: Progress) => void,
  ) {}

  /** Marks one item done and emits progress with an ETA. */
  tick(current?: string): void {
    this.done++;
    const elapsed = (Date.now() - this.started) / 1000;
    const etaSeconds = this.done > 0 ? Math.round((elapsed / this.done) * (this.total - this.done)) : undefined;
    this.emit?.({ done: this.done, total: this.total, current, etaSeconds });
  }

  /** Emits the current state (e.g. the item that just started). */
  report(current?: string): void {
    this.emit?.({ done: this.done, total: this.total, current });
  }
}

/**
 * Runs `worker` over items with at most `concurrency` at once, in order of items, stopping
 * early on cancel (running tasks finish or see the signal; no new ones start). Results keep order.
 */
export async function runPool<T, R>(
  items: readonly T[],
  worker: (item: T, index: number, signal?: AbortSignal) => Promise<R>,
  opts: { concurrency: number; signal?: AbortSignal; onProgress?: (p: Progress) => void; label?: (item: T) => string },
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const meter = new ProgressMeter(items.length, opts.onProgress);
  let next = 0;
  const lanes = Math.max(1, Math.min(opts.concurrency, items.length));
  const lane = async () => {
    while (next < items.length) {
      throwIfCancelled(opts.signal);
      const i = next++;
      const item = items[i]!;
      results[i] = await worker(item, i, opts.signal);
      meter.tick(opts.label?.(item));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
