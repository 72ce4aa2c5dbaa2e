import { Alert, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src/api/contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT, type MsgKey } from '../../i18n';
import { CaptionText } from '../posts/preview/GroupChat';
import { useSampleVariant } from './useSampleVariant';

type Template = MethodOutput<'templates.get'>;
type Result = MethodOutput<'compose.templatePreview'>;

/**
 * Live preview of a caption template: the text it writes for a chosen post, group type and store,
 * from the source as it is being edited (a mistake shows its line; the last good text stays).
 */
export function CaptionTemplatePreview({ template, source }: { template: Template; source: string }) {
  const t = useT();
  const { post, group, store, pickers } = useSampleVariant();
  const [out, setOut] = useState<{ result?: Result; error?: unknown; loading: boolean }>({ loading: false });

  useEffect(() => {
    if (!post || !group || !store) return;
    let live = true;
    setOut((o) => ({ ...o, loading: true }));
    const timer = setTimeout(() => {
      api('compose.templatePreview', { template: { id: template.id, source }, post: post.id, group: group.id, store: store.id })
        .then((result) => live && setOut((o) => ({ result: result.error && o.result ? { ...o.result, error: result.error } : result, loading: false })))
        .catch((error) => live && setOut((o) => ({ ...o, error, loading: false })));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [template.id, source, post, group, store]);

  const r = out.result;
  const length = r ? [...r.text].length : 0;
  return (
    <div className="caption-template-preview">
      <Typography.Paragraph type="secondary">{t('tpl.previewCaption')}</Typography.Paragraph>
      {pickers}
      {out.error !== undefined && <Alert type="error" showIcon message={t('tpl.previewError', { msg: errorText(out.error, t) })} />}
      {r?.error && <Alert type="error" showIcon className="caption-template-error" message={t('tpl.captionError', { msg: r.error.message })} data-testid="caption-template-error" />}
      <Spin spinning={out.loading} size="small">
        {r && (
          <div className="caption-template-result">
            <Space size={6} className="caption-template-meta">
              <Tag>{t('tpl.captionFor', { channel: t(`preview.channel.${r.kind}` as MsgKey) })}</Tag>
              <Typography.Text type={r.tooLong ? 'danger' : 'secondary'}>{t('tpl.captionLength', { n: length, max: r.maxLength })}</Typography.Text>
            </Space>
            {r.tooLong && <Alert type="warning" showIcon message={t('tpl.captionTooLong')} />}
            <div className="chat-bubble caption-template-text" data-testid="caption-template-text">
              {r.text ? <CaptionText text={r.text} /> : <Typography.Text type="secondary">{t('tpl.captionEmpty')}</Typography.Text>}
            </div>
          </div>
        )}
      </Spin>
    </div>
  );
}
