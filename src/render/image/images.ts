import { MAX_SVG_EXPANSION, svgExpansion } from '../../workspace/svg-expansion.js';
import sharp, { type Metadata, type Sharp } from 'sharp';

/** Largest input image accepted, in pixels (50 MP): bigger ones are refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Longest side images are scaled down to before they go into a poster. */
export const MAX_SIDE = 1600;

/** A problem with an input image; the message names the asset. */
export class ImageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/** An image ready for a poster: PNG (with alpha) or JPEG, at most MAX_SIDE on its longest side. */
export interface LoadedImage {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/** sharp's input options for untrusted images: pixel limit and "fail on truncated data". */
export const SAFE_INPUT = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' as const };

/** True when the bytes look like SVG/XML text. */
export function isSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<svg') || head.startsWith('<?xml') || (head.startsWith('<!--') && head.includes('<svg'));
}

/** Refuses SVGs that reference anything outside themselves (files, URLs, entities, XInclude, scripts). */
export function checkSvgSafe(bytes: Buffer, name: string): void {
  const text = bytes.toString('utf8');
  const bad =
    /<!ENTITY/i.exec(text) ??
    /<!DOCTYPE/i.exec(text) ??
    /<xi:include|XInclude/i.exec(text) ??
    /<script\b/i.exec(text) ??
    /<foreignObject\b/i.exec(text) ??
    /@import/i.exec(text) ??
    /(?:href|src)\s*=\s*["']\s*(?!#|data:image\/(?:png|jpeg|gif|webp)[;,])[^"']*/i.exec(text) ??
    /url\(\s*['"]?\s*(?!#)[^)]*\)/i.exec(text);
  if (bad) throw new ImageInputError(`${name}: the SVG refers to something outside itself (${bad[0].slice(0, 60)}); external references are refused`);
  if (svgExpansion(text) > MAX_SVG_EXPANSION) {
    throw new ImageInputError(`${name}: the SVG's nested <use> references expand to more than ${MAX_SVG_EXPANSION} elements; flatten it (export as PNG)`);
  }
}

function explain(err: unknown, name: string): ImageInputError {
  const msg = (err as Error).message ?? String(err);
  if (/pixel limit/i.test(msg)) return new ImageInputError(`${name} is larger than ${MAX_INPUT_PIXELS / 1e6} MP; scale it down before using it`);
  if (/premature end|truncated|unexpected end|not enough data|read error|out of order|corrupt|invalid/i.test(msg)) {
    return new ImageInputError(`${name} is truncated or damaged and cannot be used (${msg.split('\n')[0]})`);
  }
  if (/unsupported image format/i.test(msg)) return new ImageInputError(`${name} is not an image format the studio reads (JPEG, PNG, WebP, GIF, SVG)`);
  return new ImageInputError(`${name}: ${msg.split('\n')[0]}`);
}

/** A sharp pipeline over untrusted image bytes with the input limits set; SVG is checked first. */
export async function openImage(bytes: Buffer, name: string): Promise<Sharp> {
  if (isSvg(bytes)) checkSvgSafe(bytes, name);
  let meta: Metadata;
  try {
    // Reading the header only: with the pixel limit off here, the size can be named in the error below.
    meta = await sharp(bytes, { ...SAFE_INPUT, limitInputPixels: false }).metadata();
  } catch (err) {
    throw explain(err, name);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > MAX_INPUT_PIXELS) throw new ImageInputError(`${name} is ${w}×${h} (${Math.round((w * h) / 1e6)} MP); the limit is ${MAX_INPUT_PIXELS / 1e6} MP: scale it down before using it`);
  return sharp(bytes, SAFE_INPUT).rotate();
}

/**
 * Reads an asset's bytes through sharp with the input limits and normalises it: EXIF rotation
 * applied, at most MAX_SIDE px on its longest side, PNG when it has transparency else JPEG.
 * `name` says which asset it is in errors (e.g. "头像 avatar.jpg").
 */
export async function loadImage(bytes: Buffer, name: string, maxSide = MAX_SIDE): Promise<LoadedImage> {
  const img = await openImage(bytes, name);
  try {
    const resized = img.resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true });
    const { data: raw, info } = await resized.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let opaque = true;
    for (let i = 3; i < raw.length; i += 4) if (raw[i]! < 255) { opaque = false; break; }
    const base = sharp(raw, { raw: { width: info.width, height: info.height, channels: 4 } });
    const data = opaque ? await base.removeAlpha().jpeg({ quality: 92 }).toBuffer() : await base.png({ compressionLevel: 3 }).toBuffer();
    return { data, mime: opaque ? 'image/jpeg' : 'image/png', width: info.width, height: info.height };
  } catch (err) {
    throw explain(err, name);
  }
}

/** An image fitted to exactly w × h (cover: cropped to fill) as raw RGBA, for pasting into a layer. */
export async function imageToRaw(bytes: Buffer, name: string, w: number, h: number, fit: 'cover' | 'contain'): Promise<Buffer> {
  const img = await openImage(bytes, name);
  try {
    return await img
      .resize({ width: w, height: h, fit, background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .ensureAlpha()
      .raw()
      .toBuffer();
  } catch (err) {
    throw explain(err, name);
  }
}

/** A data: URI for an image (what satori takes as an <img> source). */
export function dataUri(img: LoadedImage): string {
  return `data:${img.mime};base64,${img.data.toString('base64')}`;
}
