import type { FontMetrics } from './font-metrics.js';

/** Characters that may not start a line (closing punctuation, Chinese and Latin). */
const NO_START: ReadonlySet<string> = new Set([...'，。、；：！？）】」』》〉〕］｝”’…—～·・,.;:!?)]}%％°℃〃々ー']);
/** Characters that may not end a line (opening brackets and currency signs). */
const NO_END: ReadonlySet<string> = new Set([...'（【「『《〈〔［｛“‘([{¥￥$＄#＃']);

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

/** An unbreakable piece of a line: a CJK character with its glued punctuation, or a Latin word. */
interface Segment {
  text: string;
  /** Whitespace that followed it in the source (collapsed to one space; dropped at a line end). */
  space: boolean;
}

/** Splits one paragraph into segments, gluing punctuation by the kinsoku rules above. */
export function segment(paragraph: string): Segment[] {
  const units: Segment[] = [];
  let word = '';
  const flush = (space: boolean): void => {
    if (word) units.push({ text: word, space });
    else if (space && units.length) units[units.length - 1]!.space = true;
    word = '';
  };
  for (const ch of paragraph) {
    const cp = ch.codePointAt(0)!;
    if (/\s/u.test(ch)) flush(true);
    else if (isCjk(cp) || NO_START.has(ch) || NO_END.has(ch)) {
      flush(false);
      units.push({ text: ch, space: false });
    } else word += ch;
  }
  flush(false);
  // Glue: a no-start unit joins the one before it; a no-end unit joins the one after it.
  const out: Segment[] = [];
  let carry = '';
  for (const u of units) {
    const first = [...u.text][0]!;
    const last = [...u.text].at(-1)!;
    if (out.length && !carry && NO_START.has(first) && !out[out.length - 1]!.space) {
      const prev = out[out.length - 1]!;
      prev.text += u.text;
      prev.space = u.space;
      continue;
    }
    const text = carry + u.text;
    carry = '';
    if (NO_END.has(last) && !u.space && u.text.length === 1) {
      carry = text;
      continue;
    }
    out.push({ text, space: u.space });
  }
  if (carry) out.push({ text: carry, space: false });
  return out;
}

/** Breaks a segment that is wider than a line into character pieces that each fit. */
function hardBreak(text: string, width: number, m: FontMetrics, fontSize: number, ls: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (cur && m.measure(cur + ch, fontSize, ls) > width) {
      pieces.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/** Punctuation after which a break reads naturally, and brackets before which it does. */
const GOOD_AFTER: ReadonlySet<string> = new Set([...'，。！？；、·…：,.!?;:']);
const GOOD_BEFORE: ReadonlySet<string> = new Set([...'（「『《“(']);
const SEPARATORS: ReadonlySet<string> = new Set(['·', '|', '/', '-', '—', '｜']);

function joinSegs(segs: Segment[]): string {
  let out = '';
  segs.forEach((s, i) => {
    out += s.text;
    if (s.space && i < segs.length - 1) out += ' ';
  });
  return out;
}

/** Index after which the line may break at a natural point (space, comma, before a bracket), or -1. */
function naturalBreak(segs: Segment[]): number {
  for (let k = segs.length - 2; k >= 0; k--) {
    const a = segs[k]!;
    const b = segs[k + 1]!;
    if (a.space || GOOD_AFTER.has([...a.text].at(-1)!) || GOOD_BEFORE.has([...b.text][0]!)) return k;
  }
  return -1;
}

/**
 * Line breaking of text (paragraphs split on "\n") into lines no wider than `width` px, measured
 * with the font's advances. Chinese breaks between characters except before closing or after
 * opening punctuation; Latin words stay whole unless a word alone is wider than a line. When a
 * line fills up, a natural break (a space, a comma, before a bracket) is taken instead if it
 * keeps the line at least 60% full (`natural` false: plain greedy filling).
 */
export function breakLines(text: string, width: number, m: FontMetrics, fontSize: number, letterSpacing = 0, natural = true): string[] {
  const fits = (t: string): boolean => m.measure(t, fontSize, letterSpacing) <= width;
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line: Segment[] = [];
    const queue = segment(para);
    while (queue.length) {
      const s = queue.shift()!;
      if (!fits(s.text)) {
        // A segment wider than the line: flush, then cut it by characters.
        if (line.length) lines.push(joinSegs(line));
        const pieces = hardBreak(s.text, width, m, fontSize, letterSpacing);
        lines.push(...pieces.slice(0, -1));
        line = [{ text: pieces.at(-1)!, space: s.space }];
        continue;
      }
      const candidate = [...line, s];
      if (fits(joinSegs(candidate))) {
        line = candidate;
        continue;
      }
      const k = natural ? naturalBreak(candidate) : -1;
      if (k >= 0 && k < line.length - 1 && m.measure(joinSegs(line.slice(0, k + 1)), fontSize, letterSpacing) >= width * 0.6) {
        const head = line.slice(0, k + 1);
        // A lone separator (" · ", " | ") at the end of a line is dropped: the break separates already.
        if (head.length > 1 && SEPARATORS.has(head.at(-1)!.text)) head.pop();
        lines.push(joinSegs(head));
        queue.unshift(...line.slice(k + 1), s);
        line = [];
      } else {
        if (line.length > 1 && SEPARATORS.has(line.at(-1)!.text)) line.pop();
        lines.push(joinSegs(line));
        line = [s];
      }
    }
    lines.push(joinSegs(line));
  }
  return avoidOrphan(lines, width, m, fontSize, letterSpacing);
}

/** Moves one character down when the last line would hold a single CJK character alone. */
function avoidOrphan(lines: string[], width: number, m: FontMetrics, fontSize: number, ls: number): string[] {
  if (lines.length < 2) return lines;
  const last = [...lines[lines.length - 1]!];
  const prev = [...lines[lines.length - 2]!];
  if (last.length !== 1 || prev.length < 4 || !isCjk(last[0]!.codePointAt(0)!)) return lines;
  const moved = prev.at(-1)!;
  if (NO_START.has(moved) || NO_END.has(prev.at(-2)!) || /[\sA-Za-z0-9]/.test(moved)) return lines;
  const newLast = moved + last.join('');
  if (m.measure(newLast, fontSize, ls) > width) return lines;
  return [...lines.slice(0, -2), prev.slice(0, -1).join(''), newLast];
}
