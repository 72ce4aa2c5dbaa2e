import { randomUUID } from 'node:crypto';
import { codedProgress, toStudioError, type JobStatus, type JobStatusOf, type Progress } from '../model/index.js';

/** Progress with its line's code and parameters beside it (the stage's own code kept when it gave one). */
function withCode(p: Progress): Progress {
  if (!p.current || p.code) return p;
  const { code, params } = codedProgress(p.current);
  return { ...p, code, ...(params ? { params } : {}) };
}

interface Entry {
  status: JobStatus;
  controller: AbortController;
}

/**
 * Long work as jobs: started, polled for progress, cancelled; finished jobs are kept (bounded). One
 * per open workspace (in its services). `Kinds` maps each kind of job to the result it resolves to,
 * so a job's status is typed by its kind.
 */
export class JobRegistry<Kinds extends Record<string, unknown> = Record<string, unknown>> {
  private readonly jobs = new Map<string, Entry>();
  constructor(
    private readonly keep = 50,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts `run` in the background and returns its status at once. */
  start<K extends keyof Kinds & string>(kind: K, run: (ctx: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<Kinds[K]>): JobStatus<K, Kinds[K]> {
    const controller = new AbortController();
    const status: JobStatus<K, Kinds[K]> = { id: randomUUID(), kind, state: 'running', progress: { done: 0, total: 0 }, startedAt: this.now().toISOString() };
    this.jobs.set(status.id, { status: status as JobStatus, controller });
    this.prune();
    run({ signal: controller.signal, onProgress: (p) => (status.progress = withCode(p)) }).then(
      (result) => Object.assign(status, { state: 'done', result, finishedAt: this.now().toISOString() }),
      (err) => {
        const e = toStudioError(err);
        Object.assign(status, { state: e.code === 'cancelled' || controller.signal.aborted ? 'cancelled' : 'failed', error: e.toJSON(), finishedAt: this.now().toISOString() });
      },
    );
    return status;
  }

  /** The status of a job, or undefined. */
  get(id: string): JobStatusOf<Kinds> | undefined {
    return this.jobs.get(id)?.status as JobStatusOf<Kinds> | undefined;
  }

  /** Asks a running job to stop; true when it was running. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.status.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  /** Cancels every running job (the workspace is closing). */
  cancelAll(): void {
    for (const e of this.jobs.values()) if (e.status.state === 'running') e.controller.abort();
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.status.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(e.status.id);
  }
}
