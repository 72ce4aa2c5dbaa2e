import satori from 'satori';
import sharp from 'sharp';
import { FONT_FAMILY, type PosterFonts } from './fonts.js';
import { LRUCache } from 'lru-cache';
import type { Raster } from '../image/raster.js';
import { splitText, type TextRun } from './svg-text.js';
import { MAY_HAVE_EMOJI } from './emoji.js';

/** A text run rasterised once: coverage (0..255), placed at (x + dx, baseline + dy). */
interface Glyph {
  mask: Uint8Array;
  w: number;
  h: number;
  dx: number;
  dy: number;
}

/** One character to paint: where satori's layout put it (left x, baseline y); `image` for an emoji drawn from its picture. */
interface Placed {
  ch: string;
  x: number;
  y: number;
  size: number;
  weight: 400 | 700;
  color: TextRun['color'];
  image?: boolean;
}

/** An emoji rasterised at one size: RGBA, size × size. */
interface EmojiRaster {
  rgba: Buffer;
  size: number;
}

/** Half-pixel horizontal phase of a glyph and the integer origin it is painted from. */
function place(p: Placed): { phase: number; xi: number; yi: number } {
  const xi = Math.floor(p.x);
  const frac = p.x - xi;
  if (frac < 0.25) return { phase: 0, xi, yi: Math.round(p.y) };
  if (frac < 0.75) return { phase: 0.5, xi, yi: Math.round(p.y) };
  return { phase: 0, xi: xi + 1, yi: Math.round(p.y) };
}

function keyOf(p: Placed, phase: number): string {
  return `${p.weight}|${p.size}|${phase}|${p.ch}`;
}

/**
 * Rasterised glyphs, so the per-store layer does not rasterise the same outlines over and over.
 * satori places each run; its characters advance by the font's advance widths plus letter
 * spacing (satori applies no kerning: its widths equal the summed advances). Misses are laid
 * out by satori in one atlas (same engine, same font objects), rasterised by sharp in one call
 * and cut into per-glyph coverage masks.
 */
export class GlyphCache {
  private readonly glyphs = new LRUCache<string, Glyph>({ max: 20_000 });
  private readonly emoji = new LRUCache<string, EmojiRaster>({ max: 512 });
  constructor(private readonly fonts: PosterFonts) {}

  /** Number of runs cached. */
  get size(): number {
    return this.glyphs.size;
  }

  /** Splits runs into characters at their layout positions. */
  private placed(runs: TextRun[]): Placed[] {
    const out: Placed[] = [];
    for (const run of runs) {
      const m = this.fonts.metricsFor(run.weight);
      let x = run.x;
      // Emoji are whole graphemes drawn one em wide (as satori's graphemeImages); the rest goes by code point.
      const units = m.images && MAY_HAVE_EMOJI.test(run.text) ? m.images.graphemes(run.text).flatMap((g) => (m.isImage(g) ? [g] : [...g])) : run.text;
      for (const ch of units) {
        if (m.isImage(ch)) {
          out.push({ ch, x, y: run.y, size: run.size, weight: run.weight, color: run.color, image: true });
          x += run.size;
          continue;
        }
        if (ch !== ' ' && ch !== '\u00a0') out.push({ ch, x, y: run.y, size: run.size, weight: run.weight, color: run.color });
        x += (m.advanceUnits(ch.codePointAt(0)!) * run.size) / m.unitsPerEm + run.letterSpacing;
      }
    }
    return out;
  }

  /** Makes sure every glyph of the runs is cached (one satori + sharp pass for all misses). */
  async prepare(runs: TextRun[]): Promise<void> {
    const missing = new Map<string, { run: Placed; phase: number }>();
    const pictures = new Map<string, Placed>();
    for (const p of this.placed(runs)) {
      if (p.image) {
        const k = `${p.size}|${p.ch}`;
        if (!this.emoji.get(k)) pictures.set(k, p);
        continue;
      }
      const { phase } = place(p);
      const k = keyOf(p, phase);
      if (!this.glyphs.get(k) && !missing.has(k)) missing.set(k, { run: p, phase });
    }
    if (missing.size) await this.rasterise([...missing.entries()]);
    for (const [k, p] of pictures) {
      const size = Math.max(1, Math.round(p.size));
      const rgba = await sharp(this.fonts.emoji.svg(p.ch), { density: 300 }).resize(size, size).ensureAlpha().raw().toBuffer();
      this.emoji.set(k, { rgba, size });
    }
  }

