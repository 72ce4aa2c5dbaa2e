import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { QR_PX } from './outputs.js';

/** The standalone QR image of a link (PNG), checked to decode back to the link. */
export async function qrPng(link: string): Promise<Buffer> {
  const png = await QRCode.toBuffer(link, { type: 'png', width: QR_PX, margin: 4, errorCorrectionLevel: 'M' });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const got = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  if (got?.data !== link) throw new Error(`qr.png does not decode back to its link (${link})`);
  return png;
}
