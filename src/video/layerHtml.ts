/**
 * The HTML of a scene's text layer and of a store's end card (pure: texts and sizes in, a
 * LayerDoc out). Text is fitted with the poster renderer's font metrics, so every line is
 * known to fit and the layout (including the QR's exact rectangle) is computed here.
 */
import type { Brand } from '../model/index.js';
import type { PosterFonts } from '../render/text/fonts.js';
import type { Rect } from '../render/template/manifest.js';
import { QUIET_MODULES, qrMatrix } from '../render/qr/qr.js';
import { fitText, type FitResult } from '../render/text/text-fit.js';
import { esc, type LayerDoc, type LayerImage } from './layers.js';
import type { ColorRef, Layer, Scene } from './storyboard.js';

/** A colour reference resolved against the brand kit. */
export function resolveColor(ref: ColorRef, brand: Pick<Brand, 'colors'>): string {
  if (!ref.startsWith('brand.')) return ref;
  return brand.colors[ref.slice(6) as keyof Brand['colors']];
}

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/** Fits text to a width with the bundled font (shrinks to 70% of the size, then ends with "…"). */
export function fit(fonts: PosterFonts, text: string, width: number, size: number, weight: 400 | 700, maxLines: number): FitResult {
  const rule = { width, fontSize: size, minFontSize: Math.round(size * 0.7), maxLines, lineHeight: 1.3, weight, letterSpacing: 0, overflow: 'ellipsis' as const, balance: true };
  return fitText(text, rule, fonts.metricsFor(weight), 'video text');
}

function linesHtml(f: FitResult, color: string, weight: number, align: 'left' | 'center'): string {
  return f.lines
    .map((l) => `<div style="display:flex; justify-content:${align === 'center' ? 'center' : 'flex-start'}; font-size:${f.fontSize}px; line-height:${f.lineHeight}px; height:${f.lineHeight}px; color:${color}; font-weight:${weight}; white-space:nowrap">${esc(l)}</div>`)
    .join('');
}

/** Pixel size of an image slot, for keeping its aspect ratio. */
export type ImageSizes = Partial<Record<string, { width: number; height: number }>>;

function layerBlock(layer: Layer, text: string | undefined, brand: Brand, fonts: PosterFonts, sizes: ImageSizes, W: number, H: number): string {
  const s = W / 1080;
  if (layer.kind === 'image') {
    const dim = sizes[layer.slot];
    if (!dim) return '';
    let w = Math.round(W * layer.width);
    let h = Math.round((w * dim.height) / dim.width);
    const maxH = Math.round(H * 0.42);
    if (h > maxH) [w, h] = [Math.round((w * maxH) / h), maxH];
    // The owner's avatar is a round face, as on posters and the end card; other images get rounded corners.
    if (layer.slot === 'avatar') [w, h] = [Math.min(w, h), Math.min(w, h)];
    const radius = layer.slot === 'avatar' ? Math.round(w / 2) : layer.rounded ? Math.round(28 * s) : 0;
    return `<img data-slot="${layer.slot}" style="width:${w}px; height:${h}px; border-radius:${radius}px; object-fit:${layer.slot === 'avatar' ? 'cover' : 'contain'}; margin:${Math.round(14 * s)}px 0">`;
  }
  if (!text?.trim()) return '';
  const padX = layer.panel ? Math.round(34 * s) : 0;
  const padY = layer.panel ? Math.round(18 * s) : 0;
  const f = fit(fonts, text, Math.round(W * 0.86) - 2 * padX, Math.round(layer.size * s), layer.weight, layer.maxLines);
  if (!f.lines.length) return '';
  const panel = layer.panel ? `background-color:${rgba(resolveColor(layer.panel, brand), layer.panelOpacity)}; border-radius:${Math.round(26 * s)}px;` : '';
  const align = layer.align === 'center' ? 'center' : 'flex-start';
  return `<div style="display:flex; flex-direction:column; align-items:${align}; ${panel} padding:${padY}px ${padX}px; margin:${Math.round(12 * s)}px 0; max-width:${Math.round(W * 0.9)}px">${linesHtml(f, resolveColor(layer.color, brand), layer.weight, layer.align)}</div>`;
}

/**
 * The transparent layer of one scene: its text and image layers stacked in three regions (top,
 * middle, bottom), clear of the strips short-video apps cover with their own buttons.
 * `texts[i]` is layer i's text already rendered from its template (undefined for image layers).
 * Returns null when the scene draws nothing.
 */
export function sceneLayerDoc(
  scene: Scene,
  label: string,
  texts: (string | undefined)[],
  brand: Brand,
  fonts: PosterFonts,
  images: Record<string, LayerImage>,
  sizes: ImageSizes,
  W: number,
  H: number,
): LayerDoc | null {
  const regions = { top: [] as string[], middle: [] as string[], bottom: [] as string[] };
  scene.layers.forEach((layer, i) => {
    const html = layerBlock(layer, texts[i], brand, fonts, sizes, W, H);
    if (html) regions[layer.region].push(html);
  });
  if (!regions.top.length && !regions.middle.length && !regions.bottom.length) return null;
  const box = (style: string, items: string[]) => (items.length ? `<div style="position:absolute; left:0; width:${W}px; display:flex; flex-direction:column; align-items:center; ${style}">${items.join('')}</div>` : '');
  const html = [
    box(`top:${Math.round(H * 0.09)}px;`, regions.top),
    box(`top:0; height:${H}px; justify-content:center;`, regions.middle),
    box(`bottom:${Math.round(H * 0.13)}px;`, regions.bottom),
  ].join('');
  const used = Object.fromEntries(scene.layers.filter((l) => l.kind === 'image').flatMap((l) => (images[l.slot] ? [[l.slot, images[l.slot]!]] : [])));
  return { html, images: used, label };
}

