import { copyFile, mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** How many routine backups (taken before each write) are kept. */
export const KEEP_BACKUPS = 10;

/** Kinds of files in `.backups/`: routine ones are pruned, the others are kept. */
export type BackupKind = 'studio' | 'premigrate' | 'damaged';

/**
 * A name that sorts chronologically: `<kind>-2026-02-01T10-00-00-000Z-<pid>-<tick>.json`; the tick
 * (the process's monotonic clock in ns) orders two backups taken in the same millisecond.
 */
function backupName(kind: BackupKind, tag = ''): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const tick = process.hrtime.bigint().toString().padStart(20, '0');
  return `${kind}${tag ? `-${tag}` : ''}-${stamp}-${String(process.pid).padStart(7, '0')}-${tick}.json`;
}

/** Writes `text` as a new routine backup (atomically), then prunes to the last `keep`. */
export async function writeBackup(dir: string, text: string, keep = KEEP_BACKUPS): Promise<string> {
  const file = path.join(dir, backupName('studio'));
  await writeFileAtomic(file, text);
  await pruneBackups(dir, keep);
  return file;
}

/** Copies the file as it is (byte for byte) into `.backups/` under a kept kind; returns the copy. */
export async function preserveFile(dir: string, source: string, kind: Exclude<BackupKind, 'studio'>, tag = ''): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, backupName(kind, tag));
  await copyFile(source, file);
  return file;
}

/** Deletes the oldest routine backups beyond `keep`. */
export async function pruneBackups(dir: string, keep = KEEP_BACKUPS): Promise<void> {
  const routine = (await listBackups(dir)).filter((f) => path.basename(f).startsWith('studio-'));
  for (const old of routine.slice(keep)) await unlink(old).catch(() => undefined);
}

/** Backups newest first (every kind except `damaged-`), as absolute paths. */
export async function listBackups(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const stamp = (n: string) => n.replace(/^(studio|premigrate-v\d+)-/, '');
  return names
    .filter((n) => n.endsWith('.json') && (n.startsWith('studio-') || n.startsWith('premigrate-')))
    .sort((a, b) => (stamp(a) < stamp(b) ? 1 : stamp(a) > stamp(b) ? -1 : 0))
    .map((n) => path.join(dir, n));
}