  /** Paints an emoji picture where satori puts a grapheme image: one em square, centred in the font's line box. */
  private paintEmoji(dst: Raster, p: Placed, ox: number, oy: number): void {
    const pic = this.emoji.get(`${p.size}|${p.ch}`);
    if (!pic) throw new Error(`glyph cache: emoji ${JSON.stringify(p.ch)} was not prepared`);
    const m = this.fonts.metricsFor(p.weight);
    const asc = (m.ascender * p.size) / m.unitsPerEm;
    const desc = (-m.descender * p.size) / m.unitsPerEm;
    const x0 = Math.round(p.x) + ox;
    const y0 = Math.round(p.y - asc + (asc + desc - pic.size) / 2) + oy;
    const dc = dst.channels;
    const d = dst.data;
    for (let y = 0; y < pic.size; y++) {
      const dy = y0 + y;
      if (dy < 0 || dy >= dst.height) continue;
      for (let x = 0; x < pic.size; x++) {
        const dx = x0 + x;
        if (dx < 0 || dx >= dst.width) continue;
        const s = (y * pic.size + x) * 4;
        const a = pic.rgba[s + 3]!;
        if (a === 0) continue;
        const i = (dy * dst.width + dx) * dc;
        const inv = 255 - a;
        d[i] = (pic.rgba[s]! * a + d[i]! * inv + 127) / 255 | 0;
        d[i + 1] = (pic.rgba[s + 1]! * a + d[i + 1]! * inv + 127) / 255 | 0;
        d[i + 2] = (pic.rgba[s + 2]! * a + d[i + 2]! * inv + 127) / 255 | 0;
        if (dc === 4) d[i + 3] = Math.max(d[i + 3]!, a);
      }
    }
  }

