import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createPosterRenderer, renderPoster, type PosterRenderInput } from '../../src/render/renderer.js';
import { fixtureContext, fixtureImages, LONG_STORE, SHORT_STORE } from '../fixtures/render/fixture.js';
import { builtinInputs, zbarDecode } from './helpers.js';
import { thumbDiff } from './imageCompare.js';

const [festive, magazine] = builtinInputs();
const images = fixtureImages();
const renderer = createPosterRenderer();
const input = (over: Partial<PosterRenderInput> = {}): PosterRenderInput => ({ template: festive!, size: '1x1', ctx: fixtureContext(SHORT_STORE), images, format: 'jpg', ...over });

describe('the poster pipeline', () => {
  it('renders the shared layer once per post × group × size and only the store layer per store', async () => {
    const a = await renderer.render(input({ size: '3x4' }));
    const b = await renderer.render(input({ size: '3x4', ctx: fixtureContext(LONG_STORE) }));
    expect(a.baseCached).toBe(false);
    expect(b.baseCached).toBe(true);
    expect(zbarDecode(b.bytes)).toEqual([fixtureContext(LONG_STORE).link]);
  });

  it('a head that names the store cannot leak into other stores: the shared layer is keyed by its own HTML', async () => {
    const one = await renderer.render(input({ template: magazine!, ctx: fixtureContext(SHORT_STORE, { head: '阿远帮你挑好了' }) }));
    const two = await renderer.render(input({ template: magazine!, ctx: fixtureContext(LONG_STORE, { head: '李姐帮你挑好了' }) }));
    expect([one.baseCached, two.baseCached]).toEqual([false, false]);
    expect(await thumbDiff(one.bytes, two.bytes)).toBeGreaterThan(0.5);
  });

  it('splices the store band into the cached JPEG: byte-identical to encoding the whole poster', async () => {
    const whole = createPosterRenderer({ spliceJpeg: false });
    for (const size of ['9x16', '1x1', '3x4'] as const) {
      const ctx = fixtureContext(LONG_STORE);
      const spliced = await renderer.render(input({ size, ctx }));
      const full = await whole.render(input({ size, ctx }));
      expect(spliced.bytes.equals(full.bytes)).toBe(true);
    }
  });

  it('is a pure function of its inputs: the same poster twice gives the same bytes', async () => {
    const a = await renderPoster(input({ ctx: fixtureContext(LONG_STORE) }));
    const b = await renderPoster(input({ ctx: fixtureContext(LONG_STORE) }));
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('draws a diagonal 草稿 / DRAFT watermark on drafts, leaving the QR readable', async () => {
    const plain = await renderer.render(input());
    const draft = await renderer.render(input({ draft: true }));
    expect(await thumbDiff(plain.bytes, draft.bytes)).toBeGreaterThan(1.5);
    expect(zbarDecode(draft.bytes)).toEqual([fixtureContext(SHORT_STORE).link]);
  });

  it('writes PNG and WebP on request', async () => {
    for (const format of ['png', 'webp'] as const) {
      const out = await renderer.render(input({ format }));
      const meta = await sharp(out.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, 1080, 1080]);
      expect(zbarDecode(await sharp(out.bytes).png().toBuffer(), 'png')).toEqual([fixtureContext(SHORT_STORE).link]);
    }
  });

  it('keeps base layers on disk, so a new process starts warm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequn-bases-'));
    const first = await createPosterRenderer({ cacheDir: dir }).render(input({ size: '9x16' }));
    expect(readdirSync(dir).filter((f) => f.startsWith('base-') && f.endsWith('.png'))).toHaveLength(1);
    const again = await createPosterRenderer({ cacheDir: dir }).render(input({ size: '9x16' }));
    expect([first.baseCached, again.baseCached]).toEqual([false, true]);
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('says what it changed: characters neither the font nor the emoji pictures draw are removed (emoji stay)', async () => {
    const out = await renderer.render(input({ ctx: fixtureContext(SHORT_STORE, { head: '🧧 离过年不到两个月啦\uE000！' }) }));
    expect(out.notes).toContain('head: removed \uE000 (not in the poster font)');
    expect(out.notes.some((n) => /🧧/.test(n))).toBe(false);
    expect(out.texts.find((t) => t.slot === 'head')!.lines).toEqual(['🧧 离过年不到两个月啦！']);
  });
});

describe('text effects the glyph painter does not draw', () => {
  it('fall back to glyph outlines (a text-shadow in the store layer is still drawn)', async () => {
    const { composePosterSource, parsePosterSource } = await import('../../src/render/template/source.js');
    const parts = parsePosterSource(festive!.source, 'f');
    const shadow = { id: 'shadowed', version: 1, source: composePosterSource({ ...parts, manifest: { ...parts.manifest, id: 'shadowed' }, style: `${parts.style}\n.catch { text-shadow: 0 0 6px #ff0000; }` }) };
    const plain = await renderer.render(input({ size: '9x16' }));
    const out = await renderer.render(input({ size: '9x16', template: shadow }));
    expect(await thumbDiff(plain.bytes, out.bytes)).toBeGreaterThan(0.05);
    expect(zbarDecode(out.bytes)).toEqual([fixtureContext(SHORT_STORE).link]);
  });
});
