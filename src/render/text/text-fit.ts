import type { FontMetrics } from './font-metrics.js';
import { breakLines } from './line-break.js';

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
  /** True when the text was cut at the floor and ended with "…". */
  truncated: boolean;
  /** Characters the font cannot draw (emoji...), removed so they do not come out as boxes. */
  dropped: string[];
}

/** Thrown when a text cannot fit and its rule says 'error'. */
export class TextFitError extends Error {}

const SAFETY_PX = 1;

/** Removes characters the font has no glyph for (and joiners/variation selectors) and tidies whitespace. */
export function cleanText(text: string, m: FontMetrics): { text: string; dropped: string[] } {
  const dropped: string[] = [];
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
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

function ellipsize(line: string, width: number, m: FontMetrics, fontSize: number, ls: number): string {
  const chars = [...line.replace(/[\s，、。；：,;:]+$/u, '')];
  while (chars.length && m.measure(chars.join('') + '…', fontSize, ls) > width) chars.pop();
  while (chars.length && /[\s，、。；：,;:（(「“]/u.test(chars.at(-1)!)) chars.pop();
  return chars.join('') + '…';
}

/** Lines of the narrowest width (down to half) that still gives `count` lines: even line lengths. */
function balanced(text: string, count: number, width: number, m: FontMetrics, size: number, ls: number): string[] {
  if (count < 2) return breakLines(text, width, m, size, ls, true);
  let lo = width / 2;
  let hi = width;
  while (hi - lo > 2) {
    const mid = (lo + hi) / 2;
    if (breakLines(text, mid, m, size, ls, true).length <= count) hi = mid;
    else lo = mid;
  }
  return breakLines(text, hi, m, size, ls, true);
}

/**
 * Fits text into a box by the rule: the largest font size from `fontSize` down to
 * `minFontSize` at which the text wraps into at most `maxLines` lines; at the floor, the last
 * line is ended with "…" (or an error is thrown when overflow is 'error').
 */
export function fitText(raw: string, rule: FitRule, m: FontMetrics, slot = 'text'): FitResult {
  const { text, dropped } = cleanText(raw, m);
  const width = rule.width - SAFETY_PX;
  const result = (fontSize: number, lines: string[], truncated: boolean): FitResult => {
    const lineHeight = Math.round(fontSize * rule.lineHeight);
    return { text, lines, block: lines.join('\n'), fontSize, lineHeight, height: lineHeight * lines.length, letterSpacing: rule.letterSpacing * fontSize, width: rule.width, truncated, dropped };
  };
  if (!text) return result(rule.fontSize, [], false);
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
      const natural = breakLines(text, width, m, size, rule.letterSpacing * size, true);
      if (natural.length <= rule.maxLines) return result(size, balanced(text, natural.length, width, m, size, rule.letterSpacing * size), false);
    }
  }
  // More paragraphs than lines: shrinking cannot help, so the paragraphs may also flow together.
  const flowed = text.includes('\n') && text.split('\n').length > rule.maxLines ? text.split('\n').join(' ') : undefined;
  for (const size of sizes) {
    const ls = rule.letterSpacing * size;
    // Natural breaks read better; greedy filling is the fallback before shrinking the font.
    for (const candidate of flowed ? [text, flowed] : [text]) {
      const natural = breakLines(candidate, width, m, size, ls, true);
      if (natural.length <= rule.maxLines) return result(size, natural, false);
      const greedy = breakLines(candidate, width, m, size, ls, false);
      if (greedy.length <= rule.maxLines) return result(size, greedy, false);
    }
  }
  const size = rule.minFontSize;
  if (rule.overflow === 'error') {
    throw new TextFitError(`${slot} "${text.slice(0, 24)}${text.length > 24 ? '…' : ''}" does not fit ${rule.maxLines} line(s) of ${rule.width}px even at ${size}px`);
  }
  const ls = rule.letterSpacing * size;
  const lines = breakLines(flowed ?? text, width, m, size, ls, false).slice(0, rule.maxLines);
  lines[lines.length - 1] = ellipsize(lines[lines.length - 1]!, width, m, size, ls);
  return result(size, lines, true);
}
