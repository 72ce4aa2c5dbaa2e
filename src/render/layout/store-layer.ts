import type { VariantContext } from '../../compose/types.js';
import type { PosterSize } from '../../model/index.js';
import type { Style } from './css.js';
import type { PosterFonts } from '../text/fonts.js';
import { imgNode, sheetFor, toSvg, type BaseImages, type LayerMemo } from './base-layer.js';
import type { Rect } from '../template/manifest.js';
import { designFor, fitSlots, fittedTexts, storeContext, textValues, type FittedText } from './poster-context.js';
import type { LoadedPosterTemplate } from '../template/poster-template.js';
import { findMarker, splitText, type TextRun } from '../text/svg-text.js';
import { boxRuns, boxText, needsOutlines, type TextBox } from '../text/text-boxes.js';
import { PosterTemplateError } from '../template/source.js';
import { htmlToVdom, type VNode } from './vdom.js';
import type { LRUCache } from 'lru-cache';

/** Marker colours of the placeholders the store layer leaves for pixels we paste ourselves. */
const MARKERS = { qr: '#010203', avatar: '#010204' } as const;
type MarkedSlot = keyof typeof MARKERS;

/** Style properties that only paint (dropped from placeholders so satori emits one plain rect). */
const PAINT = ['background', 'backgroundColor', 'backgroundImage', 'border', 'borderWidth', 'borderColor', 'borderStyle', 'borderRadius', 'boxShadow', 'opacity', 'objectFit', 'objectPosition', 'filter', 'padding'];

/** What the store layer leaves for pasting: where the QR and the avatar go (poster coordinates) and the avatar's corner radius. */
export interface StoreSlots {
  qr: Rect;
  avatar?: Rect & { radius: number };
}

