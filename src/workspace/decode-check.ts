import sharp from 'sharp';
import { StudioError } from '../model/index.js';
import type { AssetRecord } from '../model/index.js';

/** Largest image the studio stores (pixels); the poster renderer uses the same bound. */
export const MAX_ASSET_PIXELS = 50_000_000;

/**
 * Decodes a raster image once, with libvips' input limits, so a header claiming 100k×100k pixels
 * or a truncated file is refused when it arrives (naming it), not later in the middle of an export.
 */
export async function assertDecodable(bytes: Buffer, record: Pick<AssetRecord, 'mime' | 'name'>): Promise<void> {
  // An SVG's markup was checked as text (external references, <use> expansion); its declared size
  // (width/height, else the viewBox) is what librsvg rasterises at, so it is bounded like a raster's.
  if (record.mime === 'image/svg+xml') return assertSvgSize(bytes, record.name);
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_ASSET_PIXELS) {
      throw StudioError.coded('bad_input', 'asset.tooManyPixels', { name: record.name, width: meta.width, height: meta.height, limit: MAX_ASSET_PIXELS / 1e6 });
    }
    await sharp(bytes, { limitInputPixels: MAX_ASSET_PIXELS, failOn: 'truncated', animated: false }).stats();
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw StudioError.coded('bad_input', 'asset.unreadable', { name: record.name, reason: (err as Error).message.split('\n')[0]! });
  }
}

async function assertSvgSize(bytes: Buffer, name: string): Promise<void> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw StudioError.coded('bad_input', 'asset.svgUnreadable', { name, reason: (err as Error).message.split('\n')[0]! });
  }
  const { width = 0, height = 0 } = meta;
  if (width * height > MAX_ASSET_PIXELS) {
    throw StudioError.coded('bad_input', 'asset.svgTooManyPixels', { name, width, height, limit: MAX_ASSET_PIXELS / 1e6 });
  }
}
