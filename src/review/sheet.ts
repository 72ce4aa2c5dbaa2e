import { createRequire } from 'node:module';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
/** Noto Emoji (monochrome, SIL OFL 1.1): emoji in a caption card, which Noto Sans SC does not draw (they were boxes). */
const FONT_EMOJI = require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf');
/** An emoji as one grapheme: a pictograph with its modifiers and joins, a flag, or a keycap. */
const EMOJI_RUN = /(?:\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*(?:\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)*|[\u{1F1E6}-\u{1F1FF}]{2}|[0-9#*]\uFE0F?\u20E3)+/gu;

/** Escapes text for Pango markup (sharp's text input). */
export function pangoEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An image with its pixel size. */
export interface Sized {
  buf: Buffer;
  width: number;
  height: number;
}

/** Renders wrapped text (CJK-capable font) to a transparent PNG at most `width` wide. */
export async function textImage(text: string, opts: { width: number; size: number; color?: string; bold?: boolean }): Promise<Sized> {
  let body = text.trim() ? pangoEscape(text) : ' ';
  if (body.search(EMOJI_RUN) >= 0) {
    // The emoji font joins the process's fonts (libvips adds a font file once), then emoji runs name it.
    await sharp({ text: { text: '.', font: 'Noto Emoji 8', fontfile: FONT_EMOJI } }).png().toBuffer();
    body = body.replace(EMOJI_RUN, (run) => `<span font_family="Noto Emoji">${run}</span>`);
  }
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${opts.color ?? '#222222'}">${body}</span>`,
      font: `Noto Sans SC${opts.bold ? ' Bold' : ''} ${opts.size}`,
      fontfile: opts.bold ? FONT_BOLD : FONT_REGULAR,
      width: opts.width,
      wrap: 'word-char',
      rgba: true,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { buf: data, width: info.width, height: info.height };
}

/** A caption drawn as a chat bubble (white card, wrapped text) `width` wide. */
export async function captionCard(text: string, width: number): Promise<Sized> {
  const pad = 20;
  const t = await textImage(text, { width: width - 2 * pad, size: 20 });
  const height = t.height + 2 * pad;
  const buf = await sharp({ create: { width, height, channels: 4, background: '#ffffff' } })
    .composite([{ input: t.buf, left: pad, top: pad }])
    .png()
    .toBuffer();
  return { buf, width, height };
}

/** Scales an image to `width` (keeping its ratio) with a 1 px grey frame. */
export async function thumbnail(input: Buffer, width: number): Promise<Sized> {
  const { data, info } = await sharp(input)
    .resize({ width: width - 2 })
    .flatten({ background: '#ffffff' })
    .extend({ top: 1, bottom: 1, left: 1, right: 1, background: '#bbbbbb' })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { buf: data, width: info.width, height: info.height };
}

/** One labelled picture on a sheet. */
export interface SheetCell {
  label: string;
  image: Buffer;
  /** Draw the label in warning colour (over a limit, render failed...). */
  warn?: boolean;
}

/** A headed row of cells (wrapped onto more lines when long). */
export interface SheetRow {
  heading: string;
  cells: SheetCell[];
}

/** The whole sheet: title lines, then rows. */
export interface SheetSpec {
  title: string;
  lines: string[];
  rows: SheetRow[];
  cellWidth: number;
  perLine?: number;
}

type Placed = { input: Buffer; left: number; top: number };

/** Lays out a sheet (title, headed rows of labelled cells) and encodes it as one JPEG. */
export async function composeSheet(spec: SheetSpec): Promise<Sized> {
  const margin = 32;
  const gap = 24;
  const maxCells = Math.max(1, ...spec.rows.map((r) => r.cells.length));
  const perLine = Math.min(maxCells, spec.perLine ?? 8);
  const width = Math.max(900, margin * 2 + perLine * spec.cellWidth + (perLine - 1) * gap);
  const inner = width - 2 * margin;
  const parts: Placed[] = [];
  let y = margin;
  const title = await textImage(spec.title, { width: inner, size: 34, bold: true });
  parts.push({ input: title.buf, left: margin, top: y });
  y += title.height + 8;
  for (const line of spec.lines) {
    const t = await textImage(line, { width: inner, size: 20, color: '#444444' });
    parts.push({ input: t.buf, left: margin, top: y });
    y += t.height + 4;
  }
  y += gap;
  for (const row of spec.rows) {
    const h = await textImage(row.heading, { width: inner, size: 26, bold: true, color: '#8a1020' });
    parts.push({ input: h.buf, left: margin, top: y });
    y += h.height + 10;
    for (let i = 0; i < row.cells.length; i += perLine) {
      const line = row.cells.slice(i, i + perLine);
      const labels = await Promise.all(line.map((c) => textImage(c.label, { width: spec.cellWidth, size: 17, color: c.warn ? '#c00000' : '#333333' })));
      const pics = await Promise.all(line.map((c) => thumbnail(c.image, spec.cellWidth)));
      // Same label band for the whole line, so the pictures line up.
      const band = Math.max(...labels.map((l) => l.height)) + 6;
      line.forEach((_, k) => {
        const left = margin + k * (spec.cellWidth + gap);
        parts.push({ input: labels[k]!.buf, left, top: y }, { input: pics[k]!.buf, left, top: y + band });
      });
      y += band + Math.max(...pics.map((p) => p.height)) + gap;
    }
    y += gap / 2;
  }
  const height = y + margin;
  const buf = await sharp({ create: { width, height, channels: 3, background: '#f3f3f1' } })
    .composite(parts)
    .jpeg({ quality: 86 })
    .toBuffer();
  return { buf, width, height };
}
