import sharp from 'sharp';
import type { Rect } from '../template/manifest.js';

/** Output formats of a poster. */
export type PosterFormat = 'jpg' | 'png' | 'webp';

/** An uncompressed image: RGB (3) or RGBA (4) bytes, row-major. */
export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
  /** What rendering it found worth telling (a shared layer: text over the product's safe area); kept with the cached layer. */
  notes?: string[];
}

/** Rasterises an SVG string (from satori) through sharp, as RGBA. */
export async function svgToRaster(svg: string): Promise<Raster> {
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 4 };
}

/** Rasterises an SVG onto an opaque background colour, as RGB. */
export async function svgToOpaqueRaster(svg: string, background: string): Promise<Raster> {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

/** Blends one row span of RGBA source pixels over the destination (integer maths; the hot loop). */
function blendSpan(d: Uint8Array, di: number, dc: number, src: Uint8Array, si: number, n: number, mask: Uint8Array | undefined, mi: number): void {
  for (let k = 0; k < n; k++, di += dc, si += 4) {
    let a = src[si + 3]!;
    if (mask) a = (a * mask[mi + k]! + 127) / 255 | 0;
    if (a === 0) continue;
    if (a === 255) {
      d[di] = src[si]!;
      d[di + 1] = src[si + 1]!;
      d[di + 2] = src[si + 2]!;
    } else {
      const b = 255 - a;
      d[di] = (src[si]! * a + d[di]! * b + 127) / 255 | 0;
      d[di + 1] = (src[si + 1]! * a + d[di + 1]! * b + 127) / 255 | 0;
      d[di + 2] = (src[si + 2]! * a + d[di + 2]! * b + 127) / 255 | 0;
    }
  }
}

/**
 * Draws an RGBA image over an RGB(A) raster at (x, y), optionally through a coverage mask
 * (0..255 per pixel, same size as src) and leaving a rectangle of the destination untouched.
 */
export function blend(dst: Raster, src: Raster, x: number, y: number, mask?: Uint8Array, skip?: Rect): void {
  const dc = dst.channels;
  const x0 = Math.max(0, x);
  const x1 = Math.min(dst.width, x + src.width);
  if (x1 <= x0) return;
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    // Spans of this row outside the skipped rectangle.
    const spans: [number, number][] = [];
    if (skip && dy >= skip.y && dy < skip.y + skip.h) {
      if (skip.x > x0) spans.push([x0, Math.min(x1, skip.x)]);
      if (skip.x + skip.w < x1) spans.push([Math.max(x0, skip.x + skip.w), x1]);
    } else spans.push([x0, x1]);
    for (const [a, b] of spans) {
      const sx = a - x;
      blendSpan(dst.data, (dy * dst.width + a) * dc, dc, src.data, (sy * src.width + sx) * 4, b - a, mask, sy * src.width + sx);
    }
  }
}

/** An anti-aliased rounded-rectangle coverage mask (radius ≥ half the short side gives a circle/ellipse). */
export function roundedMask(w: number, h: number, radius: number): Uint8Array {
  const r = Math.min(radius, w / 2, h / 2);
  const mask = new Uint8Array(w * h).fill(255);
  if (r <= 0) return mask;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const cx = px < r ? r : px > w - r ? w - r : px;
      const cy = py < r ? r : py > h - r ? h - r : py;
      if (cx === px && cy === py) continue;
      const d = Math.hypot(px - cx, py - cy);
      const cover = Math.max(0, Math.min(1, r - d + 0.5));
      mask[y * w + x] = Math.round(cover * 255);
    }
  }
  return mask;
}

/** Encodes a raster: JPEG q88 (no mozjpeg, standard Huffman tables: fast), PNG or WebP. */
export async function encodeRaster(r: Raster, format: PosterFormat): Promise<Buffer> {
  const img = sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });
  if (format === 'png') return img.png({ compressionLevel: 6 }).toBuffer();
  if (format === 'webp') return img.webp({ quality: 86 }).toBuffer();
  return img.jpeg({ quality: 88, mozjpeg: false, optimiseCoding: false, chromaSubsampling: '4:2:0' }).toBuffer();
}
