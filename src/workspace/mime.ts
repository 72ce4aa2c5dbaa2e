import { MAX_SVG_EXPANSION, svgExpansion } from './svg-expansion.js';
import { StudioError } from '../model/index.js';

/** An image type the studio stores, with the extension its files get. */
export interface ImageType {
  mime: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/svg+xml';
  ext: '.png' | '.jpg' | '.webp' | '.gif' | '.svg';
}

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

// An SVG document: optional XML declaration, comments and doctype, then the <svg> element.
const SVG_START = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+svg[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>/]/i;
// Active content that has no place in a brand asset (and would run if the SVG is opened in a browser).
const SVG_ACTIVE = /<script[\s>]|<foreignObject[\s>]|\son[a-z]+\s*=|javascript:/i;
// References that make an SVG renderer read files or addresses outside it (the poster renderer refuses them too).
const SVG_EXTERNAL = /<!ENTITY|xi:include|(?:href|src)\s*=\s*["']\s*(?!#|data:image\/(?:png|jpeg|gif|webp)[;,])[^"'\s]+|url\(\s*['"]?\s*(?!#)[^)\s'"]+/i;

/** The image type of `bytes` from its magic bytes (the name is never trusted), or undefined. */
export function sniffImage(bytes: Buffer): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: '.png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: '.jpg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { mime: 'image/gif', ext: '.gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { mime: 'image/webp', ext: '.webp' };
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (SVG_START.test(head)) return { mime: 'image/svg+xml', ext: '.svg' };
  return undefined;
}

/** Returns the image type of `bytes` or throws StudioError('bad_input') naming the file. */
export function requireImage(bytes: Buffer, name: string): ImageType {
  if (bytes.length === 0) throw StudioError.coded('bad_input', 'asset.empty', { name });
  const type = sniffImage(bytes);
  if (!type) throw StudioError.coded('bad_input', 'asset.notImage', { name });
  if (type.mime === 'image/svg+xml' && SVG_ACTIVE.test(bytes.toString('utf8'))) {
    throw StudioError.coded('bad_input', 'asset.svgScript', { name });
  }
  const external = type.mime === 'image/svg+xml' ? SVG_EXTERNAL.exec(bytes.toString('utf8')) : null;
  if (external) throw StudioError.coded('bad_input', 'asset.svgExternal', { name, ref: external[0].slice(0, 60) });
  if (type.mime === 'image/svg+xml' && svgExpansion(bytes.toString('utf8')) > MAX_SVG_EXPANSION) {
    throw StudioError.coded('bad_input', 'asset.svgExpansion', { name, max: MAX_SVG_EXPANSION });
  }
  return type;
}
