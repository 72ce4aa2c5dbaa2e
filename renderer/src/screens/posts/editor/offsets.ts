import { $createRangeSelection, $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, $setSelection, type LexicalEditor, type LexicalNode, type PointType } from 'lexical';
import { $isVariableNode, variableExpression } from '@shared';

/** A stretch of a section's display text that one editor node stands for. */
interface Piece {
  node: LexicalNode;
  kind: 'text' | 'var' | 'break';
  start: number;
  end: number;
}

/**
 * The section's display text as compose measures positions (docs: src/compose/checks/types.ts):
 * paragraphs joined by "\n", line breaks "\n", each variable as its `{{vars.x}}` expression.
 * Returns the editor node behind each stretch. Call inside a read or update.
 */
export function $displayPieces(): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  $getRoot()
    .getChildren()
    .forEach((block, i) => {
      if (i > 0) at += 1;
      for (const child of $isElementNode(block) ? block.getChildren() : [block]) {
        if ($isVariableNode(child)) {
          const len = variableExpression(child.getName()).length;
          pieces.push({ node: child, kind: 'var', start: at, end: at + len });
          at += len;
        } else if ($isLineBreakNode(child)) {
          pieces.push({ node: child, kind: 'break', start: at, end: at + 1 });
          at += 1;
        } else if ($isTextNode(child)) {
          const len = child.getTextContent().length;
          pieces.push({ node: child, kind: 'text', start: at, end: at + len });
          at += len;
        }
      }
    });
  return pieces;
}

/** The DOM ranges that cover display offsets [start, end) (text partly, variable chips whole). */
export function domRangesFor(editor: LexicalEditor, spans: readonly { start: number; end: number }[]): Range[] {
  const out: Range[] = [];
  if (!spans.length) return out;
  editor.getEditorState().read(() => {
    const pieces = $displayPieces();
    for (const { start, end } of spans) {
      for (const p of pieces) {
        if (p.end <= start || p.start >= end || p.kind === 'break') continue;
        const el = editor.getElementByKey(p.node.getKey());
        if (!el) continue;
        const r = new Range();
        if (p.kind === 'var') r.selectNode(el);
        else {
          const dom = el.firstChild;
          if (!dom || dom.nodeType !== Node.TEXT_NODE) continue;
          const len = dom.textContent?.length ?? 0;
          r.setStart(dom, Math.min(len, Math.max(0, start - p.start)));
          r.setEnd(dom, Math.min(len, Math.max(0, Math.min(end, p.end) - p.start)));
        }
        out.push(r);
      }
    }
  });
  return out;
}

/** The text at display offsets [start, end) (variables as their chips' labels are not included). */
export function displayText(editor: LexicalEditor, start: number, end: number): string {
  let text = '';
  editor.getEditorState().read(() => {
    for (const p of $displayPieces()) {
      if (p.kind !== 'text' || p.end <= start || p.start >= end) continue;
      text += p.node.getTextContent().slice(Math.max(0, start - p.start), Math.min(end, p.end) - p.start);
    }
  });
  return text;
}

function setPoint(point: PointType, pieces: Piece[], offset: number, isEnd: boolean): boolean {
  for (const p of pieces) {
    const inside = isEnd ? offset > p.start && offset <= p.end : offset >= p.start && offset < p.end;
    if (!inside) continue;
    if (p.kind === 'text') point.set(p.node.getKey(), offset - p.start, 'text');
    else {
      const parent = p.node.getParentOrThrow();
      point.set(parent.getKey(), p.node.getIndexWithinParent() + (isEnd ? 1 : 0), 'element');
    }
    return true;
  }
  return false;
}

/** Selects display offsets [start, end) (or the end of the text when absent), focuses and scrolls to it. */
export function jumpTo(editor: LexicalEditor, span?: { start: number; end: number }): void {
  editor.update(() => {
    const pieces = $displayPieces();
    if (span) {
      const sel = $createRangeSelection();
      if (setPoint(sel.anchor, pieces, span.start, false) && setPoint(sel.focus, pieces, Math.max(span.end, span.start + 1), true)) {
        $setSelection(sel);
        return;
      }
    }
    $getRoot().selectEnd();
  });
  editor.focus();
  editor.getRootElement()?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
