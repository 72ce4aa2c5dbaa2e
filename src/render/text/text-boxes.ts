import type { FontMetrics } from './font-metrics.js';
import type { Rect } from '../template/manifest.js';
import { parseColor, type TextRun } from './svg-text.js';
import type { VChild, VNode } from '../layout/vdom.js';

/**
 * Text laid out without satori shaping it: a text element whose lines are known in advance
 * (`white-space: pre` blocks from the text fitter, `nowrap` labels) gets, instead of its text,
 * an empty box of exactly the text's size, so satori lays out boxes only (text shaping is two
 * thirds of its time). The renderer then finds each box and paints the lines from the glyph
 * cache at satori's own baseline positions (same advance widths, same baseline rule).
 */

/** One replaced text: its lines and how to paint them. */
export interface TextBox {
  marker: string;
  lines: string[];
  /** x offset of each line inside the box (text-align). */
  offsets: number[];
  /** The placeholder's width: the element's own width when it has one, else the widest line. */
  width: number;
  size: number;
  weight: 400 | 700;
  letterSpacing: number;
  lineHeight: number;
  baseline: number;
  color: [number, number, number, number];
}

interface Inherited {
  fontSize: string;
  fontWeight: string;
  color: string;
  lineHeight: string;
  letterSpacing: string;
  textAlign: string;
  whiteSpace: string;
  /** An ancestor fades, transforms or filters its content: leave text to satori. */
  blocked: boolean;
}

const ROOT: Inherited = { fontSize: '16px', fontWeight: '400', color: '#000000', lineHeight: 'normal', letterSpacing: '0', textAlign: 'left', whiteSpace: 'normal', blocked: false };

function px(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(-?[\d.]+)(px)?$/.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

function inherit(parent: Inherited, style: Record<string, string>): Inherited {
  const out = { ...parent };
  for (const k of ['fontSize', 'fontWeight', 'color', 'lineHeight', 'letterSpacing', 'textAlign', 'whiteSpace'] as const) if (style[k] !== undefined) out[k] = String(style[k]);
  const fades = style.opacity !== undefined && Number(style.opacity) < 1;
  out.blocked = parent.blocked || fades || !!style.transform || !!style.filter || !!style.maskImage || !!style.clipPath;
  return out;
}

function boxFor(text: string, s: Inherited, style: Record<string, string>, metricsFor: (w: number) => FontMetrics, marker: string): TextBox | undefined {
  if (s.blocked || !/^(pre|nowrap)$/.test(s.whiteSpace)) return undefined;
  // An element with its own width and no padding or border: the box is that wide whatever the text (layouts then repeat).
  const fixed = px(style.width);
  const plain = !Object.keys(style).some((k) => /^(padding|border)/.test(k));
  const boxWidth = fixed !== undefined && plain ? fixed : undefined;
  const align = /^(left|start)$/.test(s.textAlign) ? 'left' : boxWidth !== undefined && /^(center|right|end)$/.test(s.textAlign) ? s.textAlign : undefined;
  if (!align) return undefined;
  if (style.textDecoration || style.textDecorationLine || style.textShadow || style.textTransform || style.backgroundClip) return undefined;
  const size = px(s.fontSize);
  const ls = px(s.letterSpacing);
  const color = parseColor(s.color);
  if (!size || ls === undefined || !color) return undefined;
  const weight = s.fontWeight === 'bold' || Number(s.fontWeight) >= 600 ? 700 : 400;
  const m = metricsFor(weight);
  let lineHeight: number;
  if (s.lineHeight === 'normal') lineHeight = m.normalLineHeight(size);
  else if (/px$/.test(s.lineHeight)) lineHeight = px(s.lineHeight)!;
  else if (/^[\d.]+$/.test(s.lineHeight)) lineHeight = Number(s.lineHeight) * size;
  else return undefined;
  const lines = s.whiteSpace === 'pre' ? text.split('\n') : [text];
  const widths = lines.map((l) => m.measure(l, size, ls));
  const width = boxWidth ?? Math.max(0, ...widths);
  const offsets = widths.map((w) => (align === 'left' ? 0 : align === 'center' ? Math.max(0, (width - w) / 2) : Math.max(0, width - w)));
  return { marker, lines, offsets, width, size, weight, letterSpacing: ls, lineHeight, baseline: m.baselineOffset(size, lineHeight), color };
}

/**
 * Replaces the text of qualifying elements with boxes of the same size, each painted with a
 * unique marker colour so its position can be read from satori's SVG. Returns the new tree.
 */
export function boxText(root: VNode, metricsFor: (w: number) => FontMetrics, boxes: TextBox[]): VNode {
  const walk = (node: VNode, parent: Inherited): VNode => {
    const style = (node.props.style ?? {}) as Record<string, string>;
    const s = inherit(parent, style);
    const kids = node.props.children;
    if (typeof kids === 'string' && boxes.length < 4000) {
      const marker = `#02${(boxes.length >> 8).toString(16).padStart(2, '0')}${(boxes.length & 255).toString(16).padStart(2, '0')}`;
      const box = boxFor(kids, s, style, metricsFor, marker);
      if (box) {
        boxes.push(box);
        const placeholder: VNode = { type: 'div', props: { style: { width: `${box.width}px`, height: `${box.lines.length * box.lineHeight}px`, flexShrink: '0', backgroundColor: marker } } };
        return { ...node, props: { ...node.props, style: { display: 'flex', ...style }, children: placeholder } };
      }
      return node;
    }
    if (Array.isArray(kids)) return { ...node, props: { ...node.props, children: kids.map((k: VChild) => (typeof k === 'string' ? k : walk(k, s))) } };
    if (kids && typeof kids === 'object') return { ...node, props: { ...node.props, children: walk(kids as VNode, s) } };
    return node;
  };
  return walk(root, ROOT);
}

/** The text runs of the boxes, given where satori put each box. */
export function boxRuns(box: TextBox, at: Rect): TextRun[] {
  return box.lines
    .map((text, i) => ({ text, x: at.x + box.offsets[i]!, y: Math.round(at.y + i * box.lineHeight + box.baseline), size: box.size, weight: box.weight, letterSpacing: box.letterSpacing, color: box.color }))
    .filter((r) => r.text.trim() !== '');
}

/** True when some element draws text with an effect the glyph painter does not reproduce (text-shadow): render with outlines then. */
export function needsOutlines(node: VNode): boolean {
  const style = (node.props.style ?? {}) as Record<string, string>;
  if (style.textShadow || style.WebkitTextStroke || style.backgroundClip === 'text') return true;
  const kids = node.props.children;
  if (Array.isArray(kids)) return kids.some((k: VChild) => typeof k !== 'string' && needsOutlines(k));
  if (kids && typeof kids === 'object') return needsOutlines(kids as VNode);
  return false;
}
