/**
 * From a storyboard and variant contexts to files ffmpeg can use: scene texts rendered from
 * their templates, text layers and end cards drawn by src/render, backgrounds fitted by sharp.
 * ffmpeg never sees a font or a string of user text, only these images.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { StudioError } from '../model/index.js';
import { templateData } from '../compose/context.js';
import { renderTemplate } from '../compose/handlebars/index.js';
import type { VariantContext } from '../compose/types.js';
import type { Raster } from '../render/image/raster.js';
import type { MusicPlan } from './args/audio.js';
import type { VideoFormat } from './args/encoder.js';
import type { ScenePlan } from './args/scenes.js';
import { endCardDoc, resolveColor, sceneLayerDoc, type ImageSizes } from './layerHtml.js';
import { opaqueBox, type LayerDoc, type LayerImage, type LayerRenderer } from './layers.js';
import { toFrames, type ImageSlot, type Scene, type Storyboard } from './storyboard.js';

/** Where a render finds its images and files. */
export interface VideoAssets {
  /** The bytes of a workspace asset by id (product image, logo, brand IP, avatars), or undefined when missing. */
  image(id: string): Promise<LayerImage | undefined>;
  /** Absolute path of a file under the studio's assets/ folder ("music/warm-day.m4a", backgrounds). */
  file(rel: string): string;
}

/** The rendered texts of a storyboard's scenes for one variant: [scene][layer] (undefined for image layers). */
export type SceneTexts = (string | undefined)[][];

function templateText(sbId: string, field: string, source: string, ctx: VariantContext): string {
  try {
    return renderTemplate(`storyboard "${sbId}" ${field}`, source, templateData(ctx), { mode: 'text' }).trim();
  } catch (err) {
    throw new StudioError('bad_input', `storyboard "${sbId}": ${field}: ${(err as Error).message.split('\n')[0]}`, field);
  }
}

function sceneName(sb: Storyboard, i: number): string {
  return `scenes[${i}] (${sb.scenes[i]!.part})`;
}

/** Renders every text layer's template for a variant. */
export function sceneTexts(sb: Storyboard, ctx: VariantContext): SceneTexts {
  return sb.scenes.map((scene, i) => scene.layers.map((l, j) => (l.kind === 'text' ? templateText(sb.id, `${sceneName(sb, i)}.layers[${j}].text`, l.text, ctx) : undefined)));
}

/** The asset id behind an image slot for a variant. */
export function slotAsset(slot: ImageSlot, ctx: VariantContext): string | undefined {
  return slot === 'product' ? ctx.post.product.image : slot === 'logo' ? ctx.brand.logo : slot === 'avatar' ? ctx.store.avatar : ctx.brand.ip.image;
}

/** A run of scenes encoded together: shared ones (once per body) or one per-store scene (a still per store). */
export type Segment = { kind: 'shared'; scenes: number[] } | { kind: 'store'; scene: number };

/** The storyboard's scenes as segments, in order: runs of shared scenes, and each per-store scene alone. */
export function segmentsOf(sb: Pick<Storyboard, 'scenes'>): Segment[] {
  const out: Segment[] = [];
  sb.scenes.forEach((s, i) => {
    const last = out.at(-1);
    if (s.perStore) out.push({ kind: 'store', scene: i });
    else if (last?.kind === 'shared') last.scenes.push(i);
    else out.push({ kind: 'shared', scenes: [i] });
  });
  return out;
}

/** The texts the shared scenes show (per-store scenes' texts left out): what decides whether two stores share a body. */
export function sharedTexts(sb: Storyboard, texts: SceneTexts): SceneTexts {
  return texts.map((t, i) => (sb.scenes[i]!.perStore ? [] : t));
}

/**
 * What makes two stores' bodies identical: the storyboard, the size, every rendered text, the
 * images and the brand colours. Stores with the same key share one body encode (a post whose
 * head names the store gets a body per store, still correct).
 */
export function bodyKey(sbSource: string, fmt: VideoFormat, texts: SceneTexts, ctx: VariantContext): string {
  const images = (['product', 'logo', 'brandIp'] as const).map((s) => slotAsset(s, ctx) ?? '');
  const data = JSON.stringify([sbSource, fmt, texts, images, ctx.brand.colors]);
  return createHash('sha256').update(data).digest('hex').slice(0, 24);
}

