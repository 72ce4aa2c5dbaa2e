import { createHash } from 'node:crypto';
import satori from 'satori';
import type { VariantContext } from '../../compose/types.js';
import type { PosterSize } from '../../model/index.js';
import { POSTER_DIMENSIONS } from '../../model/index.js';
import { parseStyleSheet, type Style, type StyleSheet } from './css.js';
import type { PosterFonts } from '../text/fonts.js';
import { dataUri, type LoadedImage } from '../image/images.js';
import type { LRUCache } from 'lru-cache';
import { baseContext, brandInfo, designFor, fitSlots, fittedTexts, groupInfo, sizeInfo, textValues, type FitMemo, type FittedText } from './poster-context.js';
import type { LoadedPosterTemplate } from '../template/poster-template.js';
import { svgToOpaqueRaster, type Raster } from '../image/raster.js';
import { htmlToVdom, vdomTexts, type VNode } from './vdom.js';
import type { GlyphCache } from '../text/glyph-cache.js';
import { findMarker, splitText, type TextRun } from '../text/svg-text.js';
import { boxRuns, boxText, needsOutlines, type TextBox } from '../text/text-boxes.js';
import { PosterTemplateError } from '../template/source.js';
import { imageRect, safeAreaNotes, type PlacedText } from './safe-area.js';

/** What a renderer keeps between posters of the layers (see RenderMemo); every part is optional. */
export interface LayerMemo {
  /** Compiled stylesheets by template, size and brand. */
  sheets?: LRUCache<string, StyleSheet>;
  /** Fitted texts by rule and text. */
  fitted?: FitMemo;
  /** Rasterised shapes of shared layers (everything but the text), by content. */
  shapeRasters?: LRUCache<string, Promise<Raster>>;
}

/** The compiled stylesheet for a template, size and brand (kept in `memo` when given). */
export function sheetFor(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, memo?: LayerMemo): StyleSheet {
  const { vars: L, store } = t.manifest.sizes[size];
  const brand = brandInfo(ctx);
  const group = groupInfo(ctx);
  const key = `${t.hash}|${size}|${JSON.stringify(brand)}|${JSON.stringify(group)}`;
  let sheet = memo?.sheets?.get(key);
  if (!sheet) {
    sheet = parseStyleSheet(t.style({ size: sizeInfo(size), L, brand, group, design: designFor(t.manifest, size), area: { w: store.w, h: store.h } }), `${t.label} (style, ${size})`);
    memo?.sheets?.set(key, sheet);
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
    // Emoji in text satori lays out itself are drawn as Twemoji pictures (the font has none).
    const graphemeImages = fonts.emoji.imagesFor(vdomTexts(vdom));
    return await satori(vdom as unknown as Parameters<typeof satori>[0], { width, height, fonts: fonts.satori, embedFont, graphemeImages });
  } catch (err) {
    throw new PosterTemplateError(`${label}: layout failed: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Images of the shared layer, already normalised. */
export type BaseImages = Partial<Record<'product' | 'logo' | 'brandIp', LoadedImage>>;

/** The shared layer's HTML for a variant (cheap): its text is what the base cache is keyed on. */
export function baseHtml(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, images: BaseImages, memo?: LayerMemo): { html: string; notes: string[]; texts: FittedText[] } {
  const L = t.manifest.sizes[size].vars;
  const { fit, notes } = fitSlots(t.baseSlots.text, t.manifest, size, textValues(ctx), fonts.metricsFor, memo?.fitted);
  const html = t.base(baseContext(ctx, size, L, fit, { product: !!images.product, logo: !!images.logo, brandIp: !!images.brandIp }, designFor(t.manifest, size)));
  return { html, notes, texts: fittedTexts(fit, 'base') };
}

/**
 * Renders the shared layer (everything the same for all stores) from its HTML as an opaque RGB
 * raster. With a glyph cache, satori lays out the text as boxes and the text is painted from the
 * cache onto the rasterised shapes (an edit of the text, as in the live preview, then does not
 * rasterise the whole poster again); text it cannot reproduce falls back to glyph outlines.
 */
export async function renderBaseLayer(t: LoadedPosterTemplate, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, images: BaseImages, html: string, glyphs?: GlyphCache, memo?: LayerMemo): Promise<Raster> {
  const { width, height } = POSTER_DIMENSIONS[size];
  const label = `${t.label} (base, ${size})`;
  const background = ctx.brand.colors.background;
  const vdom = htmlToVdom(html, sheetFor(t, size, ctx, memo), (slot, style) => {
    const img = images[slot as keyof BaseImages];
    return img ? imgNode(img, style) : null;
  }, { width, height }, label);
  if (glyphs && !needsOutlines(vdom)) {
    const boxes: TextBox[] = [];
    let svg = await toSvg(boxText(vdom, fonts.metricsFor, boxes), width, height, fonts, label, false);
    const runs: TextRun[] = [];
    const placed: PlacedText[] = [];
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
      placed.push({ text: box.lines.join(' '), rect: mk.rect });
    }
    const split = found ? splitText(svg) : undefined;
    const notes: string[] = [];
    const safe = ctx.post.product.safeArea;
    if (split && safe && images.product) {
      const at = imageRect(svg, dataUri(images.product));
      if (at) {
        // Text satori laid out itself (prices, labels): its run's box from the baseline and the font size.
        for (const r of split.runs) placed.push({ text: r.text, rect: { x: r.x, y: r.y - r.size, w: fonts.metricsFor(r.weight).measure(r.text, r.size, r.letterSpacing), h: r.size * 1.25 } });
        notes.push(...safeAreaNotes(at, safe, placed));
      }
    }
    if (split) {
      const key = createHash('sha256').update(`${background}\u0000${split.shapes}`).digest('hex');
      // An edit that only changes text reuses the shapes.
      let shapes = memo?.shapeRasters?.get(key);
      if (!shapes) {
        shapes = svgToOpaqueRaster(split.shapes, background);
        shapes.catch(() => memo?.shapeRasters?.delete(key));
        memo?.shapeRasters?.set(key, shapes);
      }
      const base = await shapes;
      const out: Raster = { ...base, data: Buffer.from(base.data), ...(notes.length ? { notes } : {}) };
      const all = [...runs, ...split.runs];
      await glyphs.prepare(all);
      glyphs.paint(out, all, 0, 0);
      return out;
    }
  }
  const svg = await toSvg(vdom, width, height, fonts, label);
  return svgToOpaqueRaster(svg, background);
}
