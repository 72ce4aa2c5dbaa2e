/**
 * The golden-image suite of one or more built-in layouts: every size × the shortest and the
 * longest store, rendered, compared with the committed golden by perceptual hash, and every QR
 * decoded by jsQR and by zbarimg, its side and module size measured by the decoder (≥ 200 px, ≥ 5 px). `UPDATE_GOLDENS=1` (npm run test:update-goldens) rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { PosterSize } from '../../src/model/index.js';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { fixtureContext, fixtureImages, LONG_STORE, SHORT_STORE } from '../fixtures/render/fixture.js';
import { builtinInputs, jsqrDecode, jsqrMeasure, zbarDecode } from './helpers.js';
import { dHash, goldenOf, hamming, thumbDiff } from './imageCompare.js';

const GOLDENS = join(import.meta.dirname, '../fixtures/render/goldens');
const UPDATE = process.env.UPDATE_GOLDENS === '1';
/** Bits of the 256-bit dHash that may differ: a re-render gives 0; the same poster for another store differs by 8-27. */
const MAX_HASH_DISTANCE = 6;
/** Mean grey-level difference of the thumbnails (0..255): a re-render gives 0, another store 1.8-3.8. */
const MAX_THUMB_DIFF = 1;

/** Declares the golden tests of the layouts with these ids. */
export function goldenSuite(ids: string[]): void {
  const renderer = createPosterRenderer();
  const images = fixtureImages();
  const templates = builtinInputs().filter((t) => ids.includes(t.id));
  it('finds the layouts', () => expect(templates.map((t) => t.id).sort()).toEqual([...ids].sort()));
  for (const template of templates) {
    for (const size of PosterSize.options) {
      it(`${template.id} ${size}: shortest and longest store match their goldens, QR decodes`, async () => {
        for (const store of [SHORT_STORE, LONG_STORE]) {
          const ctx = fixtureContext(store);
          const out = await renderer.render({ template, size, ctx, images, format: 'jpg' });
          const meta = await sharp(out.bytes).metadata();
          expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', out.width, out.height]);
          // Independent read-backs of the QR: jsQR on the full-size pixels, zbarimg on the JPEG file.
          expect(await jsqrDecode(out.bytes, out.qr)).toBe(ctx.link);
          expect(zbarDecode(out.bytes)).toEqual([ctx.link]);
          // The QR floor at 1080 px width: the code at least 200 px and 5 px a module, as a decoder measures it.
          const measured = (await jsqrMeasure(out.bytes, out.qr))!;
          expect(measured.text).toBe(ctx.link);
          expect(measured.side, `${template.id} ${size}: QR side`).toBeGreaterThanOrEqual(200);
          expect(measured.module, `${template.id} ${size}: px per module`).toBeGreaterThanOrEqual(4.9);
          const name = `${template.id}__${size}__${store.id}.jpg`;
          const file = join(GOLDENS, name);
          if (UPDATE) {
            mkdirSync(GOLDENS, { recursive: true });
            writeFileSync(file, await goldenOf(out.bytes));
            continue;
          }
          expect(existsSync(file), `golden ${name} is missing: run npm run test:update-goldens`).toBe(true);
          const golden = readFileSync(file);
          // Both go through the same downscale first, so only real differences count.
          const mine = await goldenOf(out.bytes);
          const distance = hamming(await dHash(mine), await dHash(golden));
          const diff = await thumbDiff(mine, golden);
          expect(distance, `${name}: dHash distance`).toBeLessThanOrEqual(MAX_HASH_DISTANCE);
          expect(diff, `${name}: thumbnail difference`).toBeLessThanOrEqual(MAX_THUMB_DIFF);
        }
      });
    }
  }
}
