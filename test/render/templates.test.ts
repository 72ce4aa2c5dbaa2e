import { describe, expect, it } from 'vitest';
import { PosterSize, POSTER_DIMENSIONS, Template } from '../../src/model/index.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { loadPosterTemplate } from '../../src/render/template/poster-template.js';
import { composePosterSource, parsePosterSource, PosterTemplateError } from '../../src/render/template/source.js';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { fixtureContext, fixtureImages, SHORT_STORE } from '../fixtures/render/fixture.js';

const builtins = builtinPosterTemplates();
const festive = parsePosterSource(builtins[0]!.versions[0]!.source, 'festive');

/** The festive template with one section changed. */
function variant(part: 'style' | 'base' | 'store', edit: (s: string) => string, id = 'bad-template'): { id: string; version: number; source: string } {
  const source = composePosterSource({ ...festive, manifest: { ...festive.manifest, id }, [part]: edit(festive[part]) });
  return { id, version: 3, source };
}

describe('built-in poster templates', () => {
  it('are four approved version-1 Template records, each with all three sizes and every slot', () => {
    expect(builtins.map((t) => t.id)).toEqual(['poster-festive', 'poster-magazine', 'poster-owner', 'poster-coupon']);
    for (const t of builtins) {
      expect(Template.parse(t)).toBeTruthy();
      expect(t.kind).toBe('poster');
      expect(t.versions).toHaveLength(1);
      expect(t.versions[0]).toMatchObject({ version: 1, state: 'approved' });
      expect(t.versions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      const loaded = loadPosterTemplate({ id: t.id, version: 1, source: t.versions[0]!.source });
      for (const size of PosterSize.options) {
        const r = loaded.manifest.sizes[size].store;
        expect(r.y + r.h).toBeLessThanOrEqual(POSTER_DIMENSIONS[size].height);
      }
      for (const slot of ['head', 'waist', 'product', 'logo', 'avatar', 'storeName', 'catchphrase', 'qr']) expect(loaded.manifest.slots).toContain(slot);
      expect(loaded.storeSlots.images).toContain('qr');
      expect(Object.keys(loaded.manifest.textFit)).toEqual(expect.arrayContaining(['storeName', 'catchphrase']));
    }
  });

  it('keeps the version source as one string that round-trips', () => {
    const again = composePosterSource(festive);
    expect(parsePosterSource(again, 'x')).toEqual(festive);
  });
});

describe('templates that refer outside themselves are refused, naming template and attribute', () => {
  const cases: [string, ReturnType<typeof variant>, RegExp][] = [
    ['a local file as an image', variant('base', (s) => s.replace('<div class="poster">', '<div class="poster"><img src="file:///etc/passwd" />')), /bad-template" v3 \(base\): attribute src="file:\/\/\/etc\/passwd" refers to an external resource/],
    ['a web image in CSS', variant('style', (s) => `${s}\n.x { background-image: url(https://example.com/a.png); }`), /bad-template" v3 \(style\): url\(https:\/\/example\.com\/a\.png\)/],
    ['an href in inline SVG', variant('base', (s) => s.replace('<circle ', '<circle href="http://x/y" ')), /attribute href="http:\/\/x\/y"/],
    ['an XML entity', variant('base', (s) => `<!ENTITY x SYSTEM "file:///etc/passwd">${s}`), /bad-template" v3 \(base\)/],
    ['an @import', variant('style', (s) => `@import "theme.css";\n${s}`), /@import is not allowed/],
    ['unescaped output', variant('store', (s) => s.replace('{{fit.storeName.block}}', '{{{store.storeName}}}')), /unescaped output/],
    ['a store slot in the shared layer', variant('base', (s) => s.replace('<div class="poster">', '<div class="poster">{{fit.storeName.block}}')), /base layer uses the store slot "storeName"/],
    ['no QR in the store layer', variant('store', (s) => s.replaceAll('<img class="qr" data-slot="qr" />', '')), /needs the QR slot/],
  ];
  for (const [what, t, message] of cases) {
    it(what, () => {
      expect(() => loadPosterTemplate(t)).toThrow(PosterTemplateError);
      expect(() => loadPosterTemplate(t)).toThrow(message);
    });
  }

  it('a field that does not exist is an error naming template, section and line', async () => {
    const t = variant('store', (s) => s.replace('<div class="card">', '<div class="card">\n{{store.phon}}'));
    const r = createPosterRenderer();
    await expect(r.render({ template: t, size: '1x1', ctx: fixtureContext(SHORT_STORE), images: fixtureImages() })).rejects.toThrow(/bad-template v3 \(store\)" line 2: missing field "store\.phon"/);
  });

  it('and never reach the renderer', async () => {
    const r = createPosterRenderer();
    await expect(r.render({ template: cases[0]![1], size: '1x1', ctx: fixtureContext(SHORT_STORE), images: fixtureImages() })).rejects.toThrow(/poster template "bad-template" v3 \(base\): attribute src="file:/);
  });

  it('data cannot smuggle a reference in either: attributes are checked again after Handlebars', async () => {
    const t = variant('base', (s) => s.replace('<img class="logo" data-slot="logo" />', '<img class="logo" data-slot="logo" alt="{{post.title}}" />'));
    const ctx = fixtureContext(SHORT_STORE);
    ctx.post.title = 'x" src="file:///etc/passwd';
    const r = createPosterRenderer();
    // Handlebars escaped the quote, so it is one alt value; the value still names a file: refused, nothing read.
    await expect(r.render({ template: t, size: '1x1', ctx, images: fixtureImages() })).rejects.toThrow(/bad-template" v3 \(base, 1x1\): alt="x" src="file:\/\/\/etc\/passwd" refers to an external resource/);
  });
});
