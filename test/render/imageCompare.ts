/**
 * Perceptual image comparison for golden tests (as sharp's own tests do: fingerprints with a
 * threshold, never bytes): a 16×16 difference hash and the mean absolute difference of a small
 * greyscale thumbnail.
 */
import sharp from 'sharp';

/** 256-bit difference hash: each bit says whether a pixel is brighter than its right neighbour. */
export async function dHash(image: Buffer): Promise<Uint8Array> {
  const px = await sharp(image).greyscale().resize(17, 16, { fit: 'fill' }).raw().toBuffer();
  const bits = new Uint8Array(256);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) bits[y * 16 + x] = px[y * 17 + x]! > px[y * 17 + x + 1]! ? 1 : 0;
  return bits;
}

/** Number of differing bits of two hashes. */
export function hamming(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Mean absolute difference (0..255) of 54×96-ish greyscale thumbnails of the same aspect. */
export async function thumbDiff(a: Buffer, b: Buffer): Promise<number> {
  const meta = await sharp(a).metadata();
  const w = 54;
  const h = Math.round((w * meta.height!) / meta.width!);
  const [pa, pb] = await Promise.all([a, b].map((x) => sharp(x).greyscale().resize(w, h, { fit: 'fill' }).raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < pa!.length; i++) sum += Math.abs(pa![i]! - pb![i]!);
  return sum / pa!.length;
}

/** A golden as stored: 270 px wide JPEG. */
export function goldenOf(image: Buffer): Promise<Buffer> {
  return sharp(image).resize({ width: 270 }).jpeg({ quality: 85 }).toBuffer();
}
