import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** One file to put in a zip: its path inside the zip (`/`-separated) and where it is on disk (or small bytes). */
export type ZipItem = { rel: string; abs: string } | { rel: string; bytes: Buffer };

// Already-compressed formats are stored as is: deflating them costs CPU and saves nothing.
const STORED = /\.(jpe?g|png|mp4|zip)$/i;

/**
 * Streams files from disk into a zip written to `out` (never held in memory). Every entry carries
 * the UTF-8 name flag (yazl sets it), so Chinese names unzip correctly on Windows and macOS.
 * `mtime` is fixed so the same files give the same zip.
 */
export async function streamZip(items: readonly ZipItem[], out: Writable, opts: { comment?: string; mtime?: Date; signal?: AbortSignal } = {}): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = opts.mtime ?? new Date('2020-01-01T00:00:00Z');
  for (const it of items) {
    const o = { compress: !STORED.test(it.rel), mtime, mode: 0o100644 };
    if ('abs' in it) zip.addFile(it.abs, it.rel, o);
    else zip.addBuffer(it.bytes, it.rel, o);
  }
  zip.end(opts.comment ? { comment: opts.comment, forceZip64Format: false } : undefined);
  await pipeline(zip.outputStream, out, opts.signal ? { signal: opts.signal } : {});
}

/** The zip comment that ties a zip to the pack it was made from. */
export function zipComment(packKey: string): string {
  return `shequn-pack ${packKey}`;
}

/** Writes `zipPath` atomically (temporary sibling, then rename over the old zip). */
export async function writeZipAtomic(items: readonly ZipItem[], zipPath: string, tmpPath: string, opts: { comment?: string; mtime?: Date; signal?: AbortSignal } = {}): Promise<void> {
  try {
    await streamZip(items, createWriteStream(tmpPath), opts);
    await rename(tmpPath, zipPath);
  } catch (err) {
    await rm(tmpPath, { force: true });
    throw err;
  }
}

/** The pack key a zip was made from (read from its comment at the end of the file), or undefined. */
export async function zipPackKey(zipPath: string): Promise<string | undefined> {
  let fh;
  try {
    fh = await open(zipPath, 'r');
    const { size } = await fh.stat();
    const n = Math.min(size, 160);
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, size - n);
    const m = /shequn-pack ([a-f0-9]{64})$/.exec(buf.toString('latin1'));
    return m?.[1];
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}
