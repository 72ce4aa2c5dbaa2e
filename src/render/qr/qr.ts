import QRCode from 'qrcode';
import jsQR from 'jsqr';
import type { Rect } from '../template/manifest.js';

/** Smallest QR slot on a 1080-wide poster, in px (code and quiet zone). */
export const MIN_QR_PX = 240;
/**
 * The floor of the drawn code itself on a 1080-wide image (without its quiet zone): at least 200 px
 * and 5 px per module, so the code survives WeChat recompressing the image (at ~4 px a module
 * that was a gamble). Scaled with the image width.
 */
export const MIN_CODE_PX = 200;
/** Smallest module size in px at 1080 width (see MIN_CODE_PX). */
export const MIN_MODULE_PX = 5;
/** Quiet zone around the code, in modules (the standard asks for 4). */
export const QUIET_MODULES = 4;

/** A QR code's modules (error correction M). */
export interface QrMatrix {
  size: number;
  /** 1 = dark, row-major. */
  data: Uint8Array;
  /** What an independent decoder (jsQR) read from a clean drawing of these modules, once it has (kept with the cached matrix). */
  decoded?: string;
}

/** Raised when a QR cannot be drawn legibly or does not decode back to its link. */
export class QrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QrError';
  }
}

/** Encodes a link as a QR matrix with error correction M. */
export function qrMatrix(link: string): QrMatrix {
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, data: Uint8Array.from(qr.modules.data as unknown as ArrayLike<number>) };
}

/** Where the modules land inside a slot: module size and top-left of the code, whole pixels. */
export function qrPlacement(m: Pick<QrMatrix, "size">, slot: Rect): { module: number; x: number; y: number; side: number } {
  const side = Math.min(slot.w, slot.h);
  const module = Math.floor(side / (m.size + 2 * QUIET_MODULES));
  const code = module * m.size;
  return { module, x: slot.x + Math.floor((slot.w - code) / 2), y: slot.y + Math.floor((slot.h - code) / 2), side: code };
}

/** Checks a QR slot is big enough for the link at the image's width: slot ≥ 240 px, code ≥ 200 px and ≥ 5 px a module (at 1080 px). */
export function checkQrSlot(m: QrMatrix, slot: Rect, posterWidth: number, label: string): void {
  const scale = posterWidth / 1080;
  const min = Math.ceil(MIN_QR_PX * scale);
  if (Math.min(slot.w, slot.h) < min) throw new QrError(`${label}: the QR slot is ${slot.w}×${slot.h}px; it must be at least ${min}px so phones can scan it`);
  const { module, side } = qrPlacement(m, slot);
  const minModule = Math.max(1, Math.floor(MIN_MODULE_PX * scale));
  if (module < minModule) {
    throw new QrError(`${label}: the link is too long for the QR slot (${m.size} modules need ${(m.size + 2 * QUIET_MODULES) * minModule}px at ${minModule}px a module, the slot has ${Math.min(slot.w, slot.h)}px); shorten the link or make the slot larger`);
  }
  const minCode = Math.floor(MIN_CODE_PX * scale);
  if (side < minCode) throw new QrError(`${label}: the QR code would be ${side}px wide; it must be at least ${minCode}px (make the QR slot larger)`);
}

/** Paints the code (black on white, quiet zone included: the whole slot is white) into an RGB/RGBA raster. */
export function drawQr(raster: Buffer, width: number, channels: 3 | 4, m: QrMatrix, slot: Rect): void {
  const height = raster.length / (width * channels);
  if (slot.x < 0 || slot.y < 0 || slot.x + slot.w > width || slot.y + slot.h > height) {
    throw new QrError(`the QR slot (${slot.x},${slot.y} ${slot.w}×${slot.h}) lies outside the ${width}×${height} image`);
  }
  const { module, x: ox, y: oy } = qrPlacement(m, slot);
  const fill = (x: number, y: number, w: number, h: number, v: number): void => {
    for (let yy = y; yy < y + h; yy++) {
      const start = (yy * width + x) * channels;
      if (channels === 3) raster.fill(v, start, start + w * 3);
      else for (let i = start; i < start + w * 4; i += 4) {
        raster[i] = v;
        raster[i + 1] = v;
        raster[i + 2] = v;
        raster[i + 3] = 255;
      }
    }
  };
  fill(slot.x, slot.y, slot.w, slot.h, 255);
  for (let my = 0; my < m.size; my++) {
    for (let mx = 0; mx < m.size; mx++) {
      if (m.data[my * m.size + mx] === 1) fill(ox + mx * module, oy + my * module, module, module, 0);
    }
  }
}

/** Half-module cells of a code's region: 2 per module, the code plus 2 modules of quiet zone. */
const PX = 2;
const MARGIN = 2;

