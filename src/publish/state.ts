import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PublishTarget, StudioError } from '../model/index.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { processAlive } from '../workspace/index.js';

/** One store's last publish, as the studio shows it. */
export interface PublishedStore {
  token: string;
  url: string;
  publishedAt: string;
  packKey: string;
  /** False when every entry had expired (the page says so and offers nothing). */
  live: boolean;
}

/**
 * `publish.json` in the workspace folder: the publish target (no secret in it) and what was last
 * published per store. Not in studio.json: a publish may run from the CLI while the studio holds
 * studio.json's write lock, and a bundle of the workspace carries no publishing state.
 */
export interface PublishState {
  version: 1;
  target?: PublishTarget;
  stores: Record<string, PublishedStore>;
  lastRun?: { at: string; uploaded: number; skipped: number; deleted: number; ok: boolean };
}

/** The file publish settings and status are kept in. */
export function publishStatePath(workspaceDir: string): string {
  return join(workspaceDir, 'publish.json');
}

/** Reads publish.json; an empty state when it is missing, and a bad target is dropped (said in `notice`). */
export async function readPublishState(workspaceDir: string): Promise<PublishState & { notice?: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(publishStatePath(workspaceDir), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, stores: {} };
    return { version: 1, stores: {}, notice: `publish.json is not valid JSON and was ignored (${(err as Error).message})` };
  }
  const v = (raw ?? {}) as Partial<PublishState>;
  const target = v.target ? PublishTarget.safeParse(v.target) : undefined;
  const stores = v.stores && typeof v.stores === 'object' ? v.stores : {};
  return { version: 1, stores, ...(target?.success ? { target: target.data } : {}), ...(v.lastRun ? { lastRun: v.lastRun } : {}), ...(target && !target.success ? { notice: 'the publish target in publish.json is not valid and was ignored' } : {}) };
}

/** Writes publish.json atomically. */
export async function writePublishState(workspaceDir: string, state: PublishState): Promise<void> {
  const { version, target, stores, lastRun } = state;
  await writeFileAtomic(publishStatePath(workspaceDir), JSON.stringify({ version, ...(target ? { target } : {}), stores, ...(lastRun ? { lastRun } : {}) }, null, 2) + '\n');
}

/** Reads, changes and writes publish.json (callers hold the publish lock or change only settings). */
export async function updatePublishState(workspaceDir: string, fn: (s: PublishState) => void): Promise<PublishState> {
  const { notice: _notice, ...state } = await readPublishState(workspaceDir);
  fn(state);
  await writePublishState(workspaceDir, state);
  return state;
}

/**
 * Runs `fn` while holding `.publish.lock` in the workspace folder: two publishes of one workspace
 * at once would delete each other's objects. A lock left by a dead process is taken over.
 */
export async function withPublishLock<T>(workspaceDir: string, fn: () => Promise<T>): Promise<T> {
  const file = join(workspaceDir, '.publish.lock');
  const info = JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(info);
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(err, file);
      const held = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { pid?: number; hostname?: string }, () => ({}) as { pid?: number; hostname?: string });
      const alive = typeof held.pid === 'number' && (held.hostname !== hostname() || processAlive(held.pid));
      if (alive) throw new StudioError('conflict', `另一个发布正在进行 (pid ${held.pid}) / another publish of this workspace is running (pid ${held.pid} on ${held.hostname}); wait for it to finish`, 'publish');
      await rm(file, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

function lockError(err: unknown, file: string): Error {
  if (err instanceof StudioError) return err;
  if ((err as NodeJS.ErrnoException).code === 'EEXIST') return new StudioError('conflict', `another publish took ${file} at the same moment; try again`, 'publish');
  return err as Error;
}
