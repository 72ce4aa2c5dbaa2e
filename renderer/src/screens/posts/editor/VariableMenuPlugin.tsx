import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type TriggerFn } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $insertNodes, $isTextNode, type TextNode } from 'lexical';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { $createVariableNode, VARIABLE_NAMES, VARIABLES, type VariableName } from '@shared';
import { useI18n } from '../../../i18n';

class VariableOption extends MenuOption {
  constructor(readonly name: VariableName) {
    super(name);
  }
}

/** `{` (half- or full-width, as Chinese input methods type it) anywhere, then up to 20 non-space characters. */
const triggerOnBrace: TriggerFn = (text) => {
  const m = /[{｛]([^{}｛｝\s]{0,20})$/u.exec(text);
  return m ? { leadOffset: m.index, matchingString: m[1] ?? '', replaceableString: m[0] } : null;
};

/** Variables whose name or label contains the query. */
function matching(query: string): VariableName[] {
  const q = query.toLowerCase();
  return VARIABLE_NAMES.filter((n) => !q || n.toLowerCase().includes(q) || VARIABLES[n].zh.includes(query) || VARIABLES[n].en.toLowerCase().includes(q));
}

const ANCHOR = 'variable-menu-anchor';

/**
 * Lexical's typeahead appends its anchor to the page at once, as an empty `role=listbox` named
 * "Typeahead menu" (English, and one per editor), and sets it again whenever the menu opens; our
 * own list inside it is the listbox. So the anchor is kept a plain box: no stray, empty or nested
 * listboxes for screen readers (issue 17 point 8).
 */
function usePlainAnchors(): void {
  useEffect(() => {
    const strip = () =>
      document.querySelectorAll(`.${ANCHOR}[role], .${ANCHOR}[aria-label]`).forEach((el) => {
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
      });
    strip();
    const watch = new MutationObserver(strip);
    watch.observe(document.body, { childList: true, attributes: true, attributeFilter: ['role', 'aria-label'], subtree: true });
    return () => watch.disconnect();
  }, []);
}

/** Typing `{` opens a menu of variables; choosing one inserts its chip in place of the typed text. */
export function VariableMenuPlugin() {
  usePlainAnchors();
  const [editor] = useLexicalComposerContext();
  const { lang, t } = useI18n();
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(() => matching(query ?? '').map((n) => new VariableOption(n)), [query]);
  const onSelect = (option: VariableOption, nodeToReplace: TextNode | null, close: () => void) => {
    editor.update(() => {
      const chip = $createVariableNode(option.name);
      if (nodeToReplace) nodeToReplace.replace(chip);
      else $insertNodes([chip]);
      // When the choice comes quickly after typing, the menu may have split off only part of the
      // query: drop what is left of `{query` just before the chip.
      const before = chip.getPreviousSibling();
      if ($isTextNode(before)) {
        const rest = before.getTextContent().replace(/[{｛][^{}｛｝\s]{0,20}$/u, '');
        if (rest !== before.getTextContent()) {
          if (rest) before.setTextContent(rest);
          else before.remove();
        }
      }
      chip.selectNext();
      close();
    });
  };
  return (
    <LexicalTypeaheadMenuPlugin<VariableOption>
      onQueryChange={setQuery}
      onSelectOption={onSelect}
      triggerFn={triggerOnBrace}
      anchorClassName={ANCHOR}
      options={options}
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current && options.length
          ? createPortal(
              <ul className="variable-menu" role="listbox" aria-label={t('editor.variable')} data-testid="variable-menu" tabIndex={0}>
                {options.map((o, i) => (
                  <li
                    key={o.key}
                    // Lexical points the editor's aria-activedescendant at typeahead-item-<index>.
                    id={`typeahead-item-${i}`}
                    ref={(el) => o.setRefElement(el)}
                    role="option"
                    aria-selected={selectedIndex === i}
                    className={selectedIndex === i ? 'variable-menu-item selected' : 'variable-menu-item'}
                    onMouseEnter={() => setHighlightedIndex(i)}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      selectOptionAndCleanUp(o);
                    }}
                  >
                    <span className="sq-variable">{lang === 'zh' ? VARIABLES[o.name].zh : VARIABLES[o.name].en}</span>
                    <span className="variable-menu-alt">{t(VARIABLES[o.name].perStore ? 'variable.perStore' : 'variable.shared')}</span>
                  </li>
                ))}
              </ul>,
              anchor.current,
            )
          : null
      }
    />
  );
}
