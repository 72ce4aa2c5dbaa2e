import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import { StudioError } from '../model/index.js';

/** What the lock file records about the process that writes the workspace. */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

/** A held write lock. */
export interface WriteLock {
  readonly file: string;
  readonly info: LockInfo;
  /** True while the lock file on disk is still ours. */
  isHeld(): Promise<boolean>;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** An unreadable lock file younger than this is assumed to be mid-write by its creator. */
const UNREADABLE_GRACE_MS = 10_000;

function describe(info: Partial<LockInfo>): string {
  return `pid ${info.pid ?? '?'} on ${info.hostname ?? 'an unknown host'}${info.startedAt ? ` since ${info.startedAt}` : ''}`;
}

function parseLock(text: string): Partial<LockInfo> | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return v && typeof v === 'object' && typeof v.pid === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** True when `pid` is a live process on this machine (EPERM means alive but not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function tryCreate(file: string, info: LockInfo): Promise<boolean> {
  try {
    const fh = await open(file, 'wx');
    try {
      await fh.writeFile(JSON.stringify(info, null, 2) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Why the current lock file is or is not stale; `holder` describes it for messages. */
async function inspect(file: string): Promise<{ text: string; stale: boolean; holder: string } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const info = parseLock(text);
  if (!info) {
    const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    return { text, stale: age > UNREADABLE_GRACE_MS, holder: 'an unknown process (unreadable lock file)' };
  }
  // A pid can only be checked on the machine that wrote it (shared folders).
  const sameHost = info.hostname === os.hostname();
  const stale = sameHost && info.pid !== undefined && info.pid !== process.pid && !processAlive(info.pid);
  return { text, stale, holder: describe(info) };
}

/** Moves a stale lock aside; if the file moved was not the stale one we saw, puts it back. */
async function takeOver(file: string, staleText: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it
    throw err;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) await link(aside, file).catch(() => undefined); // a fresh lock: restore it
  await unlink(aside);
}

/**
 * Takes the single-writer lock of a workspace: `file` is created exclusively with pid,
 * hostname and start time. A lock held by a live process is refused with StudioError('conflict')
 * naming the holder; a lock left by a dead pid on this host is taken over.
 */
export async function acquireLock(file: string, what: string): Promise<WriteLock> {
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(file, info)) return heldLock(file, info);
    const current = await inspect(file);
    if (!current) continue; // released between our attempts
    if (!current.stale) {
      throw new StudioError(
        'conflict',
        `${what} is already open for writing by ${current.holder} (lock file ${file}); close it there first, or open read-only`,
        undefined,
        { lockFile: file, holder: parseLock(current.text) },
      );
    }
    await takeOver(file, current.text);
  }
  throw new StudioError('conflict', `could not take the write lock ${file} (it keeps changing); another process is opening ${what}`);
}

function heldLock(file: string, info: LockInfo): WriteLock {
  const ours = (text: string) => parseLock(text)?.token === info.token;
  const onExit = () => {
    try {
      if (ours(readFileSync(file, 'utf8'))) unlinkSync(file);
    } catch {
      // nothing to clean up
    }
  };
  process.once('exit', onExit);
  return {
    file,
    info,
    isHeld: async () => ours(await readFile(file, 'utf8').catch(() => '')),
    release: async () => {
      process.removeListener('exit', onExit);
      const text = await readFile(file, 'utf8').catch(() => '');
      if (ours(text)) await unlink(file).catch(() => undefined);
    },
  };
}
