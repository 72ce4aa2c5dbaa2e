import { readFile } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import { sha256 } from '../../workspace/hash.js';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import { qrPng } from '../qr/png.js';
import { createPosterRenderer, type ImageInput, type PosterRendererOptions } from '../renderer.js';
import type { LaneImage, LaneResult, LaneTask } from './protocol.js';

/** The work of one lane of the pool: a warm poster renderer, the images it was sent, file writes. */
export interface Lane {
  /** Remembers an image sent to this lane (bytes, or a file it reads on first use). */
  addImage(id: string, image: LaneImage): void;
  run(task: LaneTask): Promise<LaneResult>;
}

/**
 * Makes a lane: the same code runs in this thread (the in-process lane) and in each worker thread.
 * A written file is hashed from the bytes in hand, so nobody reads it back to hash it.
 */
export function createLane(opts: PosterRendererOptions): Lane {
  const renderer = createPosterRenderer(opts);
  const sources = new Map<string, LaneImage>();
  const files = new LRUCache<string, Promise<Buffer>>({ max: 256 });

  const image = async (id: string): Promise<ImageInput | undefined> => {
    const src = sources.get(id);
    if (!src) return undefined;
    if ('bytes' in src) {
      const bytes = Buffer.isBuffer(src.bytes) ? src.bytes : Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength);
      return src.name ? { bytes, name: src.name } : bytes;
    }
    let p = files.get(src.path);
    if (!p) {
      p = readFile(src.path);
      p.catch(() => files.delete(src.path));
      files.set(src.path, p);
    }
    return { bytes: await p, name: src.name };
  };

  const write = async (path: string, bytes: Buffer, notes: string[]) => {
    await writeFileAtomic(path, bytes);
    return { sha256: sha256(bytes), size: bytes.length, notes };
  };

  return {
    addImage: (id, img) => void sources.set(id, img),
    async run(task) {
      if (task.kind === 'qr') {
        const png = await qrPng(task.link, task.px);
        return task.out ? { kind: 'qr', file: await write(task.out, png, []) } : { kind: 'qr', png };
      }
      const images = new Map<string, ImageInput>();
      for (const id of task.imageIds) {
        const img = await image(id);
        if (img) images.set(id, img);
      }
      const poster = await renderer.render({ ...task.input, images });
      if (!task.out) return { kind: 'poster', poster };
      const { bytes, ...rest } = poster;
      return { kind: 'poster', poster: rest, file: await write(task.out, bytes, poster.notes) };
    },
  };
}
