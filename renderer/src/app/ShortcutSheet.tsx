import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Modal, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT, type MsgKey } from '../i18n';
import type { Route } from './nav';

/** The nav screens Alt+1…Alt+9 go to, in the menu's order. */
type NavScreen = Exclude<Route['screen'], 'post' | 'template' | 'reviewItem'>;

/** Every shortcut the studio answers, as the sheet lists it (keys, then what they do). */
const SHORTCUTS: { keys: string[]; what: MsgKey }[] = [
  { keys: ['?'], what: 'keys.sheet' },
  { keys: ['/'], what: 'keys.search' },
  { keys: ['N'], what: 'keys.newPost' },
  { keys: ['Alt', '1 … 9'], what: 'keys.nav' },
  { keys: ['Ctrl', 'S'], what: 'keys.save' },
  { keys: ['Ctrl', 'Z'], what: 'keys.undo' },
  { keys: ['Ctrl', 'Y'], what: 'keys.redo' },
  { keys: ['{'], what: 'keys.variable' },
  { keys: ['Esc'], what: 'keys.close' },
];

/** True while the user is typing somewhere: single-key shortcuts leave those keys alone. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('[contenteditable="true"], .ant-select');
}

/**
 * The keyboard-shortcut sheet (opened with ? or the top bar's button) and the global shortcuts it
 * lists: / focuses the screen's search box, N starts a new post on the posts list, Alt+digit opens
 * the nth screen of the menu. Editor keys (Ctrl+S/Z/Y, {) belong to the editor; they are listed here.
 */
export function ShortcutSheet({ screens, go }: { screens: readonly NavScreen[]; go(route: Route): unknown }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
        const screen = screens[Number(e.code.slice(5)) - 1];
        if (screen) {
          e.preventDefault();
          void go({ screen } as Route);
        }
        return;
      }
      if (e.altKey || typing(e.target) || document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/') {
        const box = document.querySelector<HTMLInputElement>('#main input[type=search], #main .ant-input-search input');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      } else if (e.key === 'n' || e.key === 'N') {
        const create = document.querySelector<HTMLButtonElement>('#main [data-testid=new-post]');
        if (create) {
          e.preventDefault();
          create.click();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens, go]);
  return (
    <>
      <Button type="text" size="small" icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)} aria-label={t('keys.title')} title={`${t('keys.title')} (?)`} data-testid="shortcuts" />
      <Modal open={open} title={t('keys.title')} footer={null} onCancel={() => setOpen(false)} width={520} destroyOnHidden>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.what}
          dataSource={SHORTCUTS}
          data-testid="shortcut-sheet"
          columns={[
            {
              title: t('keys.keys'),
              key: 'keys',
              width: 170,
              render: (_: unknown, r) => (
                <span className="kbd-row">
                  {r.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              ),
            },
            { title: t('keys.what'), key: 'what', render: (_: unknown, r) => <Typography.Text>{t(r.what)}</Typography.Text> },
          ]}
        />
      </Modal>
    </>
  );
}
