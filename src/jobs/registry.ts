import { randomUUID } from 'node:crypto';
import type { Progress } from '../api/context.js';
import { toApiError } from '../api/dispatcher.js';

/** A job's state as the UI polls it. */
export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: Progress;
  startedAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: { code: string; message: string; field?: string };
}

interface Entry {
  status: JobStatus;
  controller: AbortController;
}

/** Long work as jobs: started, polled for progress, cancelled; finished jobs are kept (bounded). */
export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();
  constructor(private readonly keep = 50) {}

  /** Starts `run` in the background and returns its id at once. */
  start(kind: string, run: (ctx: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<unknown>): JobStatus {
    const controller = new AbortController();
    const status: JobStatus = { id: randomUUID(), kind, state: 'running', progress: { done: 0, total: 0 }, startedAt: new Date().toISOString() };
    this.jobs.set(status.id, { status, controller });
    this.prune();
    run({ signal: controller.signal, onProgress: (p) => (status.progress = p) }).then(
      (result) => Object.assign(status, { state: 'done', result, finishedAt: new Date().toISOString() }),
      (err) => {
        const e = toApiError(err);
        Object.assign(status, { state: e.code === 'cancelled' || controller.signal.aborted ? 'cancelled' : 'failed', error: e.toJSON(), finishedAt: new Date().toISOString() });
      },
    );
    return status;
  }

  /** The status of a job, or undefined. */
  get(id: string): JobStatus | undefined {
    return this.jobs.get(id)?.status;
  }

  /** Asks a running job to stop; true when it was running. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.status.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.status.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(e.status.id);
  }
}
