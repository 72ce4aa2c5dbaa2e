import { BracesOutlinedIcon } from './icons';
import { RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Divider, Dropdown, Tooltip, Typography } from 'antd';
import { $createTextNode, $getRoot, $getSelection, $isRangeSelection, REDO_COMMAND, UNDO_COMMAND, type LexicalEditor, type LexicalNode } from 'lexical';
import { $createVariableNode, VARIABLE_NAMES, VARIABLES, type VariableName } from '@shared';
import { useI18n } from '../../../i18n';
import { EmojiPicker } from './EmojiPicker';

/** Inserts `node` at the caret of `editor` (at the end when it has no caret yet) and refocuses it. */
function insertAtCaret(editor: LexicalEditor, make: () => LexicalNode): void {
  editor.update(() => {
    let sel = $getSelection();
    if (!$isRangeSelection(sel)) {
      $getRoot().selectEnd();
      sel = $getSelection();
    }
    if ($isRangeSelection(sel)) sel.insertNodes([make()]);
  });
  editor.focus();
}

/** The post editor's toolbar: undo/redo, emoji and variables, acting on the section last focused. */
export function Toolbar({ editor, canUndo, canRedo, sectionLabel }: { editor: LexicalEditor | null; canUndo: boolean; canRedo: boolean; sectionLabel: string }) {
  const { t, lang } = useI18n();
  const insertVariable = (name: VariableName) => editor && insertAtCaret(editor, () => $createVariableNode(name));
  const insertEmoji = (e: string) => editor && insertAtCaret(editor, () => $createTextNode(e));
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={sectionLabel}>
      <Tooltip title={t('editor.undo')}>
        <Button type="text" icon={<UndoOutlined />} aria-label={t('editor.undo')} disabled={!editor || !canUndo} onClick={() => editor?.dispatchCommand(UNDO_COMMAND, undefined)} data-testid="undo" />
      </Tooltip>
      <Tooltip title={t('editor.redo')}>
        <Button type="text" icon={<RedoOutlined />} aria-label={t('editor.redo')} disabled={!editor || !canRedo} onClick={() => editor?.dispatchCommand(REDO_COMMAND, undefined)} data-testid="redo" />
      </Tooltip>
      <Divider orientation="vertical" />
      <EmojiPicker onPick={insertEmoji} disabled={!editor} />
      <Dropdown
        trigger={['click']}
        disabled={!editor}
        menu={{
          items: VARIABLE_NAMES.map((n) => ({
            key: n,
            label: (
              <span className="variable-menu-entry">
                <span className="sq-variable">{lang === 'zh' ? VARIABLES[n].zh : VARIABLES[n].en}</span>
                {VARIABLES[n].perStore && <span className="variable-menu-alt">{t('editor.variable.perStore')}</span>}
              </span>
            ),
          })),
          onClick: (e) => insertVariable(e.key as VariableName),
        }}
      >
        <Button type="text" icon={<BracesOutlinedIcon />} data-testid="insert-variable">
          {t('editor.variable')}
        </Button>
      </Dropdown>
      <Typography.Text type="secondary" className="toolbar-hint">
        {sectionLabel} · {t('editor.variableHint')}
      </Typography.Text>
    </div>
  );
}
