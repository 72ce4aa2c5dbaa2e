import { breakLines, prepareText, type PreparedText } from './line-break.js';
import type { TextMeasure } from './measure.js';

/** How one text slot fits its box (stated by the template manifest, resolved for one size). */
export interface FitRule {
  /** Box width in px the text must stay inside. */
  width: number;
  /** Preferred font size in px. */
  fontSize: number;
  /** The floor: never shrink below this. */
  minFontSize: number;
  /** Wrap into at most this many lines. */
  maxLines: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  weight: 400 | 700;
  /** Extra space after each character, in em. */
  letterSpacing: number;
  /** At the floor and still too long: 'ellipsis' ends the last line with "…"; 'error' refuses. */
  overflow: 'ellipsis' | 'error';
  /** Even out line lengths (titles, names): the narrowest width that keeps the same number of lines. */
  balance?: boolean;
}

/** Where the text ended up: the lines to draw (one element each, no further wrapping) and their size. */
export interface FitResult {
  text: string;
  lines: string[];
  /** The lines joined with "\n": put it in one element with `white-space: pre` (one element lays out much faster than one per line). */
  block: string;
  fontSize: number;
  /** Line height in px. */
  lineHeight: number;
  /** Total height of the lines in px. */
  height: number;
  /** Letter spacing in px. */
  letterSpacing: number;
  /** The box width of the rule in px: give the text element this width (its layout then does not depend on the text). */
  width: number;
  /** True when the text did not fit at the floor and was cut (at a sentence or clause end when it has one). */
  truncated: boolean;
  /** Characters the font cannot draw (emoji...), removed so they do not come out as boxes. */
  dropped: string[];
}

/** Thrown when a text cannot fit and its rule says 'error'. */
export class TextFitError extends Error {}

const SAFETY_PX = 1;

/** Removes characters the font has no glyph for (and joiners/variation selectors, unless in an emoji drawn as an image) and tidies whitespace. */
export function cleanText(text: string, m: TextMeasure): { text: string; dropped: string[] } {
  const dropped: string[] = [];
  let out = '';
  const src = text.replace(/\r\n?/g, '\n');
  // Emoji drawn as images stay whole graphemes; everything else goes code point by code point.
  const units = m.images && m.isImage ? m.images.graphemes(src).flatMap((g) => (m.isImage!(g) ? [g] : [...g])) : [...src];
  for (const ch of units) {
    if (m.isImage?.(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || ch === ' ' || ch === '\t') out += ch === '\t' ? ' ' : ch;
    else if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || cp < 0x20) continue;
    else if (m.has(cp)) out += ch;
    else dropped.push(ch);
  }
  const tidy = out
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .filter((l, i, all) => l || (i > 0 && i < all.length - 1 && all[i - 1] !== ''))
    .join('\n')
    .trim();
  return { text: tidy, dropped };
}

function ellipsize(line: string, width: number, m: TextMeasure, fontSize: number, ls: number): string {
  // A separator or clause mark left before the ellipsis reads as a stray "· …".
  const TAIL = /[\s，、。；：,;:（(「“·・|｜/—-]/u;
  const chars = [...line];
  while (chars.length && TAIL.test(chars.at(-1)!)) chars.pop();
  while (chars.length && m.measure(chars.join('') + '…', fontSize, ls) > width) chars.pop();
  while (chars.length && TAIL.test(chars.at(-1)!)) chars.pop();
  return chars.join('') + '…';
}

/** Where a too-long text may be cut: after a sentence (kept whole, no ellipsis) or before a clause mark (then "…"). */
function cutPoints(text: string): { at: number; ellipsis: boolean }[] {
  const out: { at: number; ellipsis: boolean }[] = [];
  for (let i = 1; i < text.length; i++) {
    const ch = text[i - 1]!;
    if ('。！？!?'.includes(ch) || text[i] === '\n') out.push({ at: i, ellipsis: false });
    else if ('，；、：,;:'.includes(ch)) out.push({ at: i - 1, ellipsis: true });
  }
  return out;
}

/**
 * The longest start of `text` that ends at a sentence or clause end and fits the lines: the last
 * resort when even the floor size is too big. Undefined when not even the first clause fits.
 */
function cutAtClause(text: string, fits: (t: string) => string[] | undefined): { text: string; lines: string[] } | undefined {
  const longest = (ellipsis: boolean) => {
    for (const p of cutPoints(text).filter((x) => x.ellipsis === ellipsis).reverse()) {
      const head = text.slice(0, p.at).trimEnd();
      if (!head) continue;
      const cut = ellipsis ? `${head}…` : head;
      const lines = fits(cut);
      if (lines) return { text: cut, lines, length: head.length };
    }
    return undefined;
  };
  // A whole sentence reads best; a clause with "…" only when it keeps much more of the text.
  const sentence = longest(false);
  const clause = longest(true);
  const pick = sentence && (!clause || sentence.length >= clause.length * 0.7) ? sentence : clause;
  return pick && { text: pick.text, lines: pick.lines };
}

/** True when every break between lines falls after punctuation or a space, or between words (segmented around the break). */
function cleanBreaks(lines: string[], seg: Intl.Segmenter): boolean {
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (!a || !b || /[\p{P}\s]$/u.test(a) || /^\p{P}/u.test(b)) continue;
    const left = [...a].slice(-4).join('');
    const right = [...b].slice(0, 4).join('');
    if (!Array.from(seg.segment(left + right), (x) => x.index).includes(left.length)) return false;
  }
  return true;
}

