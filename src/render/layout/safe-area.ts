import type { Rect } from '../template/manifest.js';
import { safeAreaNote } from '../../model/index.js';

/** A piece of text where it was drawn. */
export interface PlacedText {
  text: string;
  rect: Rect;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Where the product image was drawn in satori's SVG (the `<image>` whose data is the product's),
 * or undefined when it is not on the layer.
 */
export function imageRect(svg: string, dataUri: string): Rect | undefined {
  const needle = dataUri.slice(0, 160);
  for (const m of svg.matchAll(/<image\b([^>]*)>/g)) {
    if (!m[1]!.includes(needle)) continue;
    const num = (name: string) => Number(new RegExp(`\\b${name}="([-\\d.]+)"`).exec(m[1]!)?.[1] ?? NaN);
    const r = { x: num('x'), y: num('y'), w: num('width'), h: num('height') };
    if ([r.x, r.y, r.w, r.h].every(Number.isFinite)) return { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.w), h: Math.round(r.h) };
  }
  return undefined;
}

/**
 * Notes for text drawn over the product image's marked safe area (its label): the layout covers
 * what the product photo must show. `safe` is in fractions of the drawn image.
 */
export function safeAreaNotes(image: Rect, safe: { x: number; y: number; w: number; h: number }, texts: PlacedText[]): string[] {
  const area = { x: image.x + safe.x * image.w, y: image.y + safe.y * image.h, w: safe.w * image.w, h: safe.h * image.h };
  // satori writes a label as several runs (¥, 168, /盒): one note names them together.
  const covering = texts.filter((t) => t.text.trim() && overlaps(t.rect, area)).map((t) => t.text.trim());
  if (!covering.length) return [];
  const what = covering.join('').slice(0, 24);
  return [safeAreaNote(what, Math.round(area.x), Math.round(area.y), Math.round(area.w), Math.round(area.h))];
}
