import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { VariantContext } from '../compose/types.js';
import type { PosterSize } from '../model/index.js';
import { POSTER_DIMENSIONS } from '../model/index.js';
import { BaseCache } from './layout/base-cache.js';
import { loadFonts, type PosterFonts } from './text/fonts.js';
import { imageToRaw, ImageInputError, loadImage, type LoadedImage } from './image/images.js';
import { baseHtml, renderBaseLayer, type BaseImages } from './layout/base-layer.js';
import { layoutStoreLayer } from './layout/store-layer.js';
import { GlyphCache } from './text/glyph-cache.js';
import { LRUCache } from 'lru-cache';
import { RenderMemo } from './memo.js';
import { brandInfo, groupInfo, type FittedText } from './layout/poster-context.js';
import { loadPosterTemplate, type PosterTemplateInput } from './template/poster-template.js';
import { assertQrDecodes, checkQrSlot, drawQr, qrMatrix, QrError, type QrMatrix } from './qr/qr.js';
import { blend, roundedMask, svgToRaster, type PosterFormat, type Raster } from './image/raster.js';
import { BaseJpegs, encodePoster, encodeScaled, MCU_ROWS } from './jpeg/encode-poster.js';
import type { Rect } from './template/manifest.js';
import { renderWatermark } from './image/watermark.js';

/** Bump when the output of the same inputs changes (invalidates cached base layers). */
export const RENDERER_VERSION = 'posters-2';

/** An asset's bytes, with its original file name when known (used in error messages). */
export type ImageInput = Buffer | { bytes: Buffer; name: string };

/** Everything one poster is made from. */
export interface PosterRenderInput {
  template: PosterTemplateInput;
  size: PosterSize;
  ctx: VariantContext;
  /** Asset id → bytes, for the brand logo, brand IP, product image and the store's avatar. */
  images: Map<string, ImageInput>;
  format?: PosterFormat;
  /** Adds a diagonal "草稿 / DRAFT" watermark (the QR stays clear). */
  draft?: boolean;
  /** False keeps a newly rendered shared layer in memory only, not in the disk cache (live previews: one per edit). */
  cacheBaseOnDisk?: boolean;
  /**
   * Scale the result down to this width (live previews). The poster is still composed and its QR
   * read back at full size; only the encoding is of the scaled frame, so no full-size JPEG is
   * encoded and decoded again just to shrink it.
   */
  width?: number;
}

/** A rendered poster. */
export interface RenderedPoster {
  bytes: Buffer;
  width: number;
  height: number;
  format: PosterFormat;
  /** Where the QR is on the poster (px). */
  qr: Rect;
  /** Things worth telling the user (text shortened, characters the font lacks removed). */
  notes: string[];
  /** Every text box's lines as drawn (shared layer, then store layer). */
  texts: FittedText[];
  /** True when the shared layer came from the cache. */
  baseCached: boolean;
  /** Milliseconds per stage (base ~0 when the shared layer came from the cache; encode includes the QR read-back it overlaps). */
  ms: { base: number; layout: number; compose: number; qr: number; encode: number };
}

/** A poster renderer that keeps fonts, templates, images and base layers warm between calls. */
export interface PosterRenderer {
  render(input: PosterRenderInput): Promise<RenderedPoster>;
  stats(): { baseHits: number; baseMisses: number };
}

const ROLES: Record<string, string> = { product: '商品图 product image', logo: '品牌标志 logo', brandIp: '品牌IP形象 brand IP', avatar: '头像 avatar' };

/** Options of createPosterRenderer. */
export interface PosterRendererOptions {
  fonts?: PosterFonts;
  /** Keep base layers on disk here too (e.g. <workspace>/renders/cache). */
  cacheDir?: string;
  /** Base layers kept in memory (each ~6 MB at 9:16). */
  maxBases?: number;
  /** JPEG: encode only the store's rows and splice them into the cached base JPEG (default true; the result is byte-identical to a full encode). */
  spliceJpeg?: boolean;
}