/**
 * Reads the code and 2 modules of its quiet zone from a final raster, averaged along the module
 * grid to 2 px per module (at most 3 × 3 samples per cell): a small grey image (n × n) that jsQR
 * reads in a few ms instead of ~15 ms on the full-size region, and that can be compared with the
 * modules cell by cell.
 */
function sampleQrRegion(raster: Buffer, width: number, channels: 3 | 4, slot: Rect, m: Pick<QrMatrix, 'size'>, height: number): { grid: Uint8ClampedArray; n: number } {
  const { module, x: ox, y: oy } = qrPlacement(m, slot);
  const n = (m.size + 2 * MARGIN) * PX;
  const step = module / PX;
  const left = ox - MARGIN * module;
  const top = oy - MARGIN * module;
  const edges = new Int32Array(n + 1);
  for (let k = 0; k <= n; k++) edges[k] = Math.round(k * step);
  const grid = new Uint8ClampedArray(n * n);
  for (let ty = 0; ty < n; ty++) {
    const y0 = top + edges[ty]!;
    const y1 = Math.max(y0 + 1, top + edges[ty + 1]!);
    for (let tx = 0; tx < n; tx++) {
      const x0 = left + edges[tx]!;
      const x1 = Math.max(x0 + 1, left + edges[tx + 1]!);
      let sum = 0;
      let count = 0;
      // At most 3 × 3 samples spread over the cell: a module's pixels are read, not every one of a big code's.
      const sy = Math.max(1, Math.ceil((y1 - y0) / 3));
      const sx = Math.max(1, Math.ceil((x1 - x0) / 3));
      for (let y = y0; y < y1; y += sy) {
        if (y < 0 || y >= height) continue;
        let i = (y * width + x0) * channels;
        for (let x = x0; x < x1; x += sx, i += sx * channels) {
          if (x < 0 || x >= width) continue;
          sum += raster[i]! + 2 * raster[i + 1]! + raster[i + 2]!;
          count++;
        }
      }
      grid[ty * n + tx] = count ? sum / (4 * count) : 255;
    }
  }
  return { grid, n };
}

function jsqrRead(grid: Uint8ClampedArray, n: number): string | null {
  const rgba = new Uint8ClampedArray(n * n * 4);
  for (let i = 0, o = 0; i < grid.length; i++, o += 4) {
    rgba[o] = rgba[o + 1] = rgba[o + 2] = grid[i]!;
    rgba[o + 3] = 255;
  }
  const found = jsQR(rgba, n, n, { inversionAttempts: 'dontInvert' });
  return found ? found.data : null;
}

/** True when every cell of the sampled region shows its module clearly: dark modules dark, light ones and the quiet zone light. */
function cellsMatch(grid: Uint8ClampedArray, n: number, m: QrMatrix): boolean {
  for (let ty = 0; ty < n; ty++) {
    const my = Math.floor(ty / PX) - MARGIN;
    for (let tx = 0; tx < n; tx++) {
      const mx = Math.floor(tx / PX) - MARGIN;
      const dark = my >= 0 && my < m.size && mx >= 0 && mx < m.size && m.data[my * m.size + mx] === 1;
      const v = grid[ty * n + tx]!;
      if (dark ? v > 64 : v < 192) return false;
    }
  }
  return true;
}

/** Decodes the QR inside `slot` of a final raster with jsQR (only the code's region is read) and returns its text. */
export function decodeQrRegion(raster: Buffer, width: number, channels: 3 | 4, slot: Rect, m: Pick<QrMatrix, 'size'>, height = Infinity): string | null {
  const { grid, n } = sampleQrRegion(raster, width, channels, slot, m, height);
  return jsqrRead(grid, n);
}

/**
 * Throws QrError unless the QR in `slot` of the final raster reads as exactly `link`. The region
 * is compared with the modules cell by cell; jsQR decodes it the first time a matrix is seen (and
 * whenever the cells do not match, to say what the code reads as), so every poster's pixels are
 * checked and the decoder runs once per link and renderer, not once per poster.
 */
export function assertQrDecodes(raster: Buffer, width: number, channels: 3 | 4, slot: Rect, m: QrMatrix, link: string, label: string, height = Infinity): void {
  const { grid, n } = sampleQrRegion(raster, width, channels, slot, m, height);
  const clean = cellsMatch(grid, n, m);
  if (clean && m.decoded === link) return;
  const got = jsqrRead(grid, n);
  if (got !== link) {
    throw new QrError(got === null ? `${label}: the QR code on the poster does not decode (is something drawn over it?)` : `${label}: the QR code decodes to "${got}", not the store's link "${link}"`);
  }
  // Only a clean drawing vouches for the matrix: later posters of this link need not run the decoder.
  if (clean) m.decoded = got;
}
