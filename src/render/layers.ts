import { createHash } from 'node:crypto';
import satori from 'satori';
import type { VariantContext } from '../compose/types.js';
import type { PosterSize } from '../model/index.js';
import { POSTER_DIMENSIONS } from '../model/index.js';
import { parseStyleSheet, type Style, type StyleSheet } from './css.js';
import type { PosterFonts } from './fonts.js';
import { dataUri, type LoadedImage } from './images.js';
import { Lru } from './lru.js';
import { baseContext, brandInfo, fitSlots, sizeInfo, textValues } from './posterContext.js';
import type { LoadedPosterTemplate } from './posterTemplate.js';
import { svgToOpaqueRaster, type Raster } from './raster.js';
import { htmlToVdom, type VNode } from './vdom.js';
import type { GlyphCache } from './glyphCache.js';
import { findMarker, splitText, type TextRun } from './svgText.js';
import { boxRuns, boxText, needsOutlines, type TextBox } from './textBoxes.js';
import { PosterTemplateError } from './templateSource.js';

const sheets = new Lru<string, StyleSheet>(64);

/** The compiled stylesheet for a template, size and brand (cached). */
export function sheetFor(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext): StyleSheet {
  const { vars: L, store } = t.manifest.sizes[size];
  const brand = brandInfo(ctx);
  const key = `${t.hash}|${size}|${JSON.stringify(brand)}`;
  let sheet = sheets.get(key);
  if (!sheet) {
    sheet = parseStyleSheet(t.style({ size: sizeInfo(size), L, brand, area: { w: store.w, h: store.h } }), `${t.label} (style, ${size})`);
    sheets.set(key, sheet);
  }
  return sheet;
}

/** An <img> node for a normalised image. */
export function imgNode(img: LoadedImage, style: Style): VNode {
  return { type: 'img', props: { src: dataUri(img), width: img.width, height: img.height, style: { objectFit: 'cover', ...style } } };
}

/** satori with errors that name the template. */
export async function toSvg(vdom: VNode, width: number, height: number, fonts: PosterFonts, label: string, embedFont = true): Promise<string> {
  try {
    return await satori(vdom as unknown as Parameters<typeof satori>[0], { width, height, fonts: fonts.satori, embedFont });
  } catch (err) {
    throw new PosterTemplateError(`${label}: layout failed: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Images of the shared layer, already normalised. */
export type BaseImages = Partial<Record<'product' | 'logo' | 'brandIp', LoadedImage>>;

/** The shared layer's HTML for a variant (cheap): its text is what the base cache is keyed on. */
export function baseHtml(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, images: BaseImages): { html: string; notes: string[] } {
  const L = t.manifest.sizes[size].vars;
  const { fit, notes } = fitSlots(t.baseSlots.text, t.manifest, size, textValues(ctx), fonts.metricsFor);
  const html = t.base(baseContext(ctx, size, L, fit, { product: !!images.product, logo: !!images.logo, brandIp: !!images.brandIp }));
  return { html, notes };
}

/** Rasterised shapes of shared layers (everything but the text), by content: an edit that only changes text reuses them. */
const shapeRasters = new Lru<string, Promise<Raster>>(2);

/**
 * Renders the shared layer (everything the same for all stores) from its HTML as an opaque RGB
 * raster. With a glyph cache, satori lays out the text as boxes and the text is painted from the
 * cache onto the rasterised shapes (an edit of the text, as in the live preview, then does not
 * rasterise the whole poster again); text it cannot reproduce falls back to glyph outlines.
 */
export async function renderBaseLayer(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, images: BaseImages, html: string, glyphs?: GlyphCache): Promise<Raster> {
  const { width, height } = POSTER_DIMENSIONS[size];
  const label = `${t.label} (base, ${size})`;
  const background = ctx.brand.colors.background;
  const vdom = htmlToVdom(html, sheetFor(t, size, ctx), (slot, style) => {
    const img = images[slot as keyof BaseImages];
    return img ? imgNode(img, style) : null;
  }, { width, height }, label);
  if (glyphs && !needsOutlines(vdom)) {
    const boxes: TextBox[] = [];
    let svg = await toSvg(boxText(vdom, fonts.metricsFor, boxes), width, height, fonts, label, false);
    const runs: TextRun[] = [];
    let found = true;
    for (const box of boxes) {
      const mk = findMarker(svg, box.marker);
      if (!mk) {
        found = !box.lines.some((l) => l.trim());
        if (!found) break;
        continue;
      }
      svg = svg.replace(mk.element, '');
      runs.push(...boxRuns(box, mk.rect));
    }
    const split = found ? splitText(svg) : undefined;
    if (split) {
      const key = createHash('sha256').update(`${background}\u0000${split.shapes}`).digest('hex');
      let shapes = shapeRasters.get(key);
      if (!shapes) {
        shapes = svgToOpaqueRaster(split.shapes, background);
        shapes.catch(() => shapeRasters.delete(key));
        shapeRasters.set(key, shapes);
      }
      const base = await shapes;
      const out: Raster = { ...base, data: Buffer.from(base.data) };
      const all = [...runs, ...split.runs];
      await glyphs.prepare(all);
      glyphs.paint(out, all, 0, 0);
      return out;
    }
  }
  const svg = await toSvg(vdom, width, height, fonts, label);
  return svgToOpaqueRaster(svg, background);
}
