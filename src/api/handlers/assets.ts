import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { sniffImage } from '../../workspace/mime.js';
import { StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
import { MAX_UPLOAD_BYTES, type assetMethods } from '../methods/assets.js';

/** Scales raster images down to `width` (never up) as WebP; SVG and GIF are returned as they are. */
async function scaled(bytes: Buffer, mime: string, width?: number) {
  if (!width || mime === 'image/svg+xml' || mime === 'image/gif') return { mime, base64: bytes.toString('base64') };
  const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000, failOn: 'error' })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  return { mime: 'image/webp', base64: data.toString('base64'), width: info.width, height: info.height };
}

/** True when `child` is `parent` or inside it. */
function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** assets.upload, assets.read and files.image over the open workspace. */
export const assetHandlers: HandlersFor<typeof assetMethods> = {
  'assets.upload': async ({ name, base64 }, { ws }) => {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > MAX_UPLOAD_BYTES) throw StudioError.coded('bad_input', 'asset.tooBig', { name, limit: 15 }, 'base64');
    return ws.assets.put(bytes, name);
  },
  'assets.read': async ({ id, width }, { ws }) => {
    const record = ws.assets.get(id);
    if (!record) throw new StudioError('not_found', `asset ${id} is not in this workspace`, 'id');
    return scaled(await ws.assets.read(id), record.mime, width);
  },
  'files.image': async ({ path: rel, width }, { ws }) => {
    // Only files the studio itself wrote (renders/, packs/), resolved through symlinks, never outside.
    const root = await realpath(ws.dir);
    const wanted = path.resolve(root, rel);
    const real = await realpath(wanted).catch(() => {
      throw new StudioError('not_found', `${rel} does not exist in the workspace`, 'path');
    });
    const allowed = [ws.paths.renders, ws.paths.packs].map((p) => path.resolve(root, path.relative(ws.dir, p)));
    if (!allowed.some((dir) => inside(dir, real))) throw new StudioError('forbidden', `${rel} is not under renders/ or packs/`, 'path');
    const bytes = await readFile(real);
    const type = sniffImage(bytes);
    if (!type) throw new StudioError('bad_input', `${rel} is not an image`, 'path');
    return scaled(bytes, type.mime, width);
  },
};
