/**
 * Text and cards for video are drawn by the poster renderer's engine (src/render: satori with
 * the bundled Noto Sans SC, sharp, crisp QR painting), never by ffmpeg: ffmpeg only ever sees
 * finished images. The video code talks to it through the small LayerRenderer seam below.
 */
import satori from 'satori';
import type { Rect } from '../render/template/manifest.js';
import { loadFonts, type PosterFonts } from '../render/text/fonts.js';
import { dataUri, loadImage, type LoadedImage } from '../render/image/images.js';
import { assertQrDecodes, checkQrSlot, drawQr, qrMatrix } from '../render/qr/qr.js';
import { svgToOpaqueRaster, svgToRaster, type Raster } from '../render/image/raster.js';
import { htmlToVdom, vdomTexts, type VNode } from '../render/layout/vdom.js';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';

/** An image a layer may show through `<img data-slot="name">`. */
export interface LayerImage {
  bytes: Buffer;
  /** Said in errors ("商品图 product.jpg"). */
  name: string;
}

/** One layer to draw: poster-template HTML (div/span/p/strong/svg, inline styles), slot images, QR codes. */
export interface LayerDoc {
  html: string;
  /** `data-slot` name → image. */
  images?: Record<string, LayerImage>;
  /** QR codes painted at pixel precision after layout (sharp modules that phones scan), checked to decode. */
  qr?: { link: string; rect: Rect };
  /** Opaque background colour; without it the layer is transparent. */
  background?: string;
  /** Names the layer in errors. */
  label: string;
}

/** The seam between video and the text renderer: a layer doc in, an RGBA raster of width × height out. */
export interface LayerRenderer {
  render(doc: LayerDoc, width: number, height: number): Promise<Raster>;
  /** The fonts it draws with: texts are fitted with their metrics before layout. */
  readonly fonts: PosterFonts;
}

/** Escapes text for the layer HTML (user text is data, never markup). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The layer renderer on src/render: fonts parsed once, images normalised once per content. */
export function createLayerRenderer(opts: { fonts?: PosterFonts } = {}): LayerRenderer {
  const fonts = opts.fonts ?? loadFonts();
  const images = new LRUCache<string, Promise<LoadedImage>>({ max: 32 });
  const load = (img: LayerImage): Promise<LoadedImage> => {
    const key = createHash('sha1').update(img.bytes).digest('hex');
    let p = images.get(key);
    if (!p) {
      p = loadImage(img.bytes, img.name);
      p.catch(() => images.delete(key));
      images.set(key, p);
    }
    return p;
  };

  async function render(doc: LayerDoc, width: number, height: number): Promise<Raster> {
    const loaded = new Map<string, LoadedImage>();
    for (const [slot, img] of Object.entries(doc.images ?? {})) loaded.set(slot, await load(img));
    // Images go into the element tree as data URIs after parsing: putting them in the HTML text makes satori-html crawl.
    const vdom = htmlToVdom(
      doc.html,
      '',
      (slot, style): VNode | null => {
        const img = loaded.get(slot);
        return img ? { type: 'img', props: { src: dataUri(img), width: img.width, height: img.height, style: { objectFit: 'cover', ...style } } } : null;
      },
      { width, height },
      doc.label,
    );
    let svg: string;
    try {
      // Emoji are drawn as Twemoji pictures, measured one em wide like the text fitting measured them.
      svg = await satori(vdom as unknown as Parameters<typeof satori>[0], { width, height, fonts: fonts.satori, graphemeImages: fonts.emoji.imagesFor(vdomTexts(vdom)) });
    } catch (err) {
      throw new Error(`${doc.label}: layout failed: ${(err as Error).message.split('\n')[0]}`);
    }
    const raster = doc.background ? await svgToOpaqueRaster(svg, doc.background) : await svgToRaster(svg);
    if (doc.qr) {
      const m = qrMatrix(doc.qr.link);
      checkQrSlot(m, doc.qr.rect, width, doc.label);
      drawQr(raster.data, width, raster.channels, m, doc.qr.rect);
      assertQrDecodes(raster.data, width, raster.channels, doc.qr.rect, m, doc.qr.link, doc.label);
    }
    return raster;
  }

  return { render, fonts };
}

/** The box a raster's visible (alpha > 0) pixels cover, or null when it is empty. */
export function opaqueBox(r: Raster): Rect | null {
  if (r.channels !== 4) return { x: 0, y: 0, w: r.width, h: r.height };
  let x0 = r.width;
  let y0 = r.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < r.height; y++) {
    const row = y * r.width * 4;
    for (let x = 0; x < r.width; x++) {
      if (r.data[row + x * 4 + 3]! === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
