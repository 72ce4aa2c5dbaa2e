import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../workspace/atomic-write.js';

/** What is known about one cached output file. */
export interface CachedFile {
  path: string;
  size: number;
}

/**
 * Content-addressed render cache under `<workspace>/renders/cache/`: each output is stored under
 * the hash of everything that determines it (`ab/abcdef….jpg`), written atomically (temp + rename),
 * so a crash never leaves a half file under a key.
 */
export class RenderCache {
  constructor(readonly dir: string) {}

  /** The path an output with `key` and extension `ext` (".jpg") is stored at. */
  pathOf(key: string, ext: string): string {
    return join(this.dir, key.slice(0, 2), key + ext);
  }

  /** The cached file, or undefined when it has not been rendered yet. */
  async get(key: string, ext: string): Promise<CachedFile | undefined> {
    const path = this.pathOf(key, ext);
    try {
      const s = await stat(path);
      return s.isFile() && s.size > 0 ? { path, size: s.size } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores bytes under `key` atomically. */
  async put(key: string, ext: string, bytes: Uint8Array): Promise<CachedFile> {
    const path = this.pathOf(key, ext);
    await writeFileAtomic(path, bytes);
    return { path, size: bytes.byteLength };
  }
}

/** Puts a cached file into a pack: a hard link when the file system allows it, else a copy. */
export async function placeFile(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** sha256 hex of a file, streamed. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
