/**
 * Layout collisions (issue 16, point 8): a render note when text is drawn over the product
 * image's marked safe area (its label); the built-in layouts keep clear of it.
 */
import { describe, expect, it } from 'vitest';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { composePosterSource, parsePosterSource } from '../../src/render/template/source.js';
import { fixtureContext, fixtureImages, SHORT_STORE } from '../fixtures/render/fixture.js';
import { builtinInputs } from './helpers.js';

const LABEL = { x: 0.3, y: 0.49, w: 0.4, h: 0.18 };

describe("text over the product image's safe area", () => {
  const renderer = createPosterRenderer();
  const images = fixtureImages();
  const ctx = () => {
    const c = fixtureContext(SHORT_STORE);
    return { ...c, post: { ...c.post, product: { ...c.post.product, safeArea: LABEL } } };
  };

  it('a price badge moved onto the label is reported; where the layout puts it, nothing is', async () => {
    const festive = builtinInputs().find((t) => t.id === 'poster-festive')!;
    const parts = parsePosterSource(festive.source, 'f');
    const covering = { id: 'covering', version: 1, source: composePosterSource({ ...parts, manifest: { ...parts.manifest, id: 'covering' }, style: `${parts.style}\n.badge { left: 150px; top: 250px; right: auto; bottom: auto; }` }) };
    const bad = await renderer.render({ template: covering, size: '9x16', ctx: ctx(), images });
    expect(bad.notes.filter((n) => n.includes('safe area'))).toEqual([expect.stringMatching(/^text "¥168\/盒原价¥208" covers the product image's safe area/)]);
    // From the cache too: the note is kept with the cached shared layer.
    const again = await renderer.render({ template: covering, size: '9x16', ctx: fixtureContext(SHORT_STORE, {}), images });
    expect(again.baseCached).toBe(false); // another context (no safe area): another layer
    const cached = await renderer.render({ template: covering, size: '9x16', ctx: ctx(), images });
    expect(cached.baseCached).toBe(true);
    expect(cached.notes.some((n) => n.includes('safe area'))).toBe(true);
  });

  it('no built-in layout draws text over the label at any size', async () => {
    for (const template of builtinInputs()) {
      for (const size of ['9x16', '1x1', '3x4'] as const) {
        const out = await renderer.render({ template, size, ctx: ctx(), images });
        expect(out.notes.filter((n) => n.includes('safe area')), `${template.id} ${size}`).toEqual([]);
      }
    }
  }, 300_000); // every layout × size: minutes on a busy 2-core machine
});
