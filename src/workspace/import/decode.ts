import iconv from 'iconv-lite';

/** Text encodings a store list may come in (Excel in China writes GB18030/GBK by default). */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'gb18030';

/** A streaming decoder: bytes in, text out; bad bytes become U+FFFD. */
export interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/** Counts well-formed multi-byte UTF-8 sequences and malformed bytes in `b`. */
export function utf8Stats(b: Buffer, complete: boolean): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= b.length && !complete) break; // a sequence cut by the sniff window
    let ok = i + need < b.length;
    for (let k = 1; ok && k <= need; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    // Overlong three/four-byte forms and surrogates are not UTF-8 either.
    if (ok && c === 0xe0 && b[i + 1]! < 0xa0) ok = false;
    if (ok && c === 0xed && b[i + 1]! > 0x9f) ok = false;
    if (ok && c === 0xf0 && b[i + 1]! < 0x90) ok = false;
    if (ok && c === 0xf4 && b[i + 1]! > 0x8f) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * Picks the encoding from the first bytes of a file: a BOM decides; otherwise valid UTF-8 is
 * UTF-8, and bytes that are mostly valid UTF-8 with a few bad ones are still treated as UTF-8
 * (so the bad rows can be named); anything else is GB18030 (a superset of GBK).
 * `complete` says `head` is the whole file (no sequence is cut at its end).
 */
export function sniffEncoding(head: Buffer, complete: boolean): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const { valid, invalid } = utf8Stats(head, complete);
  if (invalid === 0) return 'utf8';
  return valid >= 4 * invalid ? 'utf8' : 'gb18030';
}

/** A streaming decoder for `encoding` (BOMs are dropped). */
export function decoderFor(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'utf8' || encoding === 'utf8-bom') {
    const td = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : encoding === 'utf16le' ? 'utf16le' : 'utf16be');
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** A human name for messages. */
export function encodingLabel(e: TextEncoding): string {
  return { utf8: 'UTF-8', 'utf8-bom': 'UTF-8 with BOM', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', gb18030: 'GBK/GB18030' }[e];
}
