import { describe, expect, it } from 'vitest';
import { assertQrDecodes, checkQrSlot, decodeQrRegion, drawQr, qrMatrix, qrPlacement, QrError, QUIET_MODULES } from '../../src/render/qr/qr.js';

const W = 1080;
const H = 520;

function canvas(): Buffer {
  return Buffer.alloc(W * H * 3, 235);
}

describe('QR codes on posters', () => {
  it('draw with a white quiet zone of at least 4 modules and whole-pixel modules, and read back for many link lengths and slot sizes', () => {
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const link = `https://yun.example.com/store/s${i}?sq_post=p${i}&sq_group=community&sq_store=s${i}&utm_campaign=${encodeURIComponent('新春年货节'.slice(0, i % 6))}${'x'.repeat(i)}`;
      const m = qrMatrix(link);
      const slot = { x: 600 + (i % 5), y: 40 + (i % 7), w: 240 + i * 2, h: 240 + i * 2 + (i % 3) };
      const place = qrPlacement(m, slot);
      if (place.module < 3) {
        expect(() => checkQrSlot(m, slot, W, 'x')).toThrow(/link is too long for the QR slot/);
        continue;
      }
      expect(place.x - slot.x).toBeGreaterThanOrEqual(QUIET_MODULES * place.module);
      const img = canvas();
      drawQr(img, W, 3, m, slot);
      expect(decodeQrRegion(img, W, 3, slot, m)).toBe(link);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('refuses a slot smaller than 240 px on a 1080-wide poster', () => {
    const m = qrMatrix('https://yun.example.com/s/1');
    expect(() => checkQrSlot(m, { x: 0, y: 0, w: 200, h: 200 }, 1080, 'poster template "t" v1')).toThrow(/QR slot is 200×200px; it must be at least 240px/);
  });

  it('a poster whose QR is covered, or encodes another link, is an error', () => {
    const link = 'https://yun.example.com/store/lc001?sq_post=spring-gift';
    const m = qrMatrix(link);
    const slot = { x: 700, y: 50, w: 280, h: 280 };
    const img = canvas();
    drawQr(img, W, 3, m, slot);
    expect(() => assertQrDecodes(img, W, 3, slot, m, link, 'p')).not.toThrow();
    expect(() => assertQrDecodes(img, W, 3, slot, m, `${link}x`, 'p')).toThrow(/decodes to ".*", not the store's link/);
    for (let y = slot.y + 60; y < slot.y + 200; y++) img.fill(90, (y * W + slot.x + 40) * 3, (y * W + slot.x + 240) * 3);
    expect(() => assertQrDecodes(img, W, 3, slot, m, link, 'p')).toThrow(QrError);
  });
});