async function slotImages(sb: Storyboard, ctx: VariantContext, assets: VideoAssets): Promise<{ images: Record<string, LayerImage>; sizes: ImageSizes }> {
  const slots = new Set<ImageSlot>();
  for (const s of sb.scenes) {
    if (s.background.kind === 'image' && s.background.slot) slots.add(s.background.slot);
    for (const l of s.layers) if (l.kind === 'image') slots.add(l.slot);
  }
  const images: Record<string, LayerImage> = {};
  const sizes: ImageSizes = {};
  for (const slot of slots) {
    const id = slotAsset(slot, ctx);
    const img = id ? await assets.image(id) : undefined;
    if (!img) continue;
    const meta = await sharp(img.bytes).metadata();
    const rotated = (meta.orientation ?? 1) >= 5;
    images[slot] = img;
    sizes[slot] = { width: (rotated ? meta.height : meta.width) ?? 1, height: (rotated ? meta.width : meta.height) ?? 1 };
  }
  return { images, sizes };
}

/** The scene's background fitted to w × h over its colour, as a sharp pipeline (undefined: a plain colour). */
async function backgroundImage(scene: Scene, ctx: VariantContext, images: Record<string, LayerImage>, assets: VideoAssets, w: number, h: number): Promise<Sharp | undefined> {
  const bg = scene.background;
  if (bg.kind === 'color') return undefined;
  const color = resolveColor(bg.color, ctx.brand);
  let input: Buffer | string | undefined;
  if (bg.slot) input = images[bg.slot]?.bytes;
  else if (bg.asset) input = assets.file(bg.asset);
  if (!input) return undefined;
  const fitted = await sharp(input, { limitInputPixels: 50_000_000 }).rotate().resize(w, h, { fit: bg.fit, background: color }).flatten({ background: color }).toBuffer();
  return sharp(fitted);
}

function bgColor(scene: Scene, ctx: VariantContext): string {
  return resolveColor(scene.background.color, ctx.brand);
}

const rawOf = (r: Raster) => ({ raw: { width: r.width, height: r.height, channels: r.channels } });

/**
 * Renders a body's scene layers and backgrounds into `dir` and returns the scene plans. Still
 * scenes get background and text flattened into one image (no blending per frame); moving
 * scenes get an oversampled background and the text cropped to what it covers.
 */
export async function prepareBody(sb: Storyboard, ctx: VariantContext, texts: SceneTexts, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets, dir: string, only?: readonly number[]): Promise<ScenePlan[]> {
  const { images, sizes } = await slotImages(sb, ctx, assets);
  const { width: W, height: H } = fmt;
  const plans: ScenePlan[] = [];
  for (const [i, scene] of sb.scenes.entries()) {
    if (only && !only.includes(i)) continue;
    const doc = sceneLayerDoc(scene, `storyboard "${sb.id}" ${sceneName(sb, i)}`, texts[i]!, ctx.brand, renderer.fonts, images, sizes, W, H);
    const layer = doc ? await renderer.render(doc, W, H) : undefined;
    const frames = toFrames(scene.duration);
    // The first scene opens on its picture, never from black: in 视频号 and Moments the first frame is the cover.
    // A run's first scene (after a per-store piece) starts with a cut: pieces are joined by stream copy.
    const first = i === 0 || (only !== undefined && i === only[0]);
    const fadeIn = scene.transition.kind === 'crossfade' && !first ? toFrames(scene.transition.duration) : 0;
    const moving = scene.motion.kind !== 'none' && scene.background.kind === 'image';
    const base = { frames, fadeIn, motion: moving ? scene.motion : ({ kind: 'none' } as const) };
    if (moving) {
      const bg = await backgroundImage(scene, ctx, images, assets, W * 2, H * 2);
      const bgPath = join(dir, `scene${i}-bg.jpg`);
      if (bg) await bg.jpeg({ quality: 92 }).toFile(bgPath);
      else await sharp({ create: { width: W * 2, height: H * 2, channels: 3, background: bgColor(scene, ctx) } }).jpeg({ quality: 92 }).toFile(bgPath);
      const box = layer ? opaqueBox(layer) : null;
      let layerPlan: ScenePlan['layer'];
      if (layer && box) {
        const path = join(dir, `scene${i}-layer.png`);
        await sharp(layer.data, rawOf(layer)).extract({ left: box.x, top: box.y, width: box.w, height: box.h }).png({ compressionLevel: 1 }).toFile(path);
        layerPlan = { path, x: box.x, y: box.y };
      }
      plans.push({ ...base, background: { kind: 'image', path: bgPath }, layer: layerPlan });
      continue;
    }
    const bg = await backgroundImage(scene, ctx, images, assets, W, H);
    if (!bg && !layer) {
      plans.push({ ...base, background: { kind: 'color', color: bgColor(scene, ctx) } });
      continue;
    }
    const canvas = bg ?? sharp({ create: { width: W, height: H, channels: 3, background: bgColor(scene, ctx) } });
    const stillPath = join(dir, `scene${i}-still.png`);
    const composed = layer ? canvas.composite([{ input: layer.data, ...rawOf(layer) }]) : canvas;
    await composed.png({ compressionLevel: 1 }).toFile(stillPath);
    plans.push({ ...base, background: { kind: 'image', path: stillPath } });
  }
  return plans;
}

