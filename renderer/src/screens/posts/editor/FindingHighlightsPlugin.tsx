import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $isTextNode, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';

/** The DOM ranges where `terms` occur in the editor's text (for CSS highlights). */
function rangesOf(editor: LexicalEditor, terms: readonly string[]): Range[] {
  const out: Range[] = [];
  if (!terms.length) return out;
  editor.getEditorState().read(() => {
    for (const node of $getRoot().getAllTextNodes()) {
      const text = node.getTextContent();
      const dom = editor.getElementByKey(node.getKey())?.firstChild;
      if (!dom || dom.nodeType !== Node.TEXT_NODE || dom.textContent !== text) continue;
      for (const term of terms) {
        for (let i = text.indexOf(term); i >= 0 && term; i = text.indexOf(term, i + term.length)) {
          const r = new Range();
          r.setStart(dom, i);
          r.setEnd(dom, i + term.length);
          out.push(r);
        }
      }
    }
  });
  return out;
}

/**
 * Underlines the terms check findings point at, as a decoration (CSS Custom Highlight API):
 * the document itself is never changed, so marks never reach the saved post or the history.
 */
export function FindingHighlightsPlugin({ name, terms }: { name: string; terms: readonly string[] }) {
  const [editor] = useLexicalComposerContext();
  const key = terms.join('\u0000');
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const list = key ? key.split('\u0000') : [];
    const paint = () => {
      const ranges = rangesOf(editor, list);
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

/** Selects the first occurrence of `term` (or the end of the text) and focuses the editor. */
export function jumpToTerm(editor: LexicalEditor, term: string | undefined): void {
  editor.update(() => {
    if (term) {
      for (const node of $getRoot().getAllTextNodes()) {
        const i = $isTextNode(node) ? node.getTextContent().indexOf(term) : -1;
        if (i >= 0) {
          node.select(i, i + term.length);
          return;
        }
      }
    }
    $getRoot().selectEnd();
  });
  editor.focus();
  editor.getRootElement()?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
