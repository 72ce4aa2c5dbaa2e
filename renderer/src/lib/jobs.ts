import type { MethodOutput } from '@contract';
import { api } from '../client';

type Job = MethodOutput<'jobs.get'>;

/**
 * Follows job `id` until it ends: its progress goes to `onProgress` every `everyMs` while it runs,
 * and its last status is returned. Undefined once `current()` says the caller has moved on (the
 * dialog closed, another file picked): nothing more is reported then.
 */
export async function followJob(id: string, opts: { current(): boolean; onProgress(p: Job['progress']): void; everyMs?: number }): Promise<Job | undefined> {
  for (;;) {
    const j = await api('jobs.get', { id });
    if (!opts.current()) return undefined;
    if (j.state !== 'running') return j;
    opts.onProgress(j.progress);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 400));
  }
}
