import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Input, Segmented, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { CAPTION_BLOCKS, SECTION_CHIPS, VARIABLES, VARIABLE_NAMES, captionFormOf, captionSourceFromForm, defaultCaptionForm, type CaptionBlock, type CaptionBlocks, type CaptionForm } from '@shared';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useApi } from '../../app/useApi';
import { useI18n, type MsgKey } from '../../i18n';

const OTHERS = '*';

/**
 * The form editor of a caption template (issue 17): five blocks — greeting, body, offer, link line,
 * closing — for other group types and for each group type given its own, with chips for the
 * store's variables and the post's parts. Every change writes the Handlebars source (the source
 * tab shows it); the form is kept in the source's header, so it opens again as a form.
 */
export function CaptionFormEditor({ source, onChange, disabled }: { source: string; onChange(next: string): void; disabled?: boolean }) {
  const { t, lang } = useI18n();
  const groups = useApi('groups.list', {});
  const opened = captionFormOf(source);
  const [tab, setTab] = useState(OTHERS);
  const [active, setActive] = useState<CaptionBlock>('greeting');
  const [error, setError] = useState<{ block: string; message: string }>();
  const form = opened.form;
  const write = (next: CaptionForm) => {
    try {
      onChange(captionSourceFromForm(next, opened.header));
      setError(undefined);
    } catch (err) {
      setError({ block: (err as { block?: string }).block ?? '', message: (err as Error).message });
    }
  };
  if (!form)
    return (
      <div className="caption-form" data-testid="caption-form">
        <Alert type="info" showIcon message={t('tplx.form.noForm')} />
        <Button type="primary" className="caption-form-start" disabled={disabled} onClick={() => write(defaultCaptionForm())} data-testid="caption-form-start">
          {t('tplx.form.start')}
        </Button>
      </div>
    );
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name ?? id;
  const own = Object.keys(form.groups);
  const addable = (groups.data ?? []).filter((g) => !own.includes(g.id));
  const shown = tab === OTHERS || !form.groups[tab] ? OTHERS : tab;
  const blocks = shown === OTHERS ? form.blocks : form.groups[shown]!;
  const setBlocks = (b: CaptionBlocks) => write(shown === OTHERS ? { ...form, blocks: b } : { ...form, groups: { ...form.groups, [shown]: b } });
  const chips = [
    ...Object.values(SECTION_CHIPS).map((c) => (lang === 'zh' ? c.zh : c.en)),
    ...VARIABLE_NAMES.map((n) => (lang === 'zh' ? VARIABLES[n].zh : VARIABLES[n].en)),
  ];
  return (
    <div className="caption-form" data-testid="caption-form">
      {opened.edited && <Alert type="warning" showIcon message={t('tplx.form.edited')} className="caption-form-alert" />}
      <div className="caption-form-groups">
        <Segmented
          size="small"
          value={shown}
          onChange={(v) => setTab(v as string)}
          options={[OTHERS, ...own].map((id) => ({ value: id, label: id === OTHERS ? t('tplx.form.others') : groupName(id) }))}
          data-testid="caption-form-groups"
        />
        <Dropdown
          disabled={disabled || !addable.length}
          menu={{
            items: addable.map((g) => ({ key: g.id, label: g.name })),
            onClick: ({ key }) => {
              write({ ...form, groups: { ...form.groups, [key]: { ...form.blocks } } });
              setTab(key);
            },
          }}
        >
          <Button size="small" icon={<PlusOutlined />} data-testid="caption-form-add-group">
            {t('tplx.form.addGroup')}
          </Button>
        </Dropdown>
      </div>
      {shown !== OTHERS && (
        <Button size="small" type="link" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => (write({ ...form, groups: Object.fromEntries(Object.entries(form.groups).filter(([k]) => k !== shown)) }), setTab(OTHERS))}>
          {t('tplx.form.removeGroup')}
        </Button>
      )}
      <Typography.Paragraph type="secondary" className="designer-hint">
        {t('tplx.form.chipsHint')}
      </Typography.Paragraph>
      {CAPTION_BLOCKS.map((b) => (
        <BlockField
          key={`${shown}-${b}`}
          block={b}
          value={blocks[b]}
          chips={chips}
          disabled={disabled}
          active={active === b}
          onFocus={() => setActive(b)}
          error={error && error.block.endsWith(`.${b}`) ? error.message : undefined}
          onChange={(v) => setBlocks({ ...blocks, [b]: v })}
        />
      ))}
    </div>
  );
}

/** One block: its text and the chips that insert a variable where the cursor is. */
function BlockField(props: { block: CaptionBlock; value: string; chips: string[]; disabled?: boolean; active: boolean; onFocus(): void; error?: string; onChange(v: string): void }) {
  const { block, value, chips, disabled, active, onFocus, error, onChange } = props;
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const ref = useRef<TextAreaRef>(null);
  const cursor = useRef<number | undefined>(undefined);
  const set = (v: string) => {
    setText(v);
    onChange(v);
  };
  const insert = (chip: string) => {
    const at = cursor.current ?? text.length;
    const next = `${text.slice(0, at)}{${chip}}${text.slice(at)}`;
    cursor.current = at + chip.length + 2;
    set(next);
    requestAnimationFrame(() => {
      const el = ref.current?.resizableTextArea?.textArea;
      el?.focus();
      el?.setSelectionRange(cursor.current!, cursor.current!);
    });
  };
  return (
    <div className="caption-block" data-testid={`caption-block-${block}`}>
      <label className="caption-block-label">{t(`tplx.form.block.${block}` as MsgKey)}</label>
      <Input.TextArea
        ref={ref}
        value={text}
        disabled={disabled}
        autoSize={{ minRows: block === 'body' ? 3 : 1, maxRows: 8 }}
        status={error ? 'error' : undefined}
        onChange={(e) => set(e.target.value)}
        onSelect={(e) => (cursor.current = (e.target as HTMLTextAreaElement).selectionStart)}
        onFocus={onFocus}
        aria-label={t(`tplx.form.block.${block}` as MsgKey)}
        placeholder={t(`tplx.form.example.${block}` as MsgKey)}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {active && !disabled && (
        <div className="caption-chips" role="group" aria-label={t('tplx.form.chips')}>
          <span className="caption-chips-label">{t('tplx.form.chips')}</span>
          {chips.map((c) => (
            <Tag.CheckableTag key={c} checked={false} className="caption-chip" onChange={() => insert(c)}>
              {c}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
    </div>
  );
}
