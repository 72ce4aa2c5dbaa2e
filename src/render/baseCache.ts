import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Lru } from './lru.js';
import type { Raster } from './raster.js';

/**
 * Cache of rendered base layers: in memory (LRU of rasters, in-flight renders shared) and,
 * when a directory is given, on disk as PNG so a later process starts warm.
 */
export class BaseCache {
  private readonly mem: Lru<string, Promise<Raster>>;
  hits = 0;
  misses = 0;

  constructor(
    max: number,
    private readonly dir?: string,
  ) {
    this.mem = new Lru(max);
  }

  /** The raster for `key`, rendering it with `make` on a miss (memory, then disk, then render). */
  get(key: string, make: () => Promise<Raster>): Promise<Raster> {
    const hit = this.mem.get(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    const p = this.load(key, make).catch((err: unknown) => {
      this.mem.delete(key); // a failed render is not cached
      throw err;
    });
    this.mem.set(key, p);
    return p;
  }

  private async load(key: string, make: () => Promise<Raster>): Promise<Raster> {
    const file = this.dir ? join(this.dir, `base-${key}.png`) : undefined;
    if (file) {
      try {
        const bytes = await readFile(file);
        const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        this.hits++;
        return { data, width: info.width, height: info.height, channels: 3 };
      } catch {
        // not cached on disk (or unreadable): render
      }
    }
    this.misses++;
    const raster = await make();
    if (file && this.dir) {
      const png = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } }).png({ compressionLevel: 2 }).toBuffer();
      await mkdir(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, png);
      await rename(tmp, file);
    }
    return raster;
  }
}
