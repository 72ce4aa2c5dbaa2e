/**
 * Plain-text helpers shared by compose, checks and the editor: character counts the way a
 * reader sees them (graphemes), emoji stripping, normalisation. Browser-safe (no node: imports).
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Characters that join with a neighbour into one grapheme (ZWJ, variation selectors, keycaps,
 * skin tones, flags, tags, combining marks, Hangul jamo, CR). Without any, each code point is one
 * grapheme and the (slow) segmenter is not needed.
 */
const JOINING = /[\u200D\uFE0E\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u1100-\u11FF\r\p{M}]/u;

/** Number of user-perceived characters (an emoji with modifiers counts once, a Chinese character once). */
export function charCount(text: string): number {
  if (!JOINING.test(text)) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** The text's grapheme clusters, in order. */
export function graphemes(text: string): string[] {
  if (!JOINING.test(text)) return Array.from(text);
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * One emoji sequence: a pictograph with variation selectors, skin tones and ZWJ joins, a flag,
 * a tag sequence. ©, ® and ™ are Extended_Pictographic too but are text marks in brand names, so kept.
 */
const EMOJI =
  /(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]*(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]*)*|[\u{1F1E6}-\u{1F1FF}]{1,2}/gu;
/** A keycap (1️⃣): the digit stays, the decoration goes. */
const KEYCAP = /([0-9#*])\uFE0F?\u20E3/gu;
/** Joiners and selectors left alone once their emoji is gone. */
const LEFTOVER = /[\uFE0F\u200D\u20E3]/gu;

/** True when the text contains at least one emoji. */
export function hasEmoji(text: string): boolean {
  EMOJI.lastIndex = 0;
  const found = EMOJI.test(text) || /\u20E3/u.test(text);
  EMOJI.lastIndex = 0;
  return found;
}

/**
 * Removes emoji; keycaps keep their digit. On lines that changed, runs of spaces left behind are
 * collapsed and the line trimmed; a line that held only emoji is dropped.
 */
export function stripEmoji(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const stripped = line.replace(KEYCAP, '$1').replace(EMOJI, '').replace(LEFTOVER, '');
    if (stripped === line) {
      out.push(line);
      continue;
    }
    const tidy = stripped.replace(/[ \t\u3000]{2,}/g, ' ').trim();
    if (tidy || !line.trim()) out.push(tidy);
  }
  return out.join('\n');
}

/** Keeps only the emoji that open a line (bullets such as "👉 下单"), removing the others. */
export function keepLeadingEmoji(text: string): string {
  const sticky = new RegExp(EMOJI.source, 'uy');
  return text
    .split('\n')
    .map((line) => {
      const lead = /^\s*/.exec(line)![0];
      let at = lead.length;
      sticky.lastIndex = at;
      while (sticky.exec(line)) at = sticky.lastIndex;
      const head = line.slice(lead.length, at);
      const rest = line.slice(at);
      const sep = /^\s*/.exec(rest)![0];
      const body = stripEmoji(rest.slice(sep.length));
      return head ? lead + head + (body ? sep + body : '') : stripEmoji(line);
    })
    .join('\n');
}

/**
 * A text as a group type may post it: emoji removed when it allows none, kept only at line starts
 * when its profile is 'sparing', kept all when 'lively' (the default).
 */
export function applyEmojiPolicy(text: string, group: { rules: { emojiAllowed: boolean }; profile?: { emoji?: string } }): string {
  if (!group.rules.emojiAllowed) return stripEmoji(text);
  return group.profile?.emoji === 'sparing' ? keepLeadingEmoji(text) : text;
}

/** Text reduced for similarity: no links, whitespace, punctuation or emoji; lower case. */
export function normalizeForCompare(text: string): string {
  return stripEmoji(text)
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toLowerCase();
}

/** Jaccard similarity (0..1) of the character-bigram sets of two texts, after normalising both. */
export function bigramSimilarity(a: string, b: string): number {
  const sa = bigrams(normalizeForCompare(a));
  const sb = bigrams(normalizeForCompare(b));
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const x of sa) if (sb.has(x)) common++;
  return common / (sa.size + sb.size - common);
}

function bigrams(text: string): Set<string> {
  const chars = Array.from(text);
  const set = new Set<string>();
  if (chars.length === 1) set.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return set;
}
