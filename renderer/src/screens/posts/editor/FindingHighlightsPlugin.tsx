import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useRef } from 'react';
import { domRangesFor } from './offsets';

/** A stretch of display text a finding points at, with the message shown on hover. */
export interface FindingSpan {
  start: number;
  end: number;
  message: string;
}

/** The caret position under the mouse (Chromium: caretRangeFromPoint). */
function pointAt(x: number, y: number): { node: Node; offset: number } | undefined {
  const doc = document as Document & { caretRangeFromPoint?(x: number, y: number): Range | null };
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

/**
 * Underlines what check findings point at, as a decoration (CSS Custom Highlight API): the
 * document is never changed, so the marks never reach the saved post or the undo history.
 * Hovering an underline shows the finding's message. `spans` are compose's display-text offsets.
 */
export function FindingHighlightsPlugin({ name, spans }: { name: string; spans: readonly FindingSpan[] }) {
  const [editor] = useLexicalComposerContext();
  const key = JSON.stringify(spans);
  const painted = useRef<{ range: Range; message: string }[]>([]);
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const list = JSON.parse(key) as FindingSpan[];
    const paint = () => {
      painted.current = list.flatMap((s) => domRangesFor(editor, [s]).map((range) => ({ range, message: s.message })));
      if (painted.current.length) CSS.highlights.set(name, new Highlight(...painted.current.map((p) => p.range)));
      else CSS.highlights.delete(name);
    };
    paint();
    const off = editor.registerUpdateListener(() => requestAnimationFrame(paint));
    const root = editor.getRootElement();
    const onMove = (e: MouseEvent) => {
      const at = pointAt(e.clientX, e.clientY);
      const hit = at && painted.current.find((p) => p.range.isPointInRange(at.node, at.offset));
      if (hit) root?.setAttribute('title', hit.message);
      else root?.removeAttribute('title');
    };
    root?.addEventListener('mousemove', onMove);
    return () => {
      off();
      root?.removeEventListener('mousemove', onMove);
      root?.removeAttribute('title');
      CSS.highlights.delete(name);
    };
  }, [editor, name, key]);
  return null;
}
