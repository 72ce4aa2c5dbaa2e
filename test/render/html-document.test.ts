/**
 * The poster as a standalone HTML document (the Chromium baseline of bench:posters): every built-in
 * layout's style and sections render with a variant's context, group profile included.
 */
import { describe, expect, it } from 'vitest';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { posterHtmlDocument, posterHtmlParts } from '../../src/render/template/html-document.js';
import { loadPosterTemplate } from '../../src/render/template/poster-template.js';
import { loadFonts } from '../../src/render/text/fonts.js';
import { fixtureContext, SHORT_STORE } from '../fixtures/render/fixture.js';

describe('posterHtmlDocument', () => {
  it("renders every built-in layout at every size with the group type's accent", () => {
    const fonts = loadFonts();
    const ctx = fixtureContext(SHORT_STORE);
    ctx.group = { ...ctx.group, profile: { ...(ctx.group.profile ?? {}), accent: '#C2557A', badge: '宝妈安心选' } } as typeof ctx.group;
    const flags = { product: true, logo: true, brandIp: true, avatar: true };
    for (const b of builtinPosterTemplates()) {
      const t = loadPosterTemplate({ id: b.id, version: 1, source: b.versions[0]!.source });
      for (const size of ['1x1', '3x4', '9x16'] as const) {
        const parts = posterHtmlParts(t, size, ctx, fonts, flags);
        const html = posterHtmlDocument(parts, { regular: 'r.ttf', bold: 'b.ttf' }, {});
        expect(html, `${b.id} ${size}`).toContain(`width: ${parts.width}px`);
        expect(parts.store.length, `${b.id} ${size}`).toBeGreaterThan(100);
      }
      // The layouts that colour by group type use its accent.
      if (/group\.accent/.test(b.versions[0]!.source)) expect(posterHtmlParts(t, '9x16', ctx, fonts, flags).css.toUpperCase()).toContain('#C2557A');
    }
  });
});
