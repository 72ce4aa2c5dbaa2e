import type { VariantContext } from '../../compose/types.js';
import type { PosterSize } from '../../model/index.js';
import { POSTER_DIMENSIONS } from '../../model/index.js';
import type { PosterFonts } from '../text/fonts.js';
import { FONT_FAMILY } from '../text/fonts.js';
import { baseHtml } from '../layout/base-layer.js';
import { brandInfo, fitSlots, groupInfo, sizeInfo, storeContext, textValues } from '../layout/poster-context.js';
import type { LoadedPosterTemplate } from './poster-template.js';

/** The parts of a poster as plain HTML/CSS (what a browser would be given). */
export interface PosterHtmlParts {
  css: string;
  base: string;
  store: string;
  area: { x: number; y: number; w: number; h: number };
  width: number;
  height: number;
}

/** Renders the template's sections to HTML strings for one variant (no layout, no pixels). */
export function posterHtmlParts(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, images: Record<string, boolean>): PosterHtmlParts {
  const { width, height } = POSTER_DIMENSIONS[size];
  const { vars: L, store: area } = t.manifest.sizes[size];
  const css = t.style({ size: sizeInfo(size), L, brand: brandInfo(ctx), group: groupInfo(ctx), area: { w: area.w, h: area.h } });
  const base = baseHtml(t, size, ctx, fonts, images).html;
  const { fit } = fitSlots(t.storeSlots.text, t.manifest, size, textValues(ctx), fonts.metricsFor);
  const store = t.store(storeContext(ctx, size, L, fit, images, { w: area.w, h: area.h }));
  return { css, base, store, area, width, height };
}

/**
 * A standalone HTML document of the poster for a browser (the Chromium baseline of the
 * benchmark, and debugging): satori's defaults (every div a flex column) restated as CSS, the
 * poster font from `fontUrl`, slot images from `images` (slot → URL).
 */
export function posterHtmlDocument(p: PosterHtmlParts, fontUrls: { regular: string; bold: string }, images: Record<string, string>): string {
  const fill = (html: string): string => html.replace(/<img([^>]*)data-slot="([A-Za-z]+)"([^>]*)>/g, (_, a: string, slot: string, b: string) => `<img${a}data-slot="${slot}" src="${images[slot] ?? ''}"${b}>`);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face { font-family: '${FONT_FAMILY}'; src: url('${fontUrls.regular}'); font-weight: 400; }
@font-face { font-family: '${FONT_FAMILY}'; src: url('${fontUrls.bold}'); font-weight: 700; }
html, body { margin: 0; padding: 0; }
body { width: ${p.width}px; height: ${p.height}px; overflow: hidden; font-family: '${FONT_FAMILY}'; }
div, p { display: flex; flex-direction: column; margin: 0; box-sizing: content-box; }
img { object-fit: cover; display: block; }
#root { position: relative; width: ${p.width}px; height: ${p.height}px; }
#store { position: absolute; left: ${p.area.x}px; top: ${p.area.y}px; width: ${p.area.w}px; height: ${p.area.h}px; }
${p.css}
</style></head><body><div id="root">${fill(p.base)}<div id="store">${fill(p.store)}</div></div></body></html>`;
}
