import { ArrowLeftOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Badge, Button, Result, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useLeaveGuard, useNav } from '../../app/nav';
import { errorText, useApi } from '../../app/useApi';
import { useI18n, type MsgKey } from '../../i18n';
import { jumpTo } from './editor/offsets';
import { SectionEditor, type Section, type SectionEvents } from './editor/SectionEditor';
import { Toolbar } from './editor/Toolbar';
import { FindingsList } from './FindingsList';
import { PostSettings } from './PostSettings';
import { PostResults } from './PostResults';
import { PreviewPane } from './preview/PreviewPane';
import type { ChecksState, UiFinding } from './findings';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';
import { askLeave } from './askLeave';
import { POST_STATUSES } from '@contract/vocabulary';
import { StatusTag } from './Validity';
import { useWorkedParts } from './useWorkedParts';
import { SlotDrop } from '../../components/SlotDrop';

type Post = MethodOutput<'posts.get'>;
const SECTIONS: Section[] = ['head', 'waist', 'leg'];

/** Loads a post, then shows the editor. */
export function PostEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const { go } = useNav();
  const post = useApi('posts.get', { id });
  if (post.error)
    return <Result status="404" title={t('editor.notFound')} subTitle={errorText(post.error, t)} extra={<Button onClick={() => void go({ screen: 'posts' })}>{t('common.back')}</Button>} />;
  if (!post.data) return <Spin className="screen-spin" />;
  return <LoadedEditor initial={post.data} />;
}

function LoadedEditor({ initial }: { initial: Post }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const { go } = useNav();
  const draft = useRef<Post>(initial);
  const [revision, setRevision] = useState(0);
  const [meta, setMeta] = useState(initial);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const editors = useRef<Partial<Record<Section, LexicalEditor>>>({});
  const [active, setActive] = useState<Section>('head');
  const [history, setHistory] = useState<Record<Section, { canUndo: boolean; canRedo: boolean }>>({
    head: { canUndo: false, canRedo: false },
    waist: { canUndo: false, canRedo: false },
    leg: { canUndo: false, canRedo: false },
  });
  const autosave = useAutosave((p: Post) => api('posts.save', { post: p }), () => draft.current);
  const [checks, setChecks] = useState<ChecksState>({ available: false, findings: [] });
  const worked = useWorkedParts(initial);

  const changed = useCallback(() => {
    setRevision((r) => r + 1);
    autosave.touch();
  }, [autosave]);

  const events = useMemo<SectionEvents>(
    () => ({
      onChange: (section, doc) => {
        draft.current = { ...draft.current, [section]: doc };
        worked.edited(section);
        changed();
      },
      onEditor: (section, editor) => {
        if (editor) editors.current[section] = editor;
        else delete editors.current[section];
      },
      onFocus: (section) => {
        worked.focused(section);
        setActive(section);
      },
      onHistory: (section, h) => setHistory((prev) => ({ ...prev, [section]: { ...prev[section], ...h } })),
    }),
    [changed, worked],
  );

  const updateMeta = (next: Post) => {
    draft.current = { ...next, head: draft.current.head, waist: draft.current.waist, leg: draft.current.leg };
    setMeta(draft.current);
    changed();
  };

  // Ctrl+S / Cmd+S saves at once, wherever the focus is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void autosave.flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [autosave]);

  useLeaveGuard(autosave.dirty, () => askLeave(modal, t, autosave.flush));

  const jump = (f: UiFinding) => {
    const section = f.section ?? 'head';
    const editor = editors.current[section];
    if (editor) jumpTo(editor, f.position);
  };
  // A part that started empty is checked once the user has worked on it (issue 17): no red before typing.
  const shown: ChecksState = { ...checks, findings: checks.findings.filter((f) => worked.shows(f.section)) };
  const spansFor = (s: Section) =>
    shown.findings.filter((f) => f.section === s && f.position).map((f) => ({ ...f.position!, message: lang === 'zh' ? f.message.zh : f.message.en }));
  const errors = shown.findings.filter((f) => f.severity === 'error').length;

  // Pictures dragged onto the editor go to the post's image slot (the product image posters show).
  const slots = [{ key: 'product', label: t('posts.form.image'), onImage: (image: string) => updateMeta({ ...draft.current, product: { ...draft.current.product, image } }) }];
  return (
    <SlotDrop slots={slots}>
    <div className="post-editor">
      <div className="editor-col">
        <div className="page-header">
          <div className="page-header-main">
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => void go({ screen: 'posts' })} />
            <div className="editor-title-block">
              <Typography.Title level={1} className="page-title" ellipsis>
                {meta.title}
              </Typography.Title>
              <Space size={8} wrap>
                <StatusTag post={meta} now={Date.now()} color={meta.status === 'ready' ? 'green' : 'default'} label={t(`posts.status.${meta.status}` as MsgKey)} />
                <SaveStatus state={autosave.state} />
              </Space>
            </div>
          </div>
          <div className="page-header-extra">
            <Badge count={shown.findings.length} color={errors ? '#c0392b' : '#b06d00'} size="small">
              <Button href="#findings" onClick={(e) => (e.preventDefault(), document.getElementById('findings')?.scrollIntoView({ behavior: 'smooth' }))}>
                {t('findings.title')}
              </Button>
            </Badge>
            <Select
              aria-label={t('posts.form.status')}
              value={meta.status}
              style={{ width: 110 }}
              onChange={(status) => updateMeta({ ...draft.current, status })}
              options={POST_STATUSES.map((s) => ({ value: s, label: t(`posts.status.${s}` as MsgKey) }))}
            />
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="post-settings">
              {t('editor.details')}
            </Button>
            <Tooltip title={t('editor.shortcuts')}>
              <Button type="primary" icon={<SaveOutlined />} onClick={() => (worked.all(), void autosave.flush())} data-testid="save-post">
                {t('common.save')}
              </Button>
            </Tooltip>
          </div>
        </div>
        <Toolbar editor={editors.current[active] ?? null} canUndo={history[active].canUndo} canRedo={history[active].canRedo} sectionLabel={t(`editor.${active}` as MsgKey)} />
        <div className="sections">
          {SECTIONS.map((s) => (
            <SectionEditor key={s} section={s} initial={initial[s]} spans={spansFor(s)} events={events} />
          ))}
        </div>
        <FindingsList checks={shown} onJump={jump} waiting={checks.findings.length - shown.findings.length} />
        <PostResults post={initial.id} />
      </div>
      <PreviewPane draft={draft} revision={revision} post={meta} onChecks={setChecks} />
      <PostSettings open={settingsOpen} post={meta} onClose={() => setSettingsOpen(false)} onChange={updateMeta} />
    </div>
    </SlotDrop>
  );
}
