import { readdir, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { LRUCache } from 'lru-cache';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import type { Raster } from '../image/raster.js';

/** What the on-disk base cache may hold before the least recently used layers are removed. */
export const DISK_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * Removes the least recently used base layers (oldest modification time: a hit touches its
 * file) until `dir` holds at most `maxBytes`, and half-written `.tmp` files untouched for an
 * hour. Files being written are left alone. Returns the number removed.
 */
export async function pruneBaseCache(dir: string, maxBytes = DISK_CACHE_MAX_BYTES): Promise<number> {
  let all: string[];
  try {
    all = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  // Half-written layers of a process that died (untouched for an hour) go first.
  for (const n of all.filter((x) => x.startsWith('base-') && x.endsWith('.tmp'))) {
    const s = await stat(join(dir, n)).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > 3600_000) await unlink(join(dir, n)).then(() => removed++, () => undefined);
  }
  const names = all.filter((n) => n.startsWith('base-') && n.endsWith('.png'));
  const files = (await Promise.all(names.map(async (n) => stat(join(dir, n)).then((s) => ({ path: join(dir, n), size: s.size, at: s.mtimeMs }), () => undefined)))).filter((f) => !!f);
  let total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files.sort((a, b) => a.at - b.at)) {
    if (total <= maxBytes) break;
    await unlink(f.path).then(() => removed++, () => undefined);
    await unlink(f.path.replace(/\.png$/, '.json')).catch(() => undefined);
    total -= f.size;
  }
  return removed;
}

/**
 * Cache of rendered base layers: in memory (LRU of rasters, in-flight renders shared) and,
 * when a directory is given, on disk as PNG so a later process starts warm. The disk copy is
 * kept under `maxDiskBytes` (least recently used first out, checked at most once a minute).
 */
export class BaseCache {
  private readonly mem: LRUCache<string, Promise<Raster>>;
  hits = 0;
  misses = 0;
  /** When this cache last pruned its folder (at most once a minute). */
  private lastPrune = 0;

  constructor(
    max: number,
    private readonly dir?: string,
    private readonly maxDiskBytes = DISK_CACHE_MAX_BYTES,
  ) {
    this.mem = new LRUCache({ max });
  }

  /**
   * The raster for `key`, rendering it with `make` on a miss (memory, then disk, then render).
   * `persist: false` keeps a newly rendered layer in memory only (live previews make one per edit).
   */
  get(key: string, make: () => Promise<Raster>, persist = true): Promise<Raster> {
    const hit = this.mem.get(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    const p = this.load(key, make, persist).catch((err: unknown) => {
      this.mem.delete(key); // a failed render is not cached
      throw err;
    });
    this.mem.set(key, p);
    return p;
  }

  private async load(key: string, make: () => Promise<Raster>, persist: boolean): Promise<Raster> {
    const file = this.dir ? join(this.dir, `base-${key}.png`) : undefined;
    if (file) {
      try {
        const bytes = await readFile(file);
        const now = new Date();
        void utimes(file, now, now).catch(() => undefined);
        const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        // The layer's notes (text over the product's safe area) live beside it.
        const notes = await readFile(file.replace(/\.png$/, '.json'), 'utf8').then((t) => JSON.parse(t) as string[], () => undefined);
        this.hits++;
        return { data, width: info.width, height: info.height, channels: 3, ...(notes?.length ? { notes } : {}) };
      } catch {
        // not cached on disk (or unreadable): render
      }
    }
    this.misses++;
    const raster = await make();
    if (file && this.dir && persist) {
      const png = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } }).png({ compressionLevel: 2 }).toBuffer();
      if (raster.notes?.length) await writeFileAtomic(file.replace(/\.png$/, '.json'), JSON.stringify(raster.notes));
      await writeFileAtomic(file, png);
      if (Date.now() - this.lastPrune > 60_000) {
        this.lastPrune = Date.now();
        void pruneBaseCache(this.dir, this.maxDiskBytes).catch(() => undefined);
      }
    }
    return raster;
  }
}
