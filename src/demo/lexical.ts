import type { LexicalDoc } from '../model/index.js';

export { lexicalFromText } from '../model/lexical-text.js';

/** The variable names used in a serialized document, in order of appearance. */
export function variablesIn(doc: LexicalDoc): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: string; children?: unknown[] };
    if (n.type === 'variable' && typeof n.name === 'string') names.push(n.name);
    n.children?.forEach(walk);
  };
  walk(doc.root);
  return names;
}
