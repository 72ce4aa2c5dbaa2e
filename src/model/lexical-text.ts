import type { LexicalDoc } from './post.js';
import { isVariableName } from './nodes/variables.js';

type Inline =
  | { type: 'text'; version: 1; text: string; format: 0; detail: 0; mode: 'normal'; style: '' }
  | { type: 'variable'; version: 1; name: string };

const text = (t: string): Inline => ({ type: 'text', version: 1, text: t, format: 0, detail: 0, mode: 'normal', style: '' });

/** Splits one line into text and variable nodes; `{name}` is a variable when name is a known variable. */
function inlines(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(/\{([A-Za-z]+)\}/g)) {
    const name = m[1]!;
    if (!isVariableName(name)) throw new Error(`lexicalFromText: unknown variable {${name}} in "${line}"`);
    if (m.index! > last) out.push(text(line.slice(last, m.index)));
    out.push({ type: 'variable', version: 1, name });
    last = m.index! + m[0].length;
  }
  if (last < line.length) out.push(text(line.slice(last)));
  return out;
}

/**
 * Turns readable text into a serialized Lexical editor state (demo content, post starters): one paragraph per line, `{nickname}`
 * → the shared variable node `{ type: 'variable', version: 1, name }`. An unknown `{name}` throws,
 * so a typo in demo content fails at once rather than shipping as literal text.
 */
export function lexicalFromText(source: string): LexicalDoc {
  const paragraphs = source.split('\n').map((line) => ({
    type: 'paragraph',
    version: 1,
    direction: line ? 'ltr' : null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: inlines(line),
  }));
  return { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: paragraphs } };
}
