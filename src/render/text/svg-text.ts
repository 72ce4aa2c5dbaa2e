import type { Rect } from '../template/manifest.js';

/**
 * Splits satori's SVG (rendered with embedFont: false) into the shapes and the text runs:
 * satori lays out text and writes each run as `<text x y font-size font-weight fill>`; the
 * runs are painted from a glyph cache instead of being rasterised as paths every time.
 */

/** One run of text as satori placed it: left x and baseline y in layer px. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  weight: 400 | 700;
  letterSpacing: number;
  /** RGBA, alpha 0..1. */
  color: [number, number, number, number];
}

const ALLOWED: ReadonlySet<string> = new Set(['x', 'y', 'width', 'height', 'font-weight', 'font-style', 'font-size', 'font-family', 'fill', 'letter-spacing']);
const NAMED: Record<string, [number, number, number]> = { black: [0, 0, 0], white: [255, 255, 255], red: [255, 0, 0] };

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** Parses a CSS colour as satori writes it (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), a few names); undefined if unknown. */
export function parseColor(c: string): [number, number, number, number] | undefined {
  const s = c.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) return [...m[1]!].map((h) => parseInt(h + h, 16)).concat(1) as [number, number, number, number];
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (m) return [parseInt(m[1]!.slice(0, 2), 16), parseInt(m[1]!.slice(2, 4), 16), parseInt(m[1]!.slice(4, 6), 16), m[2] ? parseInt(m[2], 16) / 255 : 1];
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+%?)\s*)?\)$/.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Math.round(+m[1]!), Math.round(+m[2]!), Math.round(+m[3]!), a];
  }
  const named = NAMED[s];
  return named ? [...named, 1] : undefined;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'amp') return '&';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
  });
}

/**
 * Takes the text runs out of an SVG. Returns undefined when some text is drawn in a way the
 * glyph painter does not reproduce (inside a transformed, faded, masked or filtered group, or
 * with extra attributes): the caller then rasterises the whole layer with embedded glyph paths.
 */
export function splitText(svg: string): { shapes: string; runs: TextRun[] } | undefined {
  const runs: TextRun[] = [];
  const stack: boolean[] = []; // per open <g>: does it change how its text looks?
  let shapes = '';
  let last = 0;
  const re = /<(\/?)(g|text)\b([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    const [whole, close, tag, rest, selfClose] = m;
    if (tag === 'g') {
      if (close) stack.pop();
      else if (!selfClose) stack.push(/\b(transform|opacity|filter|mask|clip-path)=/.test(rest!));
      continue;
    }
    if (close || selfClose) continue;
    const end = svg.indexOf('</text>', re.lastIndex);
    if (end < 0) return undefined;
    if (stack.some(Boolean)) return undefined;
    const a = attrs(rest!);
    if (Object.keys(a).some((k) => !ALLOWED.has(k))) return undefined;
    if (a['font-style'] && a['font-style'] !== 'normal') return undefined;
    const color = parseColor(a.fill ?? '#000000');
    if (!color) return undefined;
    const text = unescapeXml(svg.slice(re.lastIndex, end));
    const w = a['font-weight'] ?? 'normal';
    const weight = w === 'bold' || Number(w) >= 600 ? 700 : 400;
    if (text.trim()) runs.push({ text, x: Number(a.x), y: Number(a.y), size: Number(a['font-size']), weight, letterSpacing: Number(a['letter-spacing'] ?? 0), color });
    shapes += svg.slice(last, m.index);
    last = end + '</text>'.length;
    re.lastIndex = last;
  }
  shapes += svg.slice(last);
  return { shapes: dropUnusedDefs(shapes), runs };
}

/**
 * Removes <mask>/<clipPath> definitions nothing refers to: satori writes one per element (sized
 * to the element), so without this the shapes would differ whenever any text box does.
 */
export function dropUnusedDefs(svg: string): string {
  return svg.replace(/<(mask|clipPath) id="([^"]+)"[^>]*>[\s\S]*?<\/\1>/g, (whole, _tag: string, id: string) => (svg.includes(`url(#${id})`) ? whole : ''));
}

/** Finds (and returns for removal) a box satori drew in a marker colour: its rectangle in layer px. */
export function findMarker(svg: string, color: string): { rect: Rect; element: string } | undefined {
  // satori draws a plain box as <rect>, or as <path> carrying x/y/width/height when it is clipped by a rounded parent.
  const re = new RegExp(`<(?:rect|path) x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)" fill="${color}"[^>]*/>`);
  const m = re.exec(svg);
  if (!m) return undefined;
  if (/transform=/.test(m[0])) return undefined;
  const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map((v) => Math.round(Number(v)));
  return { rect: { x: x!, y: y!, w: w!, h: h! }, element: m[0] };
}
