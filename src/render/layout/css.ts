/**
 * A small CSS reader for poster templates: rules with class selectors (`.a`, `.a.b`, lists
 * `.a, .b`) and element selectors (`div`), and inline `style` attributes, turned into the
 * camelCase style objects satori takes. No cascade beyond "more classes wins, later wins".
 */

/** A style object as satori takes it. */
export type Style = Record<string, string>;

interface Rule {
  tag?: string;
  classes: string[];
  style: Style;
  order: number;
}

/** Parsed rules of a stylesheet, ready to resolve an element's style. */
export interface StyleSheet {
  rules: Rule[];
}

const camel = (prop: string): string => prop.trim().toLowerCase().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Parses `a: b; c: d` into a style object (camelCase keys, !important dropped). */
export function parseDeclarations(text: string, label: string): Style {
  const style: Style = {};
  for (const decl of splitDeclarations(text)) {
    const colon = decl.indexOf(':');
    if (colon < 0) {
      if (decl.trim()) throw new Error(`${label}: "${decl.trim()}" is not a CSS declaration`);
      continue;
    }
    const prop = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).replace(/!important/i, '').trim();
    if (!/^-?[a-zA-Z][a-zA-Z-]*$/.test(prop)) throw new Error(`${label}: bad CSS property "${prop}"`);
    if (value) style[camel(prop)] = value;
  }
  return style;
}

/** Splits on `;` outside parentheses (gradients contain commas and may contain semicolons in data). */
function splitDeclarations(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ';' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses a stylesheet; selectors other than classes, compound classes and element names are refused. */
export function parseStyleSheet(css: string, label: string): StyleSheet {
  const rules: Rule[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const re = /([^{}]+)\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  let order = 0;
  while ((m = re.exec(text))) {
    if (text.slice(consumed, m.index).trim()) throw new Error(`${label}: cannot read CSS near "${text.slice(consumed, m.index).trim().slice(0, 40)}"`);
    consumed = re.lastIndex;
    const style = parseDeclarations(m[2]!, label);
    for (const sel of m[1]!.split(',')) {
      const s = sel.trim();
      const parsed = /^([a-z][a-z0-9]*)?((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)$/.exec(s);
      if (!parsed || !s) throw new Error(`${label}: selector "${s}" is not supported (use .class, .a.b or an element name)`);
      const classes = parsed[2] ? parsed[2].slice(1).split('.') : [];
      rules.push({ tag: parsed[1], classes, style, order: order++ });
    }
  }
  if (text.slice(consumed).trim()) throw new Error(`${label}: cannot read CSS near "${text.slice(consumed).trim().slice(0, 40)}"`);
  return { rules };
}

/** The style of an element: matching rules by specificity then order, then its inline style. */
export function resolveStyle(sheet: StyleSheet, tag: string, classList: string[], inline: Style): Style {
  const matching = sheet.rules
    .filter((r) => (!r.tag || r.tag === tag) && r.classes.every((c) => classList.includes(c)))
    .sort((a, b) => a.classes.length + (a.tag ? 0.5 : 0) - (b.classes.length + (b.tag ? 0.5 : 0)) || a.order - b.order);
  const out: Style = {};
  for (const r of matching) Object.assign(out, r.style);
  return Object.assign(out, inline);
}
