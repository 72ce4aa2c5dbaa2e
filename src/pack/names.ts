import { createHash } from 'node:crypto';

/**
 * File and folder names that are safe on Windows, macOS and Linux.
 *
 * Rules (deterministic: the same input always gives the same name):
 * - Unicode NFC (macOS stores NFD; NFC keeps Chinese and accented names comparable).
 * - `< > : " / \ | ? *`, control characters (U+0000–U+001F, U+007F–U+009F) and bidi controls
 *   (U+202A–U+202E, U+2066–U+2069) become `_`.
 * - Leading and trailing spaces trimmed, trailing dots trimmed (Windows drops them silently);
 *   a leading dot becomes `_` (hidden on Unix, and `.tmp-` / `.old-` are the exporter's own names).
 * - Windows device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension or the
 *   superscript digits ¹²³) get a `_` prefix: `CON.txt` → `_CON.txt`.
 * - At most 255 UTF-8 bytes: the stem is cut on a grapheme boundary (never inside a Chinese
 *   character or an emoji), the extension kept, and `~` + 8 hex of the input's hash appended so
 *   two long names that share a prefix stay distinct.
 * - Empty input gives `_`.
 */

/** The longest name (in UTF-8 bytes) a file system component may have on all three systems. */
export const MAX_NAME_BYTES = 255;

// Controls (C0, DEL, C1) and bidi embeddings/overrides/isolates: a right-to-left override makes
// "门店\u202egpj.exe.zip" display as "门店piz.exe.jpg".
const BAD_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  // Only a short, plain extension counts (".jpg", ".mp4"); "第1.5版 新品" keeps its dot in the stem.
  if (dot > 0 && name.length - dot <= 10 && /^\.[A-Za-z0-9]+$/.test(name.slice(dot))) return [name.slice(0, dot), name.slice(dot)];
  return [name, ''];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts `s` to at most `max` UTF-8 bytes on a grapheme boundary. */
export function truncateBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const b = bytes(segment);
    if (used + b > max) break;
    out += segment;
    used += b;
  }
  return out;
}

/** A short hash of a string (8 hex digits of sha256). */
export function shortHash(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);
}

/** Turns any text (a title, a store name) into one safe path component; see the module comment. */
export function safeName(input: string, maxBytes = MAX_NAME_BYTES): string {
  const nfc = input.normalize('NFC');
  let name = nfc.replace(BAD_CHARS, '_').trim().replace(/[. ]+$/, '').replace(/^\./, '_');
  if (!name) name = '_';
  const [stem0, ext] = splitExt(name);
  // Windows reads a device name up to the first dot, ignoring trailing spaces: "nul.tar.gz", "CON .txt".
  const stem = RESERVED.test(name.split('.')[0]!.replace(/ +$/, '')) ? `_${stem0}` : stem0;
  name = stem + ext;
  if (bytes(name) <= maxBytes) return name;
  const suffix = `~${shortHash(nfc)}`;
  const cut = truncateBytes(stem, maxBytes - bytes(ext) - bytes(suffix)).replace(/[. ]+$/, '');
  return cut + suffix + ext;
}

/** Case-insensitive key: macOS and Windows treat `A` and `a` as the same name. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Safe, distinct names for a list of items: each item's `label` made safe; items whose names
 * collide (case-insensitively) get ` (<id>)` appended instead. Deterministic for the same list.
 */
export function distinctNames<T>(items: readonly T[], label: (t: T) => string, id: (t: T) => string): Map<T, string> {
  const first = new Map<T, string>();
  const count = new Map<string, number>();
  for (const it of items) {
    const n = safeName(label(it));
    first.set(it, n);
    count.set(nameKey(n), (count.get(nameKey(n)) ?? 0) + 1);
  }
  const out = new Map<T, string>();
  for (const it of items) {
    const n = first.get(it)!;
    out.set(it, count.get(nameKey(n))! > 1 ? safeName(`${label(it)} (${id(it)})`) : n);
  }
  return out;
}

/** The folder (and zip stem) of a store's pack: `<store id>-<store name>`. */
export function packFolderName(store: { id: string; storeName: string }): string {
  return safeName(`${store.id}-${store.storeName}`);
}
