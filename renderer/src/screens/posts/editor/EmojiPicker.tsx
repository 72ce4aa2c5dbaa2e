import { SmileOutlined } from '@ant-design/icons';
import { Button, Popover, Tooltip } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n';

/** Emoji that read well in neighbourhood and family groups (festive, food, warmth, pointing at the link). */
const EMOJI = [
  '😊', '😄', '🥰', '😋', '🤗', '👍', '👏', '🙏', '💪', '🎉',
  '🧧', '🏮', '🎁', '🎊', '✨', '🔥', '❤️', '💝', '🌸', '🌟',
  '🍎', '🍊', '🥜', '🍪', '🍫', '🥛', '🍵', '🍲', '🥟', '🍚',
  '🛒', '🏪', '📦', '🚚', '⏰', '📍', '📞', '👉', '👇', '✅',
];

/** A small emoji grid; picking one inserts it at the caret of the active section. */
export function EmojiPicker({ onPick, disabled }: { onPick(emoji: string): void; disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const grid = (
    <div className="emoji-grid" role="group" aria-label={t('editor.emoji')}>
      {EMOJI.map((e) => (
        <button
          key={e}
          type="button"
          className="emoji-cell"
          aria-label={e}
          onMouseDown={(ev) => ev.preventDefault()}
          onClick={() => {
            onPick(e);
            setOpen(false);
          }}
        >
          {e}
        </button>
      ))}
    </div>
  );
  return (
    <Popover content={grid} trigger="click" open={open} onOpenChange={setOpen} placement="bottomLeft">
      <Tooltip title={t('editor.emoji')}>
        <Button type="text" icon={<SmileOutlined />} aria-label={t('editor.emoji')} disabled={disabled} data-testid="emoji-button" />
      </Tooltip>
    </Popover>
  );
}
