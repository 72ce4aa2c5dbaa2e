import { Worker } from 'node:worker_threads';
import { StudioError } from '../model/index.js';

/** A task message from the pool to a worker (see worker-host.ts for the worker side). */
export type ToWorker<T> = { id: number; task: T };
/** A worker's messages: ready (or not) after setup, then one result or error per task. */
export type FromWorker<R> = { ready: true } | { ready: false; error: string } | { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

interface Job<T, R> {
  id: number;
  task: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Slot<T, R> {
  worker: Worker;
  busy?: Job<T, R>;
  since?: number;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/**
 * A fixed pool of worker threads running one TypeScript module (loaded through tsx). Each worker
 * initialises once (e.g. loads fonts) from `init`, then takes one task at a time; tasks wait in a
 * queue (callers bound it by awaiting results). A crashed worker fails its task and is replaced.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private nextId = 1;
  private closed = false;
  /** Milliseconds workers spent on tasks, summed over workers (busy time / wall time = workers in use). */
  busyMs = 0;

  constructor(
    private readonly module: URL,
    readonly size: number,
    private readonly init: unknown = undefined,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<T, R> {
    const worker = new Worker(BOOT, { workerData: { module: this.module.href, init: this.init } });
    const slot: Slot<T, R> = { worker };
    worker.on('message', (msg: FromWorker<R>) => {
      if ('ready' in msg) {
        if (!msg.ready) this.failAll(new Error(`a render worker could not start: ${msg.error}`));
        return;
      }
      const job = slot.busy;
      if (!job || job.id !== msg.id) return;
      slot.busy = undefined;
      this.busyMs += performance.now() - (slot.since ?? performance.now());
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new Error(msg.error));
      this.pump();
    });
    const died = (err: Error) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (this.closed) return job?.reject(new StudioError('cancelled', 'cancelled'));
      job?.reject(err);
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    worker.on('error', died);
    worker.on('exit', (code) => {
      if (slot.busy || !this.closed) died(new Error(`a render worker stopped (exit code ${code})`));
    });
    return slot;
  }

  /** Runs one task on the next free worker. */
  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(new StudioError('cancelled', 'the worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.since = performance.now();
      slot.worker.postMessage({ id: job.id, task: job.task } satisfies ToWorker<T>);
    }
  }

  private failAll(err: Error): void {
    for (const job of this.queue.splice(0)) job.reject(err);
    for (const slot of this.slots) {
      slot.busy?.reject(err);
      slot.busy = undefined;
    }
  }

  /** Stops every worker; queued and running tasks fail as cancelled. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new StudioError('cancelled', 'cancelled'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
