import { parentPort, workerData } from 'node:worker_threads';
import { createPosterRenderer, type ImageInput, type PosterRenderInput } from './renderer.js';

/** A render request as the pool sends it: images travel once per worker (`newImages`), then by id. */
export interface PoolRequest {
  id: number;
  input: Omit<PosterRenderInput, 'images'>;
  newImages: [string, Uint8Array, string | undefined][];
  imageIds: string[];
}

const renderer = createPosterRenderer(workerData ?? {});
const images = new Map<string, ImageInput>();

parentPort!.on('message', async (req: PoolRequest) => {
  try {
    for (const [id, bytes, name] of req.newImages) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      images.set(id, name ? { bytes: buf, name } : buf);
    }
    const needed = new Map(req.imageIds.filter((id) => images.has(id)).map((id) => [id, images.get(id)!]));
    const out = await renderer.render({ ...req.input, images: needed });
    parentPort!.postMessage({ id: req.id, ok: true, out }, [out.bytes.buffer as ArrayBuffer].filter((b) => b.byteLength === out.bytes.byteLength));
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ id: req.id, ok: false, error: { name: e.name, message: e.message } });
  }
});
