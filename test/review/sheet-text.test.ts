import { createRequire } from 'node:module';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { captionCard, textImage } from '../../src/review/sheet.js';

const require = createRequire(import.meta.url);
const EMOJI_FONT = require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf');

/** The pixels of a PNG, for comparing two drawings. */
const pixels = async (png: Buffer) => (await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true }));

describe('text on proof sheets', () => {
  it('draws emoji in a caption with the bundled emoji font, never as boxes', async () => {
    for (const emoji of ['🧒', '🎉', '👍🏻', '1️⃣']) {
      const ours = await pixels((await textImage(emoji, { width: 200, size: 20 })).buf);
      // The same emoji set in Noto Emoji alone: what the card must show (a missing glyph draws a box with its code instead).
      const want = await pixels(
        await sharp({ text: { text: `<span foreground="#222222" font_family="Noto Emoji">${emoji}</span>`, font: 'Noto Emoji 20', fontfile: EMOJI_FONT, width: 200, wrap: 'word-char', rgba: true } }).png().toBuffer(),
      );
      expect([ours.info.width, ours.info.height]).toEqual([want.info.width, want.info.height]);
      expect(ours.data.equals(want.data)).toBe(true);
    }
  });

  it('keeps Chinese, emoji and markup characters of a caption in one card', async () => {
    const card = await captionCard('🎉 新春礼盒 <限时> & 第2盒半价 👉', 360);
    expect(card.width).toBe(360);
    expect(card.height).toBeGreaterThan(40);
    const { channels } = await sharp(card.buf).stats();
    expect(Math.min(...channels.slice(0, 3).map((c) => c.min))).toBeLessThan(80); // ink was drawn
  });
});