/** Creates a renderer: the shared layer is rendered once per post × group type × size and reused for every store. */
export function createPosterRenderer(opts: PosterRendererOptions = {}): PosterRenderer {
  // libvips' operation cache would keep old rasters alive; this renderer keeps what it reuses itself.
  sharp.cache({ memory: 16, files: 0, items: 16 });
  const fonts = opts.fonts ?? loadFonts();
  const bases = new BaseCache(opts.maxBases ?? 12, opts.cacheDir);
  const loaded = new LRUCache<string, Promise<LoadedImage>>({ max: 32 });
  const avatars = new LRUCache<string, Promise<Buffer>>({ max: 64 });
  const masks = new LRUCache<string, Uint8Array>({ max: 16 });
  const watermarks = new Map<PosterSize, Promise<Raster>>();
  const jpegs = new BaseJpegs();
  const glyphs = new GlyphCache(fonts);
  const bands = new LRUCache<string, Promise<Buffer>>({ max: 6 });
  // Small (a few KB each); a matrix carries what the decoder read from it, so each link is decoded once per renderer.
  const qrs = new LRUCache<string, QrMatrix>({ max: 4096 });
  const spliceJpeg = opts.spliceJpeg ?? true;
  const memo = new RenderMemo();

  const label = (slot: string, id: string, input: ImageInput): string => `${ROLES[slot] ?? slot} ${Buffer.isBuffer(input) ? `(asset ${id.slice(0, 8)})` : input.name}`;
  const bytesOf = (input: ImageInput): Buffer => (Buffer.isBuffer(input) ? input : input.bytes);

  function image(slot: string, id: string | undefined, images: Map<string, ImageInput>): Promise<LoadedImage> | undefined {
    if (!id) return undefined;
    const input = images.get(id);
    if (!input) throw new ImageInputError(`${ROLES[slot] ?? slot}: asset ${id} was not provided to the renderer`);
    let p = loaded.get(id);
    if (!p) {
      p = loadImage(bytesOf(input), label(slot, id, input));
      p.catch(() => loaded.delete(id));
      loaded.set(id, p);
    }
    return p;
  }

  async function baseImages(input: PosterRenderInput, used: Set<string>): Promise<BaseImages> {
    const { brand, post } = input.ctx;
    const ids: Record<keyof BaseImages, string | undefined> = { product: post.product.image, logo: brand.logo, brandIp: brand.ip.image };
    const out: BaseImages = {};
    for (const slot of Object.keys(ids) as (keyof BaseImages)[]) {
      if (!used.has(slot)) continue;
      const p = image(slot, ids[slot], input.images);
      if (p) out[slot] = await p;
    }
    return out;
  }

  async function render(input: PosterRenderInput): Promise<RenderedPoster> {
    const { ctx, size } = input;
    const format = input.format ?? 'jpg';
    const t = loadPosterTemplate(input.template, memo);
    const { width, height } = POSTER_DIMENSIONS[size];
    if (!/^https?:\/\//i.test(ctx.link)) throw new QrError(`${t.label}: the variant's link "${ctx.link}" is not an http(s) URL`);
    const used = new Set([...t.baseSlots.images, ...t.storeSlots.images]);
    const imgs = await baseImages(input, used);
    // The base cache key is the base layer's own HTML (text already fitted), so store data can
    // never leak into a shared base, and a post whose head names the store still renders right.
    const { html, notes, texts } = baseHtml(t, size, ctx, fonts, imgs, memo);
    const keyData = [RENDERER_VERSION, t.hash, size, JSON.stringify(brandInfo(ctx)), JSON.stringify(groupInfo(ctx)), JSON.stringify(ctx.post.product.safeArea ?? null), ctx.post.product.image ?? '', ctx.brand.logo ?? '', ctx.brand.ip.image ?? '', html];
    const key = createHash('sha256').update(keyData.join('\u0000')).digest('hex').slice(0, 40);
    const tb = performance.now();
    let baseCached = true;
    const base = await bases.get(key, () => {
      baseCached = false;
      return renderBaseLayer(t, size, ctx, fonts, imgs, html, glyphs, memo);
    }, input.cacheBaseOnDisk !== false);
    const baseMs = performance.now() - tb;
    if (base.notes) notes.push(...base.notes);

    const avatarId = used.has('avatar') ? ctx.store.avatar : undefined;
    const tl = performance.now();
    const store = await layoutStoreLayer(t, size, ctx, fonts, { ...imgs, avatar: !!avatarId }, memo);
    notes.push(...store.notes);
    const area = t.manifest.sizes[size].store;

    // Everything below row y0 (a JPEG MCU boundary above the store layer) is this store's band.
    const tc = performance.now();
    const scaled = input.width !== undefined && input.width < width;
    // A shared layer drawn just now may serve this poster only (a head that names the store): the
    // whole poster is encoded once then, rather than the layer plus its index plus the band. The
    // layer is indexed for splicing when a second poster uses it (same bytes either way).
    const splice = format === 'jpg' && !input.draft && spliceJpeg && !scaled && baseCached;
    const y0 = splice ? Math.floor(area.y / MCU_ROWS) * MCU_ROWS : 0;
    let band: Raster;
    if (store.split) {
      // Base rows + the layer's shapes are the same for stores whose shapes match: cached; text is painted per store.
      const shapesKey = createHash('sha256').update(store.split.shapes).digest('hex').slice(0, 24);
      const bandKey = `${key}|${y0}|${shapesKey}`;
      let ready = bands.get(bandKey);
      if (!ready) {
        ready = svgToRaster(store.split.shapes).then((shapes) => {
          const b: Raster = { data: Buffer.from(base.data.subarray(y0 * width * 3)), width, height: height - y0, channels: 3 };
          blend(b, shapes, area.x, area.y - y0);
          return b.data;
        });
        ready.catch(() => bands.delete(bandKey));
        bands.set(bandKey, ready);
      }
      band = { data: Buffer.from(await ready), width, height: height - y0, channels: 3 };
      await glyphs.prepare(store.split.runs);
      glyphs.paint(band, store.split.runs, area.x, area.y - y0);
    } else {
      band = { data: Buffer.from(base.data.subarray(y0 * width * 3)), width, height: height - y0, channels: 3 };
      blend(band, await svgToRaster(store.svg!), area.x, area.y - y0);
    }
    const av = store.slots.avatar;
    if (av && avatarId) {
      const pixels = await avatarPixels(input, avatarId, av.w, av.h);
      blend(band, { data: pixels, width: av.w, height: av.h, channels: 4 }, av.x, av.y - y0, maskFor(av.w, av.h, av.radius));
    }
    const qrSlot = { ...store.slots.qr, y: store.slots.qr.y - y0 };

    const tq = performance.now();
    let qr = qrs.get(ctx.link);
    if (!qr) {
      qr = qrMatrix(ctx.link);
      qrs.set(ctx.link, qr);
    }
    const where = `${t.label} (${size}, store "${ctx.store.id}")`;
    checkQrSlot(qr, qrSlot, width, where);
    drawQr(band.data, width, 3, qr, qrSlot);
    if (input.draft) blend(band, await watermark(size), 0, 0, undefined, qrSlot);

    // Encoding (native threads) runs while the QR is read back from the same final pixels here;
    // the poster is refused unless its QR reads back as exactly the link.
    const te = performance.now();
    const encoding = scaled ? encodeScaled(base, band, y0, format, input.width!) : encodePoster(base, band, y0, format, () => jpegs.get(key, base));
    try {
      assertQrDecodes(band.data, width, 3, qrSlot, qr, ctx.link, where);
    } catch (err) {
      await encoding.catch(() => undefined);
      throw err;
    }
    const bytes = await encoding;
    const out = scaled ? { width: input.width!, height: Math.round((height * input.width!) / width) } : { width, height };
    const ms = { base: baseMs, layout: tc - tl, compose: tq - tc, qr: te - tq, encode: performance.now() - te };
    return { bytes, ...out, format, qr: store.slots.qr, notes, texts: [...texts, ...store.texts], baseCached, ms };
  }

  function avatarPixels(input: PosterRenderInput, id: string, w: number, h: number): Promise<Buffer> {
    const src = input.images.get(id);
    if (!src) throw new ImageInputError(`${ROLES.avatar}: asset ${id} of store "${input.ctx.store.id}" was not provided to the renderer`);
    const key = `${id}|${w}x${h}`;
    let p = avatars.get(key);
    if (!p) {
      p = imageToRaw(bytesOf(src), `${label('avatar', id, src)} (store "${input.ctx.store.id}")`, w, h, 'cover');
      p.catch(() => avatars.delete(key));
      avatars.set(key, p);
    }
    return p;
  }

  function maskFor(w: number, h: number, radius: number): Uint8Array {
    const key = `${w}x${h}r${radius}`;
    let mask = masks.get(key);
    if (!mask) {
      mask = roundedMask(w, h, radius);
      masks.set(key, mask);
    }
    return mask;
  }

  function watermark(size: PosterSize): Promise<Raster> {
    let wm = watermarks.get(size);
    if (!wm) {
      const { width, height } = POSTER_DIMENSIONS[size];
      wm = renderWatermark(width, height, fonts);
      watermarks.set(size, wm);
    }
    return wm;
  }

  return { render, stats: () => ({ baseHits: bases.hits, baseMisses: bases.misses }) };
}

/** Renders one poster with no cache kept afterwards: a pure function of its inputs (fonts passed in or the bundled ones). */
export async function renderPoster(input: PosterRenderInput & { fonts?: PosterFonts }): Promise<RenderedPoster> {
  return createPosterRenderer({ fonts: input.fonts, maxBases: 1 }).render(input);
}
