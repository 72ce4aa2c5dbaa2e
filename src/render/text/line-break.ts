import LineBreaker from 'linebreak';
import type { TextMeasure } from './measure.js';

/**
 * Line breaking for posters and video text. Where a line MAY break comes from the Unicode line
 * breaking algorithm (UAX #14, the `linebreak` package); our own rules then forbid some of those
 * opportunities (kinsoku, a number with its unit or currency, a short bracket pair, a grapheme) and
 * rank the rest: after clause punctuation or at a space (natural), at a word boundary
 * (`Intl.Segmenter('zh', { granularity: 'word' })`), or inside a word. Lines are filled greedily
 * and take the best-ranked opportunity that keeps them full enough; a last line holding a single
 * character is rebalanced.
 */

/** Characters that may not start a line (closing punctuation, Chinese and Latin). */
export const NO_START: ReadonlySet<string> = new Set([...'，。、；：！？）】」』》〉〕］｝”’…—～·・,.;:!?)]}%％°℃〃々ー']);
/** Characters that may not end a line (opening brackets and currency signs). */
export const NO_END: ReadonlySet<string> = new Set([...'（【「『《〈〔［｛“‘([{¥￥$＄#＃']);

/** Punctuation after which a break reads naturally, and brackets before which it does. */
const GOOD_AFTER: ReadonlySet<string> = new Set([...'，。！？；、：,.!?;:…']);
const GOOD_BEFORE: ReadonlySet<string> = new Set([...'（「『《“(']);
/** Separators dropped when a line ends on them (the break separates already). */
const SEPARATORS: ReadonlySet<string> = new Set(['·', '|', '/', '-', '—', '｜', '・']);
/** Bracket pairs whose short content stays on one line: （7日装）, 「新品」. */
const PAIRS: Record<string, string> = { '（': '）', '(': ')', '「': '」', '『': '』', '《': '》', '【': '】', '“': '”', '〈': '〉' };
/** At most this many characters inside a bracket pair keep it whole. */
const SHORT_PAIR = 8;
/**
 * Units and measure words that stay with the number before them (even across one space): 20 元,
 * 7 日装, 300 千卡, 12 小袋. Longest first, so 千卡 wins over 千.
 */
const UNITS = [
  '千卡', '大卡', '公斤', '千克', '毫升', '公里', '小时', '分钟', '小袋', '小盒', 'kcal', 'km', 'kg', 'ml', 'mL',
  ...'元块角分折盒袋包杯瓶罐箱件个只颗粒片支条份套斤两克升岁天日周月年号点时秒次人位层楼栋倍米卡gL%％°℃',
].sort((a, b) => b.length - a.length);
const DIGIT = /[0-9０-９]/;
const NUMERAL = /[0-9０-９一二三四五六七八九十百千万两零]/;
const CURRENCY = /[¥￥$＄]/;

/** True for characters that break like CJK ideographs: any position is a break opportunity. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, kana, CJK symbols and punctuation, ideographs
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

/** How good a break opportunity is to the reader. */
const enum Rank {
  /** Inside a word: allowed (Chinese), taken only when nothing better keeps the line full. */
  Inside = 1,
  /** Between words. */
  Word = 2,
  /** After clause punctuation, at a space, before an opening bracket. */
  Natural = 3,
  /** At a separator between parts of a title or name (" · ", " | "): the line may be short. */
  Separator = 4,
}

/** A paragraph analysed once: where it may break and how well. */
interface Paragraph {
  text: string;
  /** Break opportunities (UTF-16 offsets: a line may start there), ascending, with their rank. */
  breaks: { at: number; rank: Rank }[];
  /** Grapheme boundaries (for cutting a run that has no opportunity), and those that keep kinsoku and numbers whole. */
  graphemes: number[];
  soft: Set<number>;
  kinsoku: Set<number>;
}

/** A text analysed for breaking: one entry per paragraph ("\n"). */
export interface PreparedText {
  paragraphs: Paragraph[];
}

/** The character just before offset `i` and the one at it (by code point). */
function around(text: string, i: number): { before: string; after: string } {
  const before = i > 0 ? String.fromCodePoint(text.codePointAt(i - 1 - (i >= 2 && /[\udc00-\udfff]/.test(text[i - 1]!) ? 1 : 0))!) : '';
  const after = i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '';
  return { before, after };
}

