import { parseStyleSheet, parseDeclarations, resolveStyle, type Style, type StyleSheet } from './css.js';
import { parseHtml, type HtmlElement, type HtmlNode } from './html.js';
import { FONT_FAMILY } from '../text/fonts.js';

/** A satori element (what JSX would produce). */
export interface VNode {
  type: string;
  props: { style?: Style; children?: VChild | VChild[]; [attr: string]: unknown };
}
export type VChild = VNode | string;

/** Turns an `<img data-slot>` into the node to render (an image, a placeholder, or nothing). */
export type SlotResolver = (slot: string, style: Style, attrs: Record<string, string>) => VNode | null;

const HTML_TAGS: ReadonlySet<string> = new Set(['div', 'span', 'p', 'img', 'strong', 'b', 'svg']);
const SVG_TAGS: ReadonlySet<string> = new Set(['g', 'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon', 'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath']);
const HTML_ATTRS: ReadonlySet<string> = new Set(['class', 'style', 'data-slot', 'alt', 'width', 'height']);
const SVG_ATTRS: ReadonlySet<string> = new Set([
  'viewBox', 'xmlns', 'preserveAspectRatio', 'width', 'height', 'fill', 'fill-opacity', 'fill-rule', 'clip-rule', 'clip-path', 'stroke', 'stroke-width',
  'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'd', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'points', 'transform', 'offset', 'stop-color', 'stop-opacity', 'id', 'gradientUnits', 'gradientTransform', 'fx', 'fy', 'style', 'class',
]);

function checkValue(value: string, what: string, label: string): void {
  if (/url\(\s*(?!['"]?#)/i.test(value) || /\b(file|https?|ftp|data|javascript):/i.test(value)) {
    throw new Error(`${label}: ${what}="${value.slice(0, 60)}" refers to an external resource; images come only from slots`);
  }
}

function checkStyle(style: Style, where: string, label: string): void {
  for (const [k, v] of Object.entries(style)) checkValue(v, `${where} style ${k}`, label);
}

/** Defaults that make satori lay out like block flow: every div/p is a flex column unless its CSS says otherwise. */
function withDefaults(tag: string, style: Style): Style {
  if ((tag === 'div' || tag === 'p') && !style.display) return { display: 'flex', flexDirection: 'column', ...style };
  if (tag === 'p' && !style.margin) return { margin: '0', ...style };
  if (tag === 'strong' || tag === 'b') return { fontWeight: '700', ...style };
  return style;
}

function convertSvg(el: HtmlElement, label: string): VNode {
  if (el.tag !== 'svg' && !SVG_TAGS.has(el.tag)) throw new Error(`${label}: <${el.tag}> is not allowed inside <svg>`);
  const props: VNode['props'] = {};
  for (const [name, value] of Object.entries(el.attrs)) {
    if (!SVG_ATTRS.has(name)) throw new Error(`${label}: attribute ${name} is not allowed on <${el.tag}>`);
    checkValue(value, name, label);
    props[name === 'class' ? 'className' : name] = name === 'style' ? parseDeclarations(value, label) : value;
  }
  const kids = el.children.filter((c): c is HtmlElement => typeof c !== 'string');
  if (el.children.some((c) => typeof c === 'string' && c.trim())) throw new Error(`${label}: text inside <svg> is not allowed (put text in HTML so it uses the poster font)`);
  if (kids.length) props.children = kids.map((k) => convertSvg(k, label));
  return { type: el.tag, props };
}

function convert(node: HtmlNode, sheet: StyleSheet, slots: SlotResolver, label: string, pre = false): VChild | null {
  if (typeof node === 'string') {
    // In white-space: pre elements line breaks are kept (fitted text blocks); elsewhere whitespace collapses as in HTML.
    if (pre) return node.replace(/^\n+|\s+$/g, '') || null;
    const text = node.replace(/\s+/g, ' ');
    return text.trim() ? text.trim() : null;
  }
  const tag = node.tag;
  if (!HTML_TAGS.has(tag)) throw new Error(`${label}: <${tag}> is not supported in poster templates (use div, span, p, strong, img data-slot, svg)`);
  if (tag === 'svg') {
    const classes = (node.attrs.class ?? '').split(/\s+/).filter(Boolean);
    const style = resolveStyle(sheet, tag, classes, node.attrs.style ? parseDeclarations(node.attrs.style, label) : {});
    checkStyle(style, '<svg>', label);
    const v = convertSvg({ ...node, attrs: Object.fromEntries(Object.entries(node.attrs).filter(([k]) => k !== 'class' && k !== 'style')) }, label);
    v.props.style = style;
    return v;
  }
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!HTML_ATTRS.has(name)) throw new Error(`${label}: attribute ${name} on <${tag}> is not allowed`);
    checkValue(value, name, label);
  }
  const classes = (node.attrs.class ?? '').split(/\s+/).filter(Boolean);
  const inline = node.attrs.style ? parseDeclarations(node.attrs.style, label) : {};
  const style = withDefaults(tag, resolveStyle(sheet, tag, classes, inline));
  checkStyle(style, `<${tag}${classes.length ? ' class="' + classes.join(' ') + '"' : ''}>`, label);
  if (tag === 'img') {
    const slot = node.attrs['data-slot'];
    if (!slot) throw new Error(`${label}: <img> needs data-slot (product, logo, brandIp, avatar or qr); templates cannot load images themselves`);
    // Images keep their size in flex rows (a squeezed QR would be refused as too small).
    return slots(slot, { flexShrink: '0', ...style }, node.attrs);
  }
  const keep = /^pre/.test(style.whiteSpace ?? '');
  const children = node.children.map((c) => convert(c, sheet, slots, label, keep)).filter((c): c is VChild => c !== null);
  const props: VNode['props'] = { style };
  if (children.length === 1) props.children = children[0];
  else if (children.length > 1) props.children = children;
  return { type: tag === 'strong' || tag === 'b' ? 'span' : tag, props };
}

/**
 * Builds satori's element tree from template HTML and CSS: one root element of width × height,
 * the poster font set on it, classes resolved into inline styles, slot images resolved by `slots`.
 */
export function htmlToVdom(html: string, css: string | StyleSheet, slots: SlotResolver, size: { width: number; height: number }, label: string): VNode {
  const sheet = typeof css === 'string' ? parseStyleSheet(css, label) : css;
  const nodes = parseHtml(html, label)
    .map((n) => convert(n, sheet, slots, label))
    .filter((n): n is VChild => n !== null);
  return {
    type: 'div',
    props: {
      style: { display: 'flex', flexDirection: 'column', width: `${size.width}px`, height: `${size.height}px`, fontFamily: FONT_FAMILY, position: 'relative' },
      children: nodes,
    },
  };
}

/** Every text string in a tree (for satori's graphemeImages: the emoji it will meet). */
export function vdomTexts(node: VChild, out: string[] = []): string[] {
  if (typeof node === 'string') {
    out.push(node);
    return out;
  }
  const kids = node.props.children;
  if (Array.isArray(kids)) for (const k of kids) vdomTexts(k, out);
  else if (kids !== undefined && kids !== null) vdomTexts(kids as VChild, out);
  return out;
}
