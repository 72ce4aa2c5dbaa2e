import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_LOW, FOCUS_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect, useMemo } from 'react';
import { useT, type MsgKey } from '../../../i18n';
import { FindingHighlightsPlugin, type FindingSpan } from './FindingHighlightsPlugin';
import { EDITOR_NODES, sharedDoc } from './PillVariableNode';
import { VariableMenuPlugin } from './VariableMenuPlugin';

/** The three parts of a post. */
export type Section = 'head' | 'waist' | 'leg';

/** What a section editor reports to the post editor. */
export interface SectionEvents {
  onChange(section: Section, doc: { root: { type: 'root'; children: unknown[] } }): void;
  onEditor(section: Section, editor: LexicalEditor | null): void;
  onFocus(section: Section): void;
  onHistory(section: Section, state: { canUndo?: boolean; canRedo?: boolean }): void;
}

function mergeRegister(...offs: (() => void)[]): () => void {
  return () => offs.forEach((off) => off());
}

const THEME = { variable: 'sq-variable', paragraph: 'section-paragraph', ltr: 'ltr', rtl: 'rtl' };

/** Reports the editor instance, focus and undo/redo availability to the post editor. */
function BridgePlugin({ section, events }: { section: Section; events: SectionEvents }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    events.onEditor(section, editor);
    const off = mergeRegister(
      editor.registerCommand(FOCUS_COMMAND, () => (events.onFocus(section), false), COMMAND_PRIORITY_LOW),
      editor.registerCommand(CAN_UNDO_COMMAND, (canUndo) => (events.onHistory(section, { canUndo }), false), COMMAND_PRIORITY_LOW),
      editor.registerCommand(CAN_REDO_COMMAND, (canRedo) => (events.onHistory(section, { canRedo }), false), COMMAND_PRIORITY_LOW),
    );
    return () => {
      off();
      events.onEditor(section, null);
    };
  }, [editor, section, events]);
  return null;
}

/** One labelled block (头部 / 腰部 / 腿部): a plain-text Lexical editor with variable chips and finding underlines. */
export function SectionEditor({ section, initial, spans, events }: { section: Section; initial: unknown; spans: readonly FindingSpan[]; events: SectionEvents }) {
  const t = useT();
  const initialConfig = useMemo(
    () => ({
      namespace: `post-${section}`,
      nodes: EDITOR_NODES,
      theme: THEME,
      editorState: JSON.stringify(initial),
      onError: (err: Error) => console.error(err),
    }),
    // The editor owns its state after mount; a new post remounts the whole editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const labelId = `section-${section}-label`;
  const hintId = `section-${section}-hint`;
  const placeholder = t(`editor.${section}.placeholder` as MsgKey);
  return (
    <section className={`section-card section-card--${section}`} aria-labelledby={labelId}>
      <header className="section-head">
        <h2 id={labelId} className="section-label">
          {t(`editor.${section}` as MsgKey)} <span className="section-en">{section.toUpperCase()}</span>
        </h2>
        <span id={hintId} className="section-job">
          {t(`editor.${section}.job` as MsgKey)}
        </span>
      </header>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="section-editor">
          <PlainTextPlugin
            contentEditable={
              <ContentEditable
                className="section-input"
                aria-labelledby={labelId}
                aria-describedby={hintId}
                aria-placeholder={placeholder}
                placeholder={<div className="section-placeholder">{placeholder}</div>}
                data-testid={`editor-${section}`}
                spellCheck={false}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
          <HistoryPlugin />
          <OnChangePlugin ignoreSelectionChange onChange={(state) => events.onChange(section, sharedDoc(state.toJSON()) as never)} />
          <VariableMenuPlugin />
          <FindingHighlightsPlugin name={`finding-${section}`} spans={spans} />
          <BridgePlugin section={section} events={events} />
        </div>
      </LexicalComposer>
    </section>
  );
}
