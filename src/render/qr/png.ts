import sharp from 'sharp';
import { assertQrDecodes, drawQr, qrMatrix } from './qr.js';

/** A standalone QR image of a link (grey PNG, `px` square, 4-module quiet zone), checked to decode back to the link. */
export async function qrPng(link: string, px: number): Promise<Buffer> {
  const m = qrMatrix(link);
  const raster = Buffer.alloc(px * px * 3);
  const slot = { x: 0, y: 0, w: px, h: px };
  drawQr(raster, px, 3, m, slot);
  assertQrDecodes(raster, px, 3, slot, m, link, `the QR image of ${link}`, px);
  return sharp(raster, { raw: { width: px, height: px, channels: 3 } }).greyscale().png({ compressionLevel: 9 }).toBuffer();
}
