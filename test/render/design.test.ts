/**
 * The `design` block of a poster manifest (issue 17, point 1): what the visual template editor
 * writes. The source splits and joins without a byte changed, the manifest schema takes the block,
 * and every built-in layout honours it: colours replace the brand's, parts hide, the QR moves to
 * the other end of its row and still decodes.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { writeFileSync } from 'node:fs';
import { buildVariantContext } from '../../src/compose/context.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { joinPosterSource, PosterDesign, splitPosterSource } from '../../src/model/index.js';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { parsePosterSource } from '../../src/render/template/source.js';
import { describeAsset } from '../../src/workspace/assets.js';
import { builtinInputs, zbarDecode } from './helpers.js';

/** The share of an image's pixels within `tol` of a colour (#rrggbb). */
async function shareNear(image: Buffer, hex: string, tol = 40): Promise<number> {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const { data, info } = await sharp(image).resize(270).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let near = 0;
  for (let i = 0; i < data.length; i += info.channels) if (Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) < tol) near++;
  return near / (data.length / info.channels);
}

describe('poster manifest design', () => {
  it('splits and joins every built-in source byte for byte; an edited design validates and parses', () => {
    for (const t of builtinInputs()) {
      const { manifest, rest } = splitPosterSource(t.source);
      expect(joinPosterSource(manifest, rest)).toBe(t.source);
      const design = { colors: { primary: '#00a050' }, show: { product: false, cta: true }, cta: '扫码下单', place: { '1x1': { qr: 'start' as const } } };
      expect(PosterDesign.parse(design)).toEqual(design);
      const edited = joinPosterSource({ ...manifest, design }, rest);
      const parts = parsePosterSource(edited, t.id);
      expect(parts.manifest.design).toEqual(design);
      // Everything the editor did not touch is as it was.
      expect({ ...parts.manifest, design: undefined }).toEqual({ ...parsePosterSource(t.source, t.id).manifest, design: undefined });
    }
  });

  it('refuses a colour that is not #rrggbb and a part it does not know, naming the field', () => {
    expect(() => PosterDesign.parse({ colors: { primary: 'red' } })).toThrow(/#/);
    expect(() => PosterDesign.parse({ show: { logo: false } })).toThrow(/logo/);
    const t = builtinInputs()[0]!;
    const { manifest, rest } = splitPosterSource(t.source);
    expect(() => parsePosterSource(joinPosterSource({ ...manifest, design: { cta: 'x'.repeat(40) } }, rest), t.id)).toThrow(/design\.cta|cta/);
  });

  it('every layout: design colours replace the brand colour, hidden parts go, the QR moves and still decodes', async () => {
    const { data, assets } = await buildDemoStudio();
    const images = new Map(assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
    const renderer = createPosterRenderer();
    const post = data.posts.find((p) => p.id === 'spring-gift')!;
    const ctx = buildVariantContext(data, post, 'community', 'lc009');
    for (const t of builtinInputs()) {
      const { manifest, rest } = splitPosterSource(t.source);
      const plain = await renderer.render({ template: t, size: '1x1', ctx, images });
      // The QR goes to the other end of its row from where the layout draws it.
      const other = plain.qr.x > 540 ? 'start' : 'end';
      const design = { colors: { primary: '#00a050', background: '#00a050' }, show: { product: false, priceBadge: false, ownerStrip: false, cta: false }, place: { '1x1': { qr: other } } };
      const source = joinPosterSource({ ...manifest, design }, rest);
      const out = await renderer.render({ template: { ...t, version: 2, source }, size: '1x1', ctx, images });
      expect(other === 'start' ? out.qr.x < plain.qr.x : out.qr.x > plain.qr.x, `${t.id}: QR moved to the ${other}`).toBe(true);
      expect(zbarDecode(out.bytes)).toEqual([ctx.link]);
      // Colour: the brand's primary colour gives way to the design's.
      const primary = data.brand.colors.primary;
      const before = await shareNear(plain.bytes, primary);
      expect(before, `${t.id}: the layout shows the brand colour`).toBeGreaterThan(0.001);
      expect(await shareNear(out.bytes, primary), `${t.id}: the brand colour is gone`).toBeLessThan(before / 2);
      expect(await shareNear(out.bytes, '#00a050'), `${t.id}: the design colour shows`).toBeGreaterThan(0.02);
      if (process.env.DESIGN_SHOTS) writeFileSync(`${process.env.DESIGN_SHOTS}/${t.id}.jpg`, out.bytes);
      // Hidden parts: the drawn texts of the store layer lose the owner line where the strip carried it.
      expect(out.bytes.equals(plain.bytes)).toBe(false);
    }
  }, 300_000);
});