/** The texts of an end card, already rendered from their templates. */
export interface EndCardTexts {
  headline: string;
  owner: string;
  store: string;
  catchphrase: string;
  cta: string;
  brand: string;
}

/** Where the end card's QR code goes (it is painted at pixel precision after layout). */
export interface EndCardLayout {
  doc: LayerDoc;
  qr: Rect;
}

function textAt(x: number, y: number, w: number, f: FitResult, color: string, weight: number): string {
  return `<div style="position:absolute; left:${x}px; top:${y}px; width:${w}px; display:flex; flex-direction:column; align-items:center">${linesHtml(f, color, weight, 'center')}</div>`;
}

/**
 * One store's end card: avatar, owner, store, catchphrase, the QR code of the variant's link and
 * a call to action, on an opaque background. Portrait frames stack everything; square frames
 * put the owner on the left and the QR on the right so the code stays large enough to scan.
 */
export function endCardDoc(
  t: EndCardTexts,
  colors: { background: string; accent: string; text: string },
  link: string,
  avatar: LayerImage | undefined,
  fonts: PosterFonts,
  W: number,
  H: number,
  label: string,
): EndCardLayout {
  const s = W / 1080;
  const px = (n: number) => Math.round(n * s);
  const parts: string[] = [];
  const portrait = H / W >= 1.5;
  const colX = portrait ? px(90) : px(50);
  const colW = portrait ? W - 2 * colX : px(520);
  let y = portrait ? px(170) : px(60);
  const head = fit(fonts, t.headline, portrait ? colW : W - 2 * px(60), px(portrait ? 60 : 50), 700, portrait ? 2 : 1);
  parts.push(textAt(portrait ? colX : px(60), y, portrait ? colW : W - 2 * px(60), head, colors.accent, 700));
  y += head.height + px(portrait ? 60 : 40);
  const av = px(portrait ? 280 : 220);
  const avX = colX + Math.round((colW - av) / 2);
  const ring = `border:${px(8)}px solid ${colors.accent}; border-radius:${av}px;`;
  if (avatar) parts.push(`<img data-slot="avatar" style="position:absolute; left:${avX}px; top:${y}px; width:${av}px; height:${av}px; ${ring}">`);
  else {
    const initial = esc([...(t.owner || t.store)][0] ?? '');
    parts.push(`<div style="position:absolute; left:${avX}px; top:${y}px; width:${av}px; height:${av}px; ${ring} background-color:${colors.accent}; display:flex; align-items:center; justify-content:center; color:#FFFFFF; font-weight:700; font-size:${Math.round(av * 0.42)}px">${initial}</div>`);
  }
  y += av + px(36);
  const owner = fit(fonts, t.owner, colW, px(64), 700, 1);
  parts.push(textAt(colX, y, colW, owner, colors.text, 700));
  y += owner.height + px(8);
  const store = fit(fonts, t.store, colW, px(42), 400, portrait ? 1 : 2);
  parts.push(textAt(colX, y, colW, store, colors.text, 400));
  y += store.height + px(30);
  if (t.catchphrase.trim()) {
    const pad = px(26);
    const cp = fit(fonts, `“${t.catchphrase.trim()}”`, colW - 2 * pad, px(42), 400, portrait ? 2 : 3);
    parts.push(`<div style="position:absolute; left:${colX}px; top:${y}px; width:${colW}px; height:${cp.height + 2 * pad}px; background-color:${rgba(colors.accent, 0.12)}; border-radius:${px(24)}px"></div>`);
    parts.push(textAt(colX + pad, y + pad, colW - 2 * pad, cp, colors.text, 400));
    y += cp.height + 2 * pad + px(44);
  }
  // A whole number of pixels per module, quiet zone included: crisp modules that scan at any size.
  const modules = qrMatrix(link).size + 2 * QUIET_MODULES;
  const qrSide = Math.max(1, Math.floor(px(portrait ? 440 : 400) / modules)) * modules;
  const qrX = portrait ? Math.round((W - qrSide) / 2) : W - px(50) - px(20) - qrSide;
  const qrY = portrait ? Math.max(y, px(1060)) : Math.round((H - qrSide) / 2) + px(10);
  const frame = px(20);
  parts.push(`<div style="position:absolute; left:${qrX - frame}px; top:${qrY - frame}px; width:${qrSide + 2 * frame}px; height:${qrSide + 2 * frame}px; background-color:#FFFFFF; border-radius:${px(28)}px; border:${px(4)}px solid ${colors.accent}"></div>`);
  const ctaW = portrait ? colW : qrSide + 2 * frame + px(40);
  const ctaX = portrait ? colX : qrX - frame - px(20);
  const cta = fit(fonts, t.cta, ctaW, px(40), 700, 1);
  parts.push(textAt(ctaX, qrY + qrSide + frame + px(24), ctaW, cta, colors.accent, 700));
  const brand = fit(fonts, t.brand, W - 2 * px(60), px(30), 400, 1);
  parts.push(textAt(px(60), H - px(portrait ? 110 : 70), W - 2 * px(60), brand, colors.text, 400));
  const qr = { x: qrX, y: qrY, w: qrSide, h: qrSide };
  return { doc: { html: parts.join(''), images: avatar ? { avatar } : {}, qr: { link, rect: qr }, background: colors.background, label }, qr };
}