/** Offsets inside a number-and-unit (`20 元`, `¥59.9`, `第二`) where no break may fall. */
function gluedOffsets(text: string): Set<number> {
  const glued = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // Inside a number (24, 59.9, 1,000).
    if (DIGIT.test(ch) && (DIGIT.test(text[i + 1] ?? '') || (/[.,．]/.test(text[i + 1] ?? '') && DIGIT.test(text[i + 2] ?? '')))) {
      glued.add(i + 1);
      if (!DIGIT.test(text[i + 1]!)) glued.add(i + 2);
    }
    // Currency and the number after it; 第 and its numeral.
    if ((CURRENCY.test(ch) && DIGIT.test(text[i + 1] ?? '')) || (ch === '第' && NUMERAL.test(text[i + 1] ?? ''))) glued.add(i + 1);
    // 第 2 盒: across one space too.
    if (ch === '第' && text[i + 1] === ' ' && NUMERAL.test(text[i + 2] ?? '')) glued.add(i + 1).add(i + 2);
    if (!DIGIT.test(ch) || DIGIT.test(text[i + 1] ?? '') || /[.,，．]/.test(text[i + 1] ?? '')) continue;
    // i is the last digit of a number: glue the unit after it (across at most one space, or "/": ¥168/盒).
    let j = i + 1;
    if (text[j] === ' ' || text[j] === '\u00a0' || text[j] === '/') j++;
    const unit = UNITS.find((u) => text.startsWith(u, j));
    if (!unit) continue;
    for (let k = i + 1; k < j + unit.length; k++) glued.add(k);
  }
  return glued;
}

/** Offsets strictly inside short bracket pairs. */
function pairOffsets(text: string): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const close = PAIRS[text[i]!];
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0 || [...text.slice(i + 1, end)].length > SHORT_PAIR) continue;
    for (let k = i + 1; k <= end; k++) inside.add(k);
  }
  return inside;
}

function analyse(text: string, words: Intl.Segmenter, chars: Intl.Segmenter): Paragraph {
  const graphemes = Array.from(chars.segment(text), (s) => s.index).slice(1);
  const graphemeSet = new Set(graphemes);
  const wordStarts = new Set(Array.from(words.segment(text), (s) => s.index));
  const glued = gluedOffsets(text);
  const pairs = pairOffsets(text);
  const kinsoku = new Set(graphemes.filter((g) => {
    const { before, after } = around(text, g);
    return !NO_START.has(after) && !NO_END.has(before);
  }));
  const soft = new Set([...kinsoku].filter((g) => !glued.has(g)));
  const breaks: Paragraph['breaks'] = [];
  const lb = new LineBreaker(text);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) {
    const at = bk.position;
    if (at <= 0 || at >= text.length) continue;
    if (!graphemeSet.has(at) || glued.has(at) || pairs.has(at)) continue;
    // The break falls after any spaces: the characters around it are the last before the spaces and the first after.
    const head = text.slice(0, at).trimEnd();
    const { before } = around(head, head.length);
    const { after } = around(text, at);
    if (NO_START.has(after) || NO_END.has(before)) continue;
    if (glued.has(head.length)) continue;
    const spaced = head.length < at;
    const rank = SEPARATORS.has(before) && spaced ? Rank.Separator : spaced || GOOD_AFTER.has(before) || GOOD_BEFORE.has(after) ? Rank.Natural : wordStarts.has(at) ? Rank.Word : Rank.Inside;
    breaks.push({ at, rank });
  }
  // UAX #14 reads "·" between CJK as part of a word (店·24小时); we let a line end after it.
  for (let at = 1; at < text.length; at++) {
    if (!'·・'.includes(text[at - 1]!) || !soft.has(at) || pairs.has(at) || breaks.some((b) => b.at === at)) continue;
    breaks.push({ at, rank: Rank.Separator });
  }
  breaks.sort((a, b) => a.at - b.at);
  return { text, breaks, graphemes, soft, kinsoku };
}

/** Analyses a text once for many breakLines calls (text fitting tries many sizes and widths). */
export function prepareText(text: string): PreparedText {
  const words = new Intl.Segmenter('zh', { granularity: 'word' });
  const chars = new Intl.Segmenter('zh', { granularity: 'grapheme' });
  return { paragraphs: text.split('\n').map((p) => analyse(p, words, chars)) };
}

/** A line as drawn: its slice without the spaces around it, and a trailing separator dropped when more follows. */
function lineOf(text: string, from: number, to: number, last: boolean): string {
  const raw = text.slice(from, to);
  let line = raw.trim();
  if (!last) {
    const chars = [...line];
    // "·" and "｜" separate by themselves; "/" or "-" only with a space before (¥168/盒 keeps its "/").
    const sep = chars.at(-1)!;
    if (chars.length > 1 && SEPARATORS.has(sep) && ('·・｜|'.includes(sep) || /\s$/.test(chars.slice(0, -1).join('')))) line = chars.slice(0, -1).join('').trimEnd();
  }
  return line;
}

/**
 * How lines choose among opportunities: 'natural' prefers a better-ranked break when the line stays
 * this full, 'tight' only when it loses little, 'greedy' takes the farthest (forbidden breaks stay
 * forbidden in every mode).
 */
export type BreakMode = 'natural' | 'tight' | 'greedy';

