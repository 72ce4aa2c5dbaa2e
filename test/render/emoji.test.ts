/**
 * Emoji are drawn as colour pictures (Twemoji) on posters — in the shared layer (head, waist) and
 * the store layer (catchphrase) — instead of being dropped (issue 16, point 2).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { EmojiImages } from '../../src/render/text/emoji.js';
import { fixtureContext, fixtureImages, SHORT_STORE } from '../fixtures/render/fixture.js';
import { builtinInputs } from './helpers.js';

/** Pixels of a strongly green hue (💚 is #78B159): the festive and owner layouts have next to none. */
async function greenPixels(jpg: Buffer, region?: { left: number; top: number; width: number; height: number }): Promise<number> {
  const img = region ? sharp(jpg).extract(region) : sharp(jpg);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (g > 140 && g > r + 30 && g > b + 50) n++;
  }
  return n;
}

describe('emoji on posters', () => {
  const renderer = createPosterRenderer();
  const images = fixtureImages();
  const festive = builtinInputs().find((t) => t.id === 'poster-festive')!;

  it('knows Twemoji graphemes, sequences and skin tones; not plain symbols', () => {
    const e = new EmojiImages();
    for (const g of ['🧧', '🎉', '👉', '✅', '☀️', '👍🏻', '👨‍👩‍👧', '1️⃣']) expect(e.has(g), g).toBe(true);
    for (const g of ['A', '中', '©', '™', '·']) expect(e.has(g), g).toBe(false);
    expect(e.svg('🧧').toString('utf8')).toMatch(/^<svg/);
  });

  it('draws emoji of the head in the shared layer and of the catchphrase in the store layer, and reports none removed', async () => {
    const plain = fixtureContext({ ...SHORT_STORE, catchphrase: '好货不贵，阿远说到做到！' }, { head: '离过年不到两个月啦！\n今年回老家、走亲戚' });
    const withEmoji = fixtureContext({ ...SHORT_STORE, catchphrase: '好货不贵💚💚，阿远说到做到！' }, { head: '💚💚 离过年不到两个月啦！\n今年回老家、走亲戚 💚' });
    const a = await renderer.render({ template: festive, size: '9x16', ctx: plain, images });
    const b = await renderer.render({ template: festive, size: '9x16', ctx: withEmoji, images });
    expect(b.notes.filter((n) => /removed/.test(n))).toEqual([]);
    expect(b.texts.find((t) => t.slot === 'head')!.lines[0]).toBe('💚💚 离过年不到两个月啦！');
    // Shared layer (above the store card at y 1500) and store layer (below), each gains green pixels.
    const top = { left: 0, top: 0, width: 1080, height: 1500 };
    const card = { left: 0, top: 1500, width: 1080, height: 420 };
    expect((await greenPixels(b.bytes, top)) - (await greenPixels(a.bytes, top))).toBeGreaterThan(800);
    expect((await greenPixels(b.bytes, card)) - (await greenPixels(a.bytes, card))).toBeGreaterThan(400);
  });
});
