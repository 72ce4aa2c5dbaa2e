import { readFile } from 'node:fs/promises';
import type { VariantContext } from '../compose/types.js';
import type { PosterSize } from '../model/index.js';
import { createPosterRenderer } from '../render/renderer.js';
import { writeAtomic } from './cache.js';
import { sha256 } from '../workspace/hash.js';
import { qrPng } from './qr.js';

/** What each render worker is started with. */
export interface RenderInit {
  /** Where base layers are kept on disk (shared by the workers and later runs). */
  baseCacheDir?: string;
}

/** One file to render and write to `outPath` (the cache path of its key). */
export type RenderTask =
  | { kind: 'poster'; outPath: string; template: { id: string; version: number; source: string }; size: PosterSize; ctx: VariantContext; images: Record<string, string> }
  | { kind: 'qr'; outPath: string; link: string };

/** What a worker reports back for a written file. */
export interface RenderDone {
  sha256: string;
  size: number;
  notes: string[];
}

/** Makes the function that renders tasks (one per worker thread, or in-process for a few files). */
export async function createRenderHandler(init: RenderInit): Promise<(task: RenderTask) => Promise<RenderDone>> {
  // Fonts are parsed once per worker, on the first poster; base layers stay warm between tasks.
  const renderer = createPosterRenderer(init.baseCacheDir ? { cacheDir: init.baseCacheDir } : {});
  const files = new Map<string, Promise<Buffer>>();
  const read = (path: string) => {
    let p = files.get(path);
    if (!p) files.set(path, (p = readFile(path)));
    if (files.size > 256) files.delete(files.keys().next().value!);
    return p;
  };
  return async (task) => {
    if (task.kind === 'qr') {
      const png = await qrPng(task.link);
      await writeAtomic(task.outPath, png);
      return { sha256: sha256(png), size: png.length, notes: [] };
    }
    const images = new Map<string, Buffer>();
    for (const [id, path] of Object.entries(task.images)) images.set(id, await read(path));
    const r = await renderer.render({ template: task.template, size: task.size, ctx: task.ctx, images, format: 'jpg' });
    await writeAtomic(task.outPath, r.bytes);
    return { sha256: sha256(r.bytes), size: r.bytes.length, notes: r.notes };
  };
}
