import { ArrowLeftOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useLeaveGuard, useNav } from '../../app/nav';
import { useSession } from '../../app/session';
import { errorText, useApi } from '../../app/useApi';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { askLeave } from '../posts/askLeave';
import { StateTag } from './StateTag';
import { TemplatePreview } from './TemplatePreview';
import { VersionHistory } from './VersionHistory';
import { PosterDesigner } from './PosterDesigner';
import { CaptionFormEditor } from './CaptionFormEditor';
import type { Size } from './designEdits';
import { EDITABLE_REVIEW_STATES } from '@contract/vocabulary';

type Template = MethodOutput<'templates.get'>;

const EDITABLE: ReadonlySet<string> = new Set(EDITABLE_REVIEW_STATES);

/** One template: the visual editor (posters) or the form (captions) and its source as the advanced tab, live preview, submit for review, version history. */
export function TemplateDetail({ id }: { id: string }) {
  const t = useT();
  const { go } = useNav();
  const tpl = useApi('templates.get', { id });
  if (tpl.error)
    return <Result status="404" title={errorText(tpl.error, t)} extra={<Button onClick={() => void go({ screen: 'templates' })}>{t('common.back')}</Button>} />;
  if (!tpl.data) return <Spin className="screen-spin" />;
  return <LoadedTemplate template={tpl.data} reload={tpl.reload} />;
}

function LoadedTemplate({ template, reload }: { template: Template; reload(): Promise<void> }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const { go } = useNav();
  const { actingAs, refreshReviewCount } = useSession();
  const latest = Math.max(...template.versions.map((v) => v.version));
  const [selected, setSelected] = useState(latest);
  const version = template.versions.find((v) => v.version === selected) ?? template.versions.at(-1)!;
  const [source, setSource] = useState(version.source);
  const [busy, setBusy] = useState<string>();
  const [tab, setTab] = useState(template.kind === 'poster' ? 'visual' : template.kind === 'caption' ? 'form' : 'source');
  const [size, setSize] = useState<Size>('9x16');
  useEffect(() => setSource(version.source), [version.source, selected]);
  const editable = EDITABLE.has(version.state);
  const dirty = source !== version.source;
  const as = actingAs?.id;

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(undefined);
    }
  };
  const saveDraft = () =>
    run('save', async () => {
      const out = await api('templates.editVersion', { template: template.id, version: version.version, source, as });
      message.success(t('tpl.saved', { n: out.version }));
      await reload();
    });
  const newVersion = () =>
    run('new', async () => {
      const out = await api('templates.addVersion', { template: template.id, source, as });
      message.success(t('tpl.created', { n: out.version }));
      await reload();
      setSelected(out.version);
    });
  const submit = () =>
    run('submit', async () => {
      if (dirty) await api('templates.editVersion', { template: template.id, version: version.version, source, as });
      const out = await api('review.submit', { template: template.id, version: version.version, as });
      message.success(t('tpl.submitted', { n: out.version }));
      if (out.proofError) message.warning(t('tpl.proofError', { msg: out.proofError }));
      refreshReviewCount();
      await reload();
    });
  useLeaveGuard(dirty && editable, () =>
    askLeave(modal, t, async () => {
      try {
        await api('templates.editVersion', { template: template.id, version: version.version, source, as });
        return true;
      } catch (err) {
        message.error(errorText(err, t));
        return false;
      }
    }),
  );

  return (
    <div className="page">
      <PageHeader
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => void go({ screen: 'templates' })} />}
        title={template.name}
        subtitle={
          <Space size={6}>
            <span>{t(`templates.kind.${template.kind}` as MsgKey)}</span>
            <StateTag state={version.state} version={version.version} />
            {dirty && <Tag color="orange">{t('tpl.unsavedSource')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {editable ? (
              <>
                <Button icon={<SaveOutlined />} disabled={!dirty} loading={busy === 'save'} onClick={saveDraft} data-testid="template-save">
                  {t('tpl.saveDraft')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={submit} data-testid="template-submit">
                  {t('tpl.submit')}
                </Button>
              </>
            ) : (
              <Button type="primary" icon={<PlusOutlined />} loading={busy === 'new'} onClick={newVersion} data-testid="template-new-version">
                {dirty ? t('tplx.saveAsDraft') : t('tpl.newVersion')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card className="form-card template-editor-card" size="small">
            {!editable && <Alert type="info" showIcon className="tpl-readonly" message={t('tplx.editsMakeDraft', { n: version.version, state: t(`state.${version.state}` as MsgKey) })} />}
            <Tabs
              size="small"
              destroyOnHidden
              activeKey={tab}
              onChange={setTab}
              items={[
                ...(template.kind === 'poster'
                  ? [{ key: 'visual', label: t('tplx.tab.visual'), children: <PosterDesigner source={source} onChange={setSource} size={size} onSize={setSize} /> }]
                  : template.kind === 'caption'
                    ? [{ key: 'form', label: t('tplx.tab.form'), children: <CaptionFormEditor key={`${selected}`} source={source} onChange={setSource} /> }]
                    : []),
                {
                  key: 'source',
                  label: template.kind === 'video' ? t('tpl.source') : t('tplx.tab.source'),
                  children: (
                    <>
                      <Typography.Paragraph type="secondary">{t(`tpl.sourceHint.${template.kind}` as MsgKey)}</Typography.Paragraph>
                      <Input.TextArea
                        className="source-editor"
                        aria-label={t('tpl.source')}
                        value={source}
                        onChange={(e) => setSource(e.target.value)}
                        autoSize={{ minRows: 16, maxRows: 36 }}
                        spellCheck={false}
                        data-testid="template-source"
                      />
                    </>
                  ),
                },
              ]}
            />
          </Card>
          <VersionHistory template={template} selected={version.version} onSelect={setSelected} />
        </Col>
        <Col xs={24} xl={11}>
          <TemplatePreview template={template} version={version.version} source={source} savedSource={version.source} size={size} onSize={setSize} />
        </Col>
      </Row>
    </div>
  );
}
