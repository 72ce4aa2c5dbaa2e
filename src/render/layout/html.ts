/**
 * A small, strict HTML reader for the subset poster templates use: elements, quoted
 * attributes, text, comments and character references. No scripts, no entities beyond the
 * standard few, no network: it only builds a tree.
 */

/** An element or a text node. */
export type HtmlNode = HtmlElement | string;

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

const VOID: ReadonlySet<string> = new Set(['img', 'br']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', middot: '·', hellip: '…', yen: '¥', times: '×' };

/** Decodes character references (&amp; &#20320; &#x4f60; and a few named ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return NAMED[ref] ?? whole;
  });
}

function context(html: string, at: number): string {
  return JSON.stringify(html.slice(Math.max(0, at - 20), at + 30));
}

/** Parses HTML into a list of top-level nodes; throws on unbalanced or malformed markup. */
export function parseHtml(html: string, label: string): HtmlNode[] {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) stack[stack.length - 1]!.children.push(decodeEntities(html.slice(i, textEnd)));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) throw new Error(`${label}: unclosed comment at ${context(html, lt)}`);
      i = end + 3;
      continue;
    }
    if (html[lt + 1] === '/') {
      const m = /^<\/([a-zA-Z][a-zA-Z0-9]*)\s*>/.exec(html.slice(lt));
      if (!m) throw new Error(`${label}: bad closing tag at ${context(html, lt)}`);
      const top = stack.pop()!;
      if (top.tag !== m[1]!.toLowerCase() && top.tag.toLowerCase() !== m[1]!.toLowerCase()) {
        throw new Error(`${label}: </${m[1]}> closes <${top.tag}> at ${context(html, lt)}`);
      }
      i = lt + m[0].length;
      continue;
    }
    const open = /^<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][a-zA-Z0-9_:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/.exec(html.slice(lt));
    if (!open) throw new Error(`${label}: bad tag at ${context(html, lt)} (attribute values must be quoted)`);
    const tag = open[1]!.length && /[A-Z]/.test(open[1]!) ? open[1]! : open[1]!.toLowerCase();
    const attrs: Record<string, string> = {};
    for (const a of open[2]!.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g)) {
      const name = a[1]!;
      if (Object.prototype.hasOwnProperty.call(attrs, name)) throw new Error(`${label}: attribute ${name} given twice on <${tag}>`);
      attrs[name] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    const el: HtmlElement = { tag, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!open[3] && !VOID.has(tag.toLowerCase())) stack.push(el);
    i = lt + open[0].length;
  }
  if (stack.length > 1) throw new Error(`${label}: <${stack[stack.length - 1]!.tag}> is never closed`);
  return root.children;
}
