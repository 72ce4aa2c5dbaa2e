/** Shared helpers of the poster tests: the built-in templates as inputs, QR decoding with jsQR and zbarimg. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import type { Rect } from '../../src/render/template/manifest.js';
import type { PosterTemplateInput } from '../../src/render/template/poster-template.js';

/** The built-in poster templates as renderer inputs. */
export function builtinInputs(): PosterTemplateInput[] {
  return builtinPosterTemplates().map((t) => ({ id: t.id, version: 1, source: t.versions[0]!.source }));
}

/** Decodes the QR with jsQR on the full-resolution pixels around `qr` (independent of the renderer's own check). */
export async function jsqrDecode(image: Buffer, qr: Rect): Promise<string | null> {
  return (await jsqrAround(image, qr, 20))?.data ?? null;
}

/** jsQR on the full-resolution pixels of `qr` with a margin of `m` px around it. */
async function jsqrAround(image: Buffer, qr: Rect, m: number): Promise<ReturnType<typeof jsQR>> {
  const meta = await sharp(image).metadata();
  const left = Math.max(0, qr.x - m);
  const top = Math.max(0, qr.y - m);
  const width = Math.min(meta.width! - left, qr.w + 2 * m);
  const height = Math.min(meta.height! - top, qr.h + 2 * m);
  const { data, info } = await sharp(image).extract({ left, top, width, height }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
}

/**
 * Measures the QR code around `qr` as a decoder sees it (jsQR on the full-resolution pixels): the
 * code's side in px (outer corners of its finder patterns, quiet zone excluded), its module count
 * (from the version jsQR read) and px per module.
 */
export async function jsqrMeasure(image: Buffer, qr: Rect): Promise<{ text: string; side: number; modules: number; module: number } | null> {
  const found = await jsqrAround(image, qr, 40);
  if (!found) return null;
  const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c } = found.location;
  const side = (Math.hypot(b.x - a.x, b.y - a.y) + Math.hypot(c.x - a.x, c.y - a.y)) / 2;
  const modules = 17 + 4 * found.version;
  return { text: found.data, side, modules, module: side / modules };
}

const dir = mkdtempSync(join(tmpdir(), 'shequn-render-test-'));
let n = 0;

/** Decodes every QR in the image file with zbarimg (binary mode keeps UTF-8 intact); returns their texts. */
export function zbarDecode(image: Buffer, ext = 'jpg'): string[] {
  const file = join(dir, `p${n++}.${ext}`);
  writeFileSync(file, image);
  try {
    return execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}
