import sharp from 'sharp';
import { decodeQrRegion, drawQr, qrMatrix, QrError } from './qr.js';

/** A standalone QR image of a link (grey PNG, `px` square, 4-module quiet zone), checked to decode back to the link. */
export async function qrPng(link: string, px: number): Promise<Buffer> {
  const m = qrMatrix(link);
  const raster = Buffer.alloc(px * px * 3);
  const slot = { x: 0, y: 0, w: px, h: px };
  drawQr(raster, px, 3, m, slot);
  if (decodeQrRegion(raster, px, 3, slot, m, px) !== link) throw new QrError(`the QR image does not decode back to its link (${link})`);
  return sharp(raster, { raw: { width: px, height: px, channels: 3 } }).greyscale().png({ compressionLevel: 9 }).toBuffer();
}
