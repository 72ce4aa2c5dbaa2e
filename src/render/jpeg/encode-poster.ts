import sharp from 'sharp';
import { indexJpeg, spliceBand, type SpliceIndex } from './splice.js';
import { UnsupportedJpeg } from './scan.js';
import { LRUCache } from 'lru-cache';
import { encodeRaster, type PosterFormat, type Raster } from '../image/raster.js';

/** JPEG MCU height for 4:2:0 sampling: bands start on multiples of it. */
export const MCU_ROWS = 16;

/** Encoded shared layers, indexed for splicing, keyed like the base cache. */
export class BaseJpegs {
  private readonly cache = new LRUCache<string, Promise<SpliceIndex>>({ max: 12 });

  /** The base raster encoded as JPEG (same settings as every poster) and indexed, once per key. */
  get(key: string, base: Raster): Promise<SpliceIndex> {
    let p = this.cache.get(key);
    if (!p) {
      p = encodeRaster(base, 'jpg').then(indexJpeg);
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
    }
    return p;
  }
}

/**
 * Encodes a poster whose pixels differ from the shared base only from row `y0` down: `band` holds
 * those rows. JPEG: only the band is encoded and spliced into the cached base JPEG; otherwise
 * (or if splicing is refused) the full frame is assembled and encoded.
 */
export async function encodePoster(base: Raster, band: Raster, y0: number, format: PosterFormat, baseJpeg: () => Promise<SpliceIndex>): Promise<Buffer> {
  if (format === 'jpg' && y0 > 0 && y0 % MCU_ROWS === 0) {
    try {
      const index = await baseJpeg();
      if (index.rowHeight === MCU_ROWS) return spliceBand(index, await encodeRaster(band, 'jpg'), y0 / MCU_ROWS);
    } catch (err) {
      if (!(err instanceof UnsupportedJpeg)) throw err;
    }
  }
  if (y0 === 0) return encodeRaster(band, format);
  const full = Buffer.allocUnsafe(base.data.length);
  base.data.copy(full, 0, 0, y0 * base.width * 3);
  band.data.copy(full, y0 * base.width * 3);
  return encodeRaster({ ...base, data: full }, format);
}

/** The poster (base rows above `y0`, then the band) scaled down to `width` and encoded: the live preview's path. */
export async function encodeScaled(base: Raster, band: Raster, y0: number, format: PosterFormat, width: number): Promise<Buffer> {
  let data = band.data;
  if (y0 > 0) {
    data = Buffer.allocUnsafe(base.data.length);
    base.data.copy(data, 0, 0, y0 * base.width * 3);
    band.data.copy(data, y0 * base.width * 3);
  }
  const img = sharp(data, { raw: { width: base.width, height: base.height, channels: 3 } }).resize({ width, kernel: 'lanczos3' });
  if (format === 'png') return img.png({ compressionLevel: 6 }).toBuffer();
  if (format === 'webp') return img.webp({ quality: 86 }).toBuffer();
  return img.jpeg({ quality: 86, mozjpeg: false }).toBuffer();
}

/** Decodes a JPEG back to RGB (used by tests and by callers that verify the encoded bytes). */
export async function decodeRgb(bytes: Buffer): Promise<Raster> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}
