/** Most elements an SVG may expand to through <use> references (a designer's icon sheet stays far below). */
export const MAX_SVG_EXPANSION = 10_000;

/**
 * How many elements an SVG draws once every `<use href="#id">` is expanded, or Infinity for a
 * reference cycle. Nested <use> "billion laughs" bombs are tiny on disk and explode in librsvg;
 * this counts them from the markup (a tag scanner, no XML parser) before anything renders.
 */
export function svgExpansion(text: string): number {
  const uses = new Map<string, string[]>(); // id of an element → ids its descendants <use>
  const elements = new Map<string, number>(); // id → elements inside it (itself included)
  const rootUses: string[] = [];
  let rootElements = 0;
  const open: (string | undefined)[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const [, closing, name, attrs, selfClosing] = m;
    if (closing) {
      open.pop();
      continue;
    }
    const id = /\sid\s*=\s*["']([^"']+)["']/.exec(attrs!)?.[1];
    const ancestors = open.filter((x): x is string => !!x);
    rootElements++;
    for (const a of ancestors) elements.set(a, (elements.get(a) ?? 0) + 1);
    if (id) elements.set(id, (elements.get(id) ?? 0) + 1);
    if (name!.toLowerCase() === 'use') {
      const target = /(?:xlink:)?href\s*=\s*["']#([^"']+)["']/.exec(attrs!)?.[1];
      if (target) {
        rootUses.push(target);
        for (const a of ancestors) (uses.get(a) ?? uses.set(a, []).get(a)!).push(target);
      }
    }
    if (!selfClosing) open.push(id);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const size = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return Infinity;
    visiting.add(id);
    let n = elements.get(id) ?? 0;
    for (const t of uses.get(id) ?? []) n += size(t);
    visiting.delete(id);
    memo.set(id, n);
    return n;
  };
  let total = rootElements;
  for (const t of rootUses) total += size(t);
  return total;
}
