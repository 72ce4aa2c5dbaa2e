import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { indexJpeg, spliceBand } from '../../src/render/jpeg/splice.js';
import { UnsupportedJpeg } from '../../src/render/jpeg/scan.js';

const W = 1080;
const enc = (raw: Buffer, h: number, quality = 88) => sharp(raw, { raw: { width: W, height: h, channels: 3 } }).jpeg({ quality, mozjpeg: false, optimiseCoding: false, chromaSubsampling: '4:2:0' }).toBuffer();

function picture(h: number, seed: number): Buffer {
  const raw = Buffer.alloc(W * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      raw[i] = (x * 7 + y * seed) & 255;
      raw[i + 1] = (Math.sin(x / 13 + seed) * 100 + y / 3) & 255;
      raw[i + 2] = (x ^ (y + seed)) & 255;
    }
  }
  return raw;
}

describe('JPEG band splicing', () => {
  for (const [h, firstRow] of [[1920, 93], [1080, 48], [1440, 68], [1440, 1]] as const) {
    it(`gives the same bytes as encoding the whole ${W}×${h} image (band from MCU row ${firstRow})`, async () => {
      const base = picture(h, 1);
      const index = indexJpeg(await enc(base, h));
      const changed = Buffer.from(base);
      const y0 = firstRow * 16;
      const other = picture(h, 5);
      other.copy(changed, y0 * W * 3, y0 * W * 3);
      const spliced = spliceBand(index, await enc(changed.subarray(y0 * W * 3), h - y0), firstRow);
      expect(spliced.equals(await enc(changed, h))).toBe(true);
      const decoded = await sharp(spliced, { failOn: 'warning' }).raw().toBuffer();
      expect(decoded.length).toBe(W * h * 3);
    });
  }

  it('refuses a band encoded differently (then the renderer encodes the whole poster)', async () => {
    const base = picture(480, 2);
    const index = indexJpeg(await enc(base, 480));
    const band = await enc(base.subarray(160 * W * 3), 320, 70);
    expect(() => spliceBand(index, band, 10)).toThrow(UnsupportedJpeg);
  });
});