/** Share of the width a line must fill before a better-ranked break is taken instead of a fuller line. */
const KEEP: Record<Exclude<BreakMode, 'greedy'>, Record<Rank.Separator | Rank.Natural | Rank.Word, number>> = {
  natural: { [Rank.Separator]: 0.35, [Rank.Natural]: 0.6, [Rank.Word]: 0.8 },
  tight: { [Rank.Separator]: 0.6, [Rank.Natural]: 0.85, [Rank.Word]: 0.9 },
};

/** A line and where it starts in its paragraph. */
interface Line {
  text: string;
  from: number;
}

function breakParagraph(p: Paragraph, fits: (s: string) => boolean, width: number, measure: (s: string) => number, mode: BreakMode, from = 0): Line[] {
  const { text } = p;
  if (!text.trim()) return [{ text: '', from: 0 }];
  const lines: Line[] = [];
  let start = from;
  while (start < text.length) {
    if (fits(text.slice(start).trim())) {
      lines.push({ text: lineOf(text, start, text.length, true), from: start });
      break;
    }
    // The opportunities after `start` whose line fits, farthest last.
    const fitting = p.breaks.filter((b) => b.at > start && fits(lineOf(text, start, b.at, false)));
    let next: number;
    if (!fitting.length) {
      // Nothing fits: cut the run by graphemes (a long URL or word, a bracket pair wider than the
      // line), never inside a character and, where any cut allows it, keeping kinsoku and numbers.
      const cuts = p.graphemes.filter((g) => g > start);
      const fitting = cuts.filter((g) => fits(text.slice(start, g)));
      next = fitting.filter((g) => p.soft.has(g)).at(-1) ?? fitting.filter((g) => p.kinsoku.has(g)).at(-1) ?? fitting.at(-1) ?? cuts[0] ?? text.length;
    } else {
      let pick = fitting.at(-1)!;
      if (mode !== 'greedy') {
        for (const rank of [Rank.Separator, Rank.Natural, Rank.Word] as const) {
          if (pick.rank >= rank) break;
          const better = fitting.filter((b) => b.rank >= rank).at(-1);
          if (better && measure(lineOf(text, start, better.at, false)) >= width * KEEP[mode][rank]) {
            pick = better;
            break;
          }
        }
      }
      next = pick.at;
    }
    lines.push({ text: lineOf(text, start, next, false), from: start });
    start = next;
    while (text[start] === ' ') start++;
  }
  return lines;
}

/** Visible characters of a line that are not punctuation or emoji (what makes it more than an orphan: "啦🎁" is one). */
function contentChars(line: string): number {
  return [...line].filter((c) => !/[\s\p{P}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/u.test(c)).length;
}

/**
 * Breaks text (paragraphs split on "\n") into lines no wider than `width` px, measured with the
 * font's advances. Never: a line starting with closing punctuation or ending with an opening
 * bracket or currency sign, a break inside a number with its unit or currency (¥59.9, 20 元,
 * 7 日装), inside a Latin word or a short bracket pair (（7日装）). Prefers (when `natural`) a
 * break at a spaced separator (" · ") when the line stays ≥ 35% full, after clause punctuation or
 * at a space when ≥ 60% full, else a word boundary when ≥ 80% full. A paragraph whose last line would hold a single character is
 * rebalanced (narrower lines, same count). `mode` 'tight' accepts fuller lines before a better
 * break (fitting tries it before giving up a size); 'greedy' (or false) takes the farthest break.
 */
export function breakLines(text: string | PreparedText, width: number, m: TextMeasure, fontSize: number, letterSpacing = 0, mode: BreakMode | boolean = 'natural'): string[] {
  const how: BreakMode = mode === true ? 'natural' : mode === false ? 'greedy' : mode;
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  const measure = (s: string) => m.measure(s, fontSize, letterSpacing);
  const out: string[] = [];
  for (const p of prepared.paragraphs) {
    const at = (w: number, from = 0) => breakParagraph(p, (s) => measure(s) <= w, w, measure, how, from);
    let lines = at(width);
    if (lines.length > 1 && contentChars(lines.at(-1)!.text) <= 1) {
      // Rebalance: the last two lines again, narrower (down to 50%), until they stay two and the
      // last one has company; the lines above are kept as they are.
      rebalance: for (let k = 2; k <= Math.min(3, lines.length); k++) {
        const from = lines.at(-k)!.from;
        for (let f = 0.96; f >= 0.5; f -= 0.04) {
          const tail = at(width * f, from);
          if (tail.length > k) break;
          if (tail.length === k && contentChars(tail.at(-1)!.text) > 1) {
            lines = [...lines.slice(0, -k), ...tail];
            break rebalance;
          }
        }
      }
    }
    out.push(...lines.map((l) => l.text));
  }
  return out;
}
