import type { VariantContext } from '../compose/types.js';
import type { PosterSize } from '../model/index.js';
import type { Style } from './css.js';
import type { PosterFonts } from './fonts.js';
import { imgNode, sheetFor, toSvg, type BaseImages } from './layers.js';
import type { Rect } from './manifest.js';
import { fitSlots, storeContext, textValues } from './posterContext.js';
import type { LoadedPosterTemplate } from './posterTemplate.js';
import { splitText, type TextRun } from './svgText.js';
import { PosterTemplateError } from './templateSource.js';
import { htmlToVdom } from './vdom.js';

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

function findMarker(svg: string, color: string): { rect: Rect; element: string } | undefined {
  // satori draws a plain box as <rect>, or as <path> carrying x/y/width/height when it is clipped by a rounded parent.
  const re = new RegExp(`<(?:rect|path) x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)" fill="${color}"[^>]*/>`);
  const m = re.exec(svg);
  if (!m) return undefined;
  if (/transform=/.test(m[0])) return undefined;
  const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map((v) => Math.round(Number(v)));
  return { rect: { x: x!, y: y!, w: w!, h: h! }, element: m[0] };
}

/** The store layer laid out: where things go, and either shapes + text runs or a full SVG. */
export interface StoreLayout {
  slots: StoreSlots;
  notes: string[];
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
): Promise<StoreLayout> {
  const area = t.manifest.sizes[size].store;
  const L = t.manifest.sizes[size].vars;
  const label = `${t.label} (store, ${size})`;
  const { fit, notes } = fitSlots(t.storeSlots.text, t.manifest, size, textValues(ctx), fonts.metricsFor);
  const flags = { product: !!images.product, logo: !!images.logo, brandIp: !!images.brandIp, avatar: !!images.avatar };
  const html = t.store(storeContext(ctx, size, L, fit, flags, { w: area.w, h: area.h }));
  const styles: Partial<Record<MarkedSlot, Style>> = {};
  const vdom = htmlToVdom(html, sheetFor(t, size, ctx), (slot, style) => {
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
  // Laid out once without glyph outlines: the text runs are painted from the glyph cache.
  let svg = await toSvg(vdom, area.w, area.h, fonts, label, false);
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
  const split = splitText(svg);
  if (split) return { slots, notes, split };
  // Text the glyph painter cannot reproduce (faded, transformed...): the whole layer with glyph paths.
  let full = await toSvg(vdom, area.w, area.h, fonts, label, true);
  for (const color of Object.values(MARKERS)) {
    const mk = findMarker(full, color);
    if (mk) full = full.replace(mk.element, '');
  }
  return { slots, notes, svg: full };
}
