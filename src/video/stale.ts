import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes entries of `dir` whose names match and that nothing has written to for `maxAgeMs`:
 * what a render killed mid-way (kill -9, power cut) leaves behind. Work in progress keeps its
 * files fresh, so it is never touched. Returns the names removed.
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