/** Draws one store's per-store scene (a still: background and layers flattened) and writes it as a PNG. */
export async function prepareStoreScene(sb: Storyboard, i: number, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets, file: string): Promise<void> {
  const scene = sb.scenes[i]!;
  const texts = sceneTexts(sb, ctx);
  const { images, sizes } = await slotImages(sb, ctx, assets);
  const { width: W, height: H } = fmt;
  const doc = sceneLayerDoc(scene, `storyboard "${sb.id}" ${sceneName(sb, i)} (store "${ctx.store.id}")`, texts[i]!, ctx.brand, renderer.fonts, images, sizes, W, H);
  const layer = doc ? await renderer.render(doc, W, H) : undefined;
  const bg = await backgroundImage(scene, ctx, images, assets, W, H);
  const canvas = bg ?? sharp({ create: { width: W, height: H, channels: 3, background: bgColor(scene, ctx) } });
  await (layer ? canvas.composite([{ input: layer.data, ...rawOf(layer) }]) : canvas).png({ compressionLevel: 1 }).toFile(file);
}

/** The video's cover: its first frame (the hook scene as encoded, for this store) as a JPEG. */
export async function coverJpeg(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets): Promise<Buffer> {
  const [first] = await previewStills(sb, ctx, fmt, renderer, assets);
  return sharp(await first!.draw()).jpeg({ quality: 88, mozjpeg: true }).toBuffer();
}

/** Draws one store's end card (opaque, full frame) and writes it as a PNG. */
export async function prepareEndCard(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets, file: string): Promise<void> {
  const raster = await endCardRaster(sb, ctx, fmt, renderer, assets);
  await writeFile(file, await sharp(raster.data, rawOf(raster)).png({ compressionLevel: 1 }).toBuffer());
}

/** The layer doc of one store's end card (opaque, full frame): avatar, owner, store, catchphrase and the QR of the variant's link. */
async function endCardLayer(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets): Promise<LayerDoc> {
  const card = sb.endCard;
  const text = (field: 'headline' | 'cta') => templateText(sb.id, `endCard.${field}`, card[field], ctx);
  const avatar = ctx.store.avatar ? await assets.image(ctx.store.avatar) : undefined;
  const colors = { background: resolveColor(card.background, ctx.brand), accent: resolveColor(card.accent, ctx.brand), text: ctx.brand.colors.text };
  const owner = ctx.store.nickname && ctx.store.nickname !== ctx.store.ownerName ? `${ctx.store.ownerName} · ${ctx.store.nickname}` : ctx.store.ownerName;
  const store = [ctx.store.storeName, ctx.store.district].filter(Boolean).join(' · ');
  const texts = { headline: text('headline'), owner, store, catchphrase: ctx.store.catchphrase, cta: text('cta'), brand: ctx.brand.name };
  return endCardDoc(texts, colors, ctx.link, avatar, renderer.fonts, fmt.width, fmt.height, `storyboard "${sb.id}" end card (store "${ctx.store.id}")`).doc;
}

