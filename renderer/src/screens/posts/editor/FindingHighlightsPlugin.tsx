import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { domRangesFor } from './offsets';

/**
 * Underlines what check findings point at, as a decoration (CSS Custom Highlight API): the
 * document is never changed, so the marks never reach the saved post or the undo history.
 * `spans` are display-text offsets as compose reports them.
 */
export function FindingHighlightsPlugin({ name, spans }: { name: string; spans: readonly { start: number; end: number }[] }) {
  const [editor] = useLexicalComposerContext();
  const key = spans.map((s) => `${s.start}-${s.end}`).join(',');
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const list = key ? key.split(',').map((s) => ({ start: Number(s.split('-')[0]), end: Number(s.split('-')[1]) })) : [];
    const paint = () => {
      const ranges = domRangesFor(editor, list);
      if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
      else CSS.highlights.delete(name);
    };
    paint();
    const off = editor.registerUpdateListener(() => requestAnimationFrame(paint));
    return () => {
      off();
      CSS.highlights.delete(name);
    };
  }, [editor, name, key]);
  return null;
}
