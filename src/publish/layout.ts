import { posix } from 'node:path';

/**
 * Where a store's published pack lives under the target's prefix, and how each object is served.
 *
 * ```
 * p/<store token>/index.html        the pack page (relative links), written after every file it links
 * p/<store token>/manifest.json     what was published (sha256 of each object), written last
 * p/<store token>/pack.zip          everything still valid, one zip
 * p/<store token>/f/<sha>/<name>    each file, under the first 16 hex digits of its sha256
 * ```
 * Files are content-addressed: an object never changes once written, so it can be cached for a
 * year, and a page always links objects that exist (the old page keeps its old files until the
 * new page and manifest are in place; only then are the old ones deleted).
 */
export const PAGE = 'index.html';
export const MANIFEST = 'manifest.json';
export const ZIP = 'pack.zip';

/** The key prefix of a store token's published pack. */
export function storeRoot(token: string): string {
  return `p/${token}/`;
}

/** The key (relative to the store's root) of a pack file with this content. */
export function fileKey(sha256: string, path: string): string {
  return `f/${sha256.slice(0, 16)}/${posix.basename(path)}`;
}

/** The page's relative link to a key (relative to the store's root), each segment percent-encoded. */
export function relativeHref(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.zip': 'application/zip',
};

/** The Content-Type an object is served with (text as UTF-8). */
export function contentTypeOf(key: string): string {
  return TYPES[posix.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/** Cache-Control: content-addressed files never change; the page, manifest and zip are checked every time (ETag). */
export function cacheControlOf(key: string): string {
  return key.startsWith('f/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Content-Disposition of the zip: a plain ASCII fallback name and the pack's own name in UTF-8 (RFC 6266 / 5987). */
export function zipDisposition(folder: string): string {
  const star = encodeURIComponent(`${folder}.zip`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="pack.zip"; filename*=UTF-8''${star}`;
}
