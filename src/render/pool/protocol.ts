import type { PosterRenderInput, PosterRendererOptions, RenderedPoster } from '../renderer.js';

/** An image a poster draws, as a pool takes it: bytes (with the file's name for messages) or a file a lane reads itself. */
export type PoolImage = Buffer | { bytes: Buffer; name: string } | { path: string; name: string };

/** What a pool renders: a poster whose images may be files, optionally written straight to `out`. */
export type PoolPosterInput = Omit<PosterRenderInput, 'images'> & { images: Map<string, PoolImage> };

/** A file a lane wrote: its digest (computed from the bytes it wrote, once) and size. */
export interface WrittenFile {
  sha256: string;
  size: number;
  notes: string[];
}

/** One unit of work for a lane. Images travel once per lane (`newImages`), then by id. */
export type LaneTask =
  | { kind: 'poster'; input: Omit<PosterRenderInput, 'images'>; imageIds: string[]; out?: string }
  | { kind: 'qr'; link: string; px: number; out?: string };

/** An image sent to a lane: bytes (transferred) or a path it reads when first needed. */
export type LaneImage = { bytes: Uint8Array; name?: string } | { path: string; name: string };

/** A request message to a worker lane. */
export interface LaneRequest {
  id: number;
  task: LaneTask;
  newImages: [string, LaneImage][];
}

/** What a lane answers: the poster (without bytes when written to a file) or the QR image. */
export type LaneResult =
  | { kind: 'poster'; poster: Omit<RenderedPoster, 'bytes'> & { bytes?: Buffer }; file?: WrittenFile }
  | { kind: 'qr'; png?: Buffer; file?: WrittenFile };

/** A worker's reply to one request. */
export type LaneReply = { id: number; ok: true; result: LaneResult } | { id: number; ok: false; error: { name: string; message: string } };

/** What a worker thread is started with: renderer options that can cross threads, and font files to load. */
export type WorkerOptions = Omit<PosterRendererOptions, 'fonts'> & { fontFiles?: { regular: string; bold: string } };
