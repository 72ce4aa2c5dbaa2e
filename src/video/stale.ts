import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../workspace/lock.js';

/**
 * Removes files of `dir` whose names match and that nothing has written to for `maxAgeMs`:
 * what a render killed mid-way (kill -9, power cut) leaves behind. A file being written is
 * fresh, so it is never touched (use this for files: a folder's time does not change when
 * files inside it are written). Returns the names removed.
 */
export async function sweepStale(dir: string, match: (name: string) => boolean, maxAgeMs: number): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(match);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const cutoff = Date.now() - maxAgeMs;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info || info.mtimeMs > cutoff) continue;
    await rm(path, { recursive: true, force: true }).then(() => removed.push(name), () => undefined);
  }
  return removed;
}

/**
 * Removes `shequn-video-<pid>-*` scratch folders of `dir` whose process is gone. Folders of
 * live processes (and ones without a pid in their name) are left alone. Returns the names removed.
 */
export async function sweepDeadScratch(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = /^shequn-video-(\d+)-/.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await rm(join(dir, name), { recursive: true, force: true }).then(() => removed.push(name), () => undefined);
  }
  return removed;
}
