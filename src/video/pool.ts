import { availableParallelism } from 'node:os';
import type { Binaries } from './binaries.js';
import { runFfmpeg, type RunProgress } from './ffmpeg.js';
import type { FfmpegSpec } from './args/spec.js';

/** Options of an ffmpeg pool. */
export interface PoolOptions {
  /** ffmpeg processes at once (default: one per core). */
  slots?: number;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
}

/**
 * Runs ffmpeg invocations at most `slots` at a time so both cores stay busy: a body encode next
 * to a batch of end cards, then joins two by two. Each x264 gets as many threads as there are
 * cores (DEFAULT_ENCODER): while the long body encode runs alone it still uses both cores, and
 * when two encoders overlap the kernel shares the cores between them.
 */
export class FfmpegPool {
  readonly slots: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly bin: Binaries,
    private readonly opts: PoolOptions = {},
  ) {
    this.slots = Math.max(1, opts.slots ?? availableParallelism());
  }

  /** Runs one invocation when a slot is free; rejects with `cancelled` once the signal fires. */
  async run(spec: FfmpegSpec): Promise<void> {
    await this.acquire();
    try {
      await runFfmpeg(this.bin, spec, { signal: this.opts.signal, onProgress: this.opts.onProgress });
      // Short runs may end before ffmpeg prints any progress line.
      this.opts.onProgress?.({ label: spec.label, percent: 100, seconds: spec.duration });
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.running++, resolve())));
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