/** One store's end card as a full-frame opaque raster. */
export async function endCardRaster(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets): Promise<Raster> {
  return renderer.render(await endCardLayer(sb, ctx, fmt, renderer, assets), fmt.width, fmt.height);
}

/**
 * A moving background as its first frame shows it (the zoompan's start in src/video/args/scenes.ts):
 * a zoom starts at `from` around the centre; a pan at its zoom, from the edge it moves away from.
 */
async function motionStart(bg: Sharp, scene: Scene, W: number, H: number): Promise<Sharp> {
  const m = scene.motion;
  if (m.kind === 'none') return bg;
  const z = m.kind === 'zoom' ? m.from : m.zoom;
  if (z <= 1) return bg;
  const w = Math.round(W / z);
  const h = Math.round(H / z);
  const dir = m.kind === 'pan' ? m.direction : undefined;
  const left = dir === 'right' ? 0 : dir === 'left' ? W - w : Math.round((W - w) / 2);
  const top = dir === 'down' ? 0 : dir === 'up' ? H - h : Math.round((H - h) / 2);
  return sharp(await bg.extract({ left, top, width: w, height: h }).resize(W, H).toBuffer());
}

/** A picture of the storyboard preview: a key naming everything it is drawn from, and how to draw it (full-size PNG). */
export interface StillJob {
  key: string;
  draw(): Promise<Buffer>;
}

/** What a layer doc draws, as a short hash (its HTML, colours, QR, and each image's bytes). */
function docKey(doc: LayerDoc | null | undefined, extra: unknown): string {
  const h = createHash('sha256').update(JSON.stringify([doc?.html, doc?.background, doc?.qr, extra]));
  for (const [slot, img] of Object.entries(doc?.images ?? {})) h.update(slot).update(img.bytes);
  return h.digest('hex').slice(0, 32);
}

/**
 * The pictures of the storyboard preview, in order: the first frame of every scene as it will be
 * encoded (background fitted to the frame, a moving one where its motion starts, the scene's
 * layers over it), then the store's end card. Only the layout runs here; drawing is
 * left to `draw()`, so a caller can reuse pictures whose key it has seen.
 */
export async function previewStills(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets): Promise<StillJob[]> {
  const texts = sceneTexts(sb, ctx);
  const { images, sizes } = await slotImages(sb, ctx, assets);
  const { width: W, height: H } = fmt;
  const jobs: StillJob[] = sb.scenes.map((scene, i) => {
    const doc = sceneLayerDoc(scene, `storyboard "${sb.id}" ${sceneName(sb, i)}`, texts[i]!, ctx.brand, renderer.fonts, images, sizes, W, H);
    const bgSlot = scene.background.kind === 'image' && scene.background.slot ? slotAsset(scene.background.slot, ctx) : undefined;
    return {
      key: docKey(doc, [scene.background, scene.motion, bgSlot, bgColor(scene, ctx), W, H]),
      async draw() {
        const layer = doc ? await renderer.render(doc, W, H) : undefined;
        const bg = await backgroundImage(scene, ctx, images, assets, W, H);
        const canvas = (bg && (await motionStart(bg, scene, W, H))) ?? sharp({ create: { width: W, height: H, channels: 3, background: bgColor(scene, ctx) } });
        return (layer ? canvas.composite([{ input: layer.data, ...rawOf(layer) }]) : canvas).png({ compressionLevel: 1 }).toBuffer();
      },
    };
  });
  const card = await endCardLayer(sb, ctx, fmt, renderer, assets);
  jobs.push({
    key: docKey(card, ['endCard', W, H]),
    async draw() {
      const r = await renderer.render(card, W, H);
      return sharp(r.data, rawOf(r)).png({ compressionLevel: 1 }).toBuffer();
    },
  });
  return jobs;
}

/** The storyboard's music resolved to a file, or undefined for a silent track. */
export function musicPlan(sb: Storyboard, assets: VideoAssets): MusicPlan | undefined {
  if (!sb.music) return undefined;
  return { path: assets.file(sb.music.track), volume: sb.music.volume, fadeIn: sb.music.fadeIn, fadeOut: sb.music.fadeOut };
}
