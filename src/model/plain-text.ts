/**
 * Characters that have no place in a name shown on a terminal, a phone or a file manager: C0 and
 * C1 control characters (BEL, ESC sequences…), DEL, and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), with which `门店\u202egpj.exe.zip` displays as `门店piz.exe.jpg`.
 * Browser-safe (no node: imports).
 */
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same, but line breaks and tabs are allowed (a catchphrase or an address may span lines). */
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x07: 'BEL',
  0x08: 'backspace',
  0x09: 'tab',
  0x0a: 'line break',
  0x0d: 'carriage return',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/** "U+001B (ESC)" for a character. */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code] ?? (code <= 0x9f ? 'control character' : undefined);
  return name ? `${hex} (${name})` : hex;
}

/** Why `text` is refused (the first unsafe character, by code and position), or undefined when it is plain. */
export function unsafeTextReason(text: string, opts: { multiline?: boolean } = {}): string | undefined {
  const m = (opts.multiline ? UNSAFE_MULTILINE : UNSAFE_TEXT).exec(text);
  if (!m) return undefined;
  return `contains the invisible control character ${describeChar(m[0])} at position ${m.index + 1}; remove it (retype the text) and try again`;
}