  /**
   * Every missing glyph is laid out by satori at the SAME origin (so its outline's coordinates,
   * which satori prints rounded, never depend on where it sits in the atlas: the cache gives the
   * same pixels whatever was rasterised with it), then the outlines are moved to their own cells
   * by whole-pixel translations and rasterised by sharp in one call.
   */
  private async rasterise(items: [string, { run: Placed; phase: number }][]): Promise<void> {
    const PAD = 6;
    const MAX_W = 2000;
    const cells: { key: string; x: number; y: number; w: number; h: number; phase: number }[] = [];
    let cx = 0;
    let cy = 0;
    let rowH = 0;
    let cellW = 0;
    let cellH = 0;
    const children = items.map(([key, { run, phase }]) => {
      const m = this.fonts.metricsFor(run.weight);
      const w = Math.ceil(m.measure(run.ch, run.size) + run.size * 0.5 + 2 * PAD);
      const h = Math.ceil(run.size * 1.6 + 2 * PAD);
      if (cx + w > MAX_W && cx > 0) {
        cx = 0;
        cy += rowH;
        rowH = 0;
      }
      cells.push({ key, x: cx, y: cy, w, h, phase });
      cx += w;
      rowH = Math.max(rowH, h);
      cellW = Math.max(cellW, w);
      cellH = Math.max(cellH, h);
      return {
        type: 'div',
        props: {
          style: { position: 'absolute', left: `${PAD + phase}px`, top: `${PAD}px`, display: 'flex', fontSize: `${run.size}px`, fontWeight: run.weight, whiteSpace: 'pre', color: '#000000' },
          children: run.ch,
        },
      };
    });
    const tree = { type: 'div', props: { style: { display: 'flex', position: 'relative', width: `${cellW}px`, height: `${cellH}px`, fontFamily: FONT_FAMILY }, children } };
    const opts = { width: cellW, height: cellH, fonts: this.fonts.satori };
    const plain = splitText(await satori(tree as unknown as Parameters<typeof satori>[0], { ...opts, embedFont: false }));
    const outlines = [...(await satori(tree as unknown as Parameters<typeof satori>[0], { ...opts, embedFont: true })).matchAll(/<path fill="#000000" d="([^"]*)"/g)].map((m) => m[1]!);
    if (!plain || plain.runs.length !== cells.length || outlines.length !== cells.length) {
      // Not one run and one outline per glyph (should not happen): rasterise them one by one.
      if (cells.length > 1) for (const item of items) await this.rasterise([item]);
      else this.glyphs.set(cells[0]!.key, { mask: new Uint8Array(0), w: 0, h: 0, dx: 0, dy: 0 });
      return;
    }
    const width = Math.max(...cells.map((c) => c.x + c.w));
    const height = Math.max(...cells.map((c) => c.y + c.h));
    const atlas = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${cells.map((c, i) => `<path fill="#000000" transform="translate(${c.x} ${c.y})" d="${outlines[i]}"/>`).join('')}</svg>`;
    const alpha = await sharp(Buffer.from(atlas)).ensureAlpha().extractChannel(3).raw().toBuffer();
    cells.forEach((cell, i) => {
      const origin = plain.runs[i]!;
      this.glyphs.set(cell.key, trim(alpha, width, cell, cell.x + Math.round(origin.x - cell.phase), cell.y + Math.round(origin.y)));
    });
  }

  /** Paints runs (already prepared) onto an RGB(A) raster, offset by (ox, oy). */
  paint(dst: Raster, runs: TextRun[], ox: number, oy: number): void {
    const dc = dst.channels;
    const d = dst.data;
    for (const run of this.placed(runs)) {
      if (run.image) {
        this.paintEmoji(dst, run, ox, oy);
        continue;
      }
      const { phase, xi, yi } = place(run);
      const g = this.glyphs.get(keyOf(run, phase));
      if (!g) throw new Error(`glyph cache: "${run.ch}" was not prepared`);
      const [r, gr, b, a] = run.color;
      const alpha = Math.round(a * 256);
      const x0 = xi + g.dx + ox;
      const y0 = yi + g.dy + oy;
      for (let y = 0; y < g.h; y++) {
        const dy = y0 + y;
        if (dy < 0 || dy >= dst.height) continue;
        for (let x = 0; x < g.w; x++) {
          const cov = g.mask[y * g.w + x]!;
          if (cov === 0) continue;
          const dx = x0 + x;
          if (dx < 0 || dx >= dst.width) continue;
          const k = (cov * alpha) >> 8;
          const i = (dy * dst.width + dx) * dc;
          const inv = 255 - k;
          d[i] = (r * k + d[i]! * inv + 127) / 255 | 0;
          d[i + 1] = (gr * k + d[i + 1]! * inv + 127) / 255 | 0;
          d[i + 2] = (b * k + d[i + 2]! * inv + 127) / 255 | 0;
          if (dc === 4) d[i + 3] = Math.max(d[i + 3]!, k);
        }
      }
    }
  }
}

/** Cuts a cell out of the atlas coverage, trimmed to its inked pixels, relative to the run's origin. */
function trim(alpha: Buffer, width: number, cell: { x: number; y: number; w: number; h: number }, ox: number, oy: number): Glyph {
  let minX = cell.w;
  let minY = cell.h;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < cell.h; y++) {
    for (let x = 0; x < cell.w; x++) {
      if (alpha[(cell.y + y) * width + cell.x + x]! > 0) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (maxX < 0) return { mask: new Uint8Array(0), w: 0, h: 0, dx: 0, dy: 0 };
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = (cell.y + minY + y) * width + cell.x + minX;
    mask.set(alpha.subarray(row, row + w), y * w);
  }
  return { mask, w, h, dx: cell.x + minX - ox, dy: cell.y + minY - oy };
}