function radiusOf(style: Style, w: number, h: number): number {
  const r = style.borderRadius ?? '0';
  if (r.trim().endsWith('%')) return (parseFloat(r) / 100) * Math.min(w, h) * 2;
  return parseFloat(r) || 0;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Text must stay inside the store layer: a template whose boxes are too wide is an error, not a cut-off poster. */
function checkTextBox(r: Rect, box: TextBox, area: Rect, label: string): void {
  if (r.x < 0 || r.y < 0 || r.x + r.w > area.w + 1 || r.y + r.h > area.h + 1) {
    throw new PosterTemplateError(`${label}: the text "${box.lines.join(' ').slice(0, 20)}" runs outside the store layer (${r.x},${r.y} ${r.w}×${r.h} in ${area.w}×${area.h})`);
  }
}


/** A layout satori produced for a boxed tree: shapes, where each text box / QR / avatar went, satori's own text runs. */
export interface CachedLayout {
  shapes: string;
  boxes: (Rect | undefined)[];
  qr: Rect;
  avatar?: Rect;
  runs: TextRun[];
}

/** What a renderer keeps between store layers: the layer memo plus satori layouts by boxed tree. */
export interface StoreLayerMemo extends LayerMemo {
  layouts?: LRUCache<string, CachedLayout>;
}

/** satori over the boxed tree; undefined when some text cannot be painted from the glyph cache (the caller falls back). */
async function computeLayout(boxed: VNode, boxes: TextBox[], area: Rect, fonts: PosterFonts, label: string, avatar: boolean): Promise<CachedLayout | undefined> {
  let svg = await toSvg(boxed, area.w, area.h, fonts, label, false);
  const rects: (Rect | undefined)[] = [];
  for (const box of boxes) {
    const mk = findMarker(svg, box.marker);
    if (!mk) {
      if (box.lines.some((l) => l.trim())) return undefined;
      rects.push(undefined);
      continue;
    }
    svg = svg.replace(mk.element, '');
    checkTextBox(mk.rect, box, area, label);
    rects.push(mk.rect);
  }
  const qr = findMarker(svg, MARKERS.qr);
  if (!qr) throw new PosterTemplateError(`${label}: could not place the QR slot (it must be visible and not inside a transformed element)`);
  svg = svg.replace(qr.element, '');
  boxes.forEach((box, i) => {
    const r = rects[i];
    if (r && overlaps(r, qr.rect)) throw new PosterTemplateError(`${label}: the text "${box.lines.join(' ').slice(0, 20)}" overlaps the QR code; give it a narrower box (its fit width)`);
  });
  let av: Rect | undefined;
  if (avatar) {
    const mk = findMarker(svg, MARKERS.avatar);
    if (!mk) throw new PosterTemplateError(`${label}: could not place the avatar slot (it must be visible and not inside a transformed element)`);
    svg = svg.replace(mk.element, '');
    av = mk.rect;
  }
  const split = splitText(svg);
  if (!split) return undefined;
  return { shapes: split.shapes, boxes: rects, qr: qr.rect, avatar: av, runs: split.runs };
}

/** The store layer laid out: where things go, and either shapes + text runs or a full SVG. */
export interface StoreLayout {
  slots: StoreSlots;
  notes: string[];
  /** The store layer's fitted texts. */
  texts: FittedText[];
  /** Shapes (an SVG without text, often the same for every store) and the text runs to paint. */
  split?: { shapes: string; runs: TextRun[] };
  /** The whole layer with glyph outlines, when the text cannot be painted from the cache. */
  svg?: string;
}

/**
 * Lays out the store layer inside the manifest's store rectangle. The QR and the avatar are
 * left as placeholders: the renderer paints them at pixel precision afterwards (crisp QR
 * modules, and the QR's exact position is known for decoding).
 */
export async function layoutStoreLayer(
  t: LoadedPosterTemplate,
  size: PosterSize,
  ctx: VariantContext,
  fonts: PosterFonts,
  images: BaseImages & { avatar?: boolean },
  memo?: StoreLayerMemo,
): Promise<StoreLayout> {
  const area = t.manifest.sizes[size].store;
  const L = t.manifest.sizes[size].vars;
  const label = `${t.label} (store, ${size})`;
  const { fit, notes } = fitSlots(t.storeSlots.text, t.manifest, size, textValues(ctx), fonts.metricsFor, memo?.fitted);
  const flags = { product: !!images.product, logo: !!images.logo, brandIp: !!images.brandIp, avatar: !!images.avatar };
  const html = t.store(storeContext(ctx, size, L, fit, flags, { w: area.w, h: area.h }, designFor(t.manifest, size)));
  const styles: Partial<Record<MarkedSlot, Style>> = {};
  const vdom = htmlToVdom(html, sheetFor(t, size, ctx, memo), (slot, style) => {
    if (slot === 'qr' || (slot === 'avatar' && images.avatar)) {
      if (styles[slot]) throw new PosterTemplateError(`${label}: the ${slot} slot is used twice`);
      styles[slot] = style;
      const placeholder: Style = { ...style, backgroundColor: MARKERS[slot] };
      for (const p of PAINT) if (p !== 'backgroundColor') delete placeholder[p];
      return { type: 'div', props: { style: placeholder } };
    }
    if (slot === 'avatar') {
      // No photo: a coloured disc with the owner's initial.
      const initial = [...(ctx.store.ownerName || ctx.store.storeName)][0] ?? '';
      const w = parseFloat(style.width ?? '120') || 120;
      return {
        type: 'div',
        props: {
          style: { ...style, display: 'flex', alignItems: 'center', justifyContent: 'center', backgroundColor: ctx.brand.colors.primary, color: '#ffffff', fontWeight: '700', fontSize: `${Math.round(w * 0.45)}px` },
          children: initial,
        },
      };
    }
    const img = images[slot as keyof BaseImages];
    return img ? imgNode(img, style) : null;
  }, { width: area.w, height: area.h }, label);
  // Laid out without glyph outlines, with known-line text replaced by boxes of its size: all
  // text is painted from the glyph cache at satori's positions. What satori returns depends only
  // on this boxed tree, so stores whose trees match (same line counts and sizes in fixed-width
  // boxes) reuse one layout and satori is not called at all.
  const boxes: TextBox[] = [];
  const boxed = boxText(vdom, fonts.metricsFor, boxes);
  const key = `${t.hash}|${size}|${JSON.stringify(boxed)}`;
  let layout = needsOutlines(vdom) ? undefined : memo?.layouts?.get(key);
  if (!layout && !needsOutlines(vdom)) {
    layout = await computeLayout(boxed, boxes, area, fonts, label, !!styles.avatar);
    if (layout) memo?.layouts?.set(key, layout);
  }
  if (layout) {
    const runs: TextRun[] = [];
    boxes.forEach((box, i) => {
      const at = layout!.boxes[i];
      if (at) runs.push(...boxRuns(box, at));
    });
    const slots: StoreSlots = { qr: { ...layout.qr, x: layout.qr.x + area.x, y: layout.qr.y + area.y } };
    if (layout.avatar && styles.avatar) slots.avatar = { ...layout.avatar, x: layout.avatar.x + area.x, y: layout.avatar.y + area.y, radius: radiusOf(styles.avatar, layout.avatar.w, layout.avatar.h) };
    return { slots, notes, texts: fittedTexts(fit, 'store'), split: { shapes: layout.shapes, runs: [...runs, ...layout.runs] } };
  }
  // Text the glyph painter cannot reproduce (shadows, faded or transformed text): the whole layer with glyph outlines.
  let svg = await toSvg(vdom, area.w, area.h, fonts, label, true);
  const qr = findMarker(svg, MARKERS.qr);
  if (!qr) throw new PosterTemplateError(`${label}: could not place the QR slot (it must be visible and not inside a transformed element)`);
  svg = svg.replace(qr.element, '');
  const slots: StoreSlots = { qr: { ...qr.rect, x: qr.rect.x + area.x, y: qr.rect.y + area.y } };
  if (styles.avatar) {
    const av = findMarker(svg, MARKERS.avatar);
    if (!av) throw new PosterTemplateError(`${label}: could not place the avatar slot (it must be visible and not inside a transformed element)`);
    svg = svg.replace(av.element, '');
    slots.avatar = { ...av.rect, x: av.rect.x + area.x, y: av.rect.y + area.y, radius: radiusOf(styles.avatar, av.rect.w, av.rect.h) };
  }
  return { slots, notes, texts: fittedTexts(fit, 'store'), svg };
}