/**
 * Lines of the narrowest width (down to half) that still gives `count` lines: even line lengths.
 * Evening out never splits a word: from that width up, the first whose breaks all fall between
 * words or after punctuation is taken (else the natural breaks at full width).
 */
function balanced(text: PreparedText, count: number, width: number, m: TextMeasure, size: number, ls: number): string[] {
  if (count < 2) return breakLines(text, width, m, size, ls, true);
  let lo = width / 2;
  let hi = width;
  while (hi - lo > 2) {
    const mid = (lo + hi) / 2;
    if (breakLines(text, mid, m, size, ls, true).length <= count) hi = mid;
    else lo = mid;
  }
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  for (let w = hi; w < width; w += Math.max(2, width * 0.02)) {
    const lines = breakLines(text, w, m, size, ls, true);
    if (lines.length <= count && cleanBreaks(lines, seg)) return lines;
  }
  return breakLines(text, width, m, size, ls, true);
}

/**
 * Fits text into a box by the rule: the largest font size from `fontSize` down to
 * `minFontSize` at which the text wraps into at most `maxLines` lines. Only when even the floor is
 * too big is the text cut (or an error thrown when overflow is 'error'): at the last sentence end
 * that fits (no ellipsis), else at a clause end with "…", else the last line ends with "…".
 */
export function fitText(raw: string, rule: FitRule, m: TextMeasure, slot = 'text'): FitResult {
  const { text, dropped } = cleanText(raw, m);
  const width = rule.width - SAFETY_PX;
  const result = (fontSize: number, lines: string[], truncated: boolean): FitResult => {
    const lineHeight = Math.round(fontSize * rule.lineHeight);
    return { text, lines, block: lines.join('\n'), fontSize, lineHeight, height: lineHeight * lines.length, letterSpacing: rule.letterSpacing * fontSize, width: rule.width, truncated, dropped };
  };
  if (!text) return result(rule.fontSize, [], false);
  const prepared = prepareText(text);
  const top = Math.max(rule.fontSize, rule.minFontSize);
  // Sizes are tried in 2 px steps (and the floor itself): fewer distinct sizes across stores means
  // more glyphs and layouts reused; the eye does not miss the odd sizes.
  const sizes: number[] = [];
  for (let size = top; size > rule.minFontSize; size -= 2) sizes.push(size);
  sizes.push(rule.minFontSize);
  if (rule.balance) {
    // Titles and names: a natural break (before a bracket, at a space) is worth up to 15% of the size.
    const floor = Math.max(rule.minFontSize, Math.round(top * 0.85));
    for (const size of sizes) {
      if (size < floor) break;
      const natural = breakLines(prepared, width, m, size, rule.letterSpacing * size, true);
      if (natural.length <= rule.maxLines) return result(size, balanced(prepared, natural.length, width, m, size, rule.letterSpacing * size), false);
    }
  }
  // More paragraphs than lines: shrinking cannot help, so the paragraphs may also flow together.
  const flowed = text.includes('\n') && text.split('\n').length > rule.maxLines ? prepareText(text.split('\n').join(' ')) : undefined;
  // Natural breaks at any size down to the floor first (a smaller font reads better than a word
  // split in two); only then fuller lines ('tight'), which still never split a number or a bracket pair.
  for (const mode of ['natural', 'tight'] as const) {
    for (const size of sizes) {
      const ls = rule.letterSpacing * size;
      for (const candidate of flowed ? [prepared, flowed] : [prepared]) {
        const lines = breakLines(candidate, width, m, size, ls, mode);
        if (lines.length <= rule.maxLines) return result(size, lines, false);
      }
    }
  }
  const size = rule.minFontSize;
  if (rule.overflow === 'error') {
    throw new TextFitError(`${slot} "${text.slice(0, 24)}${text.length > 24 ? '…' : ''}" does not fit ${rule.maxLines} line(s) of ${rule.width}px even at ${size}px`);
  }
  const ls = rule.letterSpacing * size;
  const fits = (t: string): string[] | undefined => {
    for (const mode of ['natural', 'tight'] as const) {
      const lines = breakLines(t, width, m, size, ls, mode);
      if (lines.length <= rule.maxLines) return lines;
    }
    return undefined;
  };
  // Paragraphs that no longer fit are the cleanest cut; then a sentence or clause end.
  const source = flowed ? text.split('\n').join(' ') : text;
  const cut = cutAtClause(source, fits);
  if (cut) return { ...result(size, cut.lines, true), text };
  const lines = breakLines(source, width, m, size, ls, false).slice(0, rule.maxLines);
  lines[lines.length - 1] = ellipsize(lines[lines.length - 1]!, width, m, size, ls);
  return result(size, lines, true);
}
