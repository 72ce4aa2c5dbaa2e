import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageInputError, loadImage } from '../../src/render/image/images.js';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { FILES, fixtureContext, fixtureImages, IDS, SHORT_STORE } from '../fixtures/render/fixture.js';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A valid PNG header claiming 100000×100000 pixels (10 gigapixels), with a tiny data chunk. */
function hugePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100000, 0);
  ihdr.writeUInt32BE(100000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(10))), chunk('IEND', Buffer.alloc(0))]);
}

describe('images from the asset store', () => {
  it('refuses a huge image before decoding it, naming the asset', async () => {
    await expect(loadImage(hugePng(), '头像 huge.png')).rejects.toThrow(ImageInputError);
    await expect(loadImage(hugePng(), '头像 huge.png')).rejects.toThrow(/^头像 huge\.png is 100000×100000 \(10000 MP\); the limit is 50 MP/);
  });

  it('refuses a truncated JPEG, naming the asset', async () => {
    const truncated = FILES.product.subarray(0, Math.floor(FILES.product.length * 0.6));
    await expect(loadImage(truncated, '商品图 product.jpg')).rejects.toThrow(/^商品图 product\.jpg is truncated or damaged/);
  });

  it('normalises images: bounded size, JPEG when opaque, PNG when transparent', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const a = await loadImage(big, 'big.jpg');
    expect([a.mime, a.width, a.height]).toEqual(['image/jpeg', 1600, 1200]);
    const b = await loadImage(FILES.mascot, 'mascot.png');
    expect(b.mime).toBe('image/png');
  });

  it('reads SVG as a Buffer and refuses SVGs with external references', async () => {
    const ok = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#8B4A2B"/></svg>');
    expect((await loadImage(ok, 'logo.svg')).width).toBe(64);
    const bad: [string, RegExp][] = [
      ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>', /file:\/\/\/etc\/passwd/],
      ['<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>', /external references are refused/],
      ['<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', /<!ENTITY|<!DOCTYPE/],
      ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd"/></svg>', /XInclude|xi:include/i],
    ];
    for (const [svg, why] of bad) await expect(loadImage(Buffer.from(svg), '品牌标志 logo.svg')).rejects.toThrow(why);
  });

  it('a poster whose avatar is truncated fails with the asset and store named, not a broken image', async () => {
    const images = fixtureImages();
    images.set(IDS.avatar1, { bytes: FILES.avatar1.subarray(0, 2000), name: 'avatar-1.png' });
    const r = createPosterRenderer();
    const { builtinInputs } = await import('./helpers.js');
    await expect(r.render({ template: builtinInputs()[0]!, size: '1x1', ctx: fixtureContext(SHORT_STORE), images })).rejects.toThrow(/头像 avatar avatar-1\.png \(store "s-short"\) is truncated or damaged/);
  });
});
