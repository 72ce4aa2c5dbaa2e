import { Alert, Space, Spin, Tag, Typography } from 'antd';
import { useRef } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT, type MsgKey } from '../../i18n';
import { CaptionText } from '../posts/preview/GroupChat';
import { useSampleVariant } from './useSampleVariant';
import { useChangeCount, useLatestCall } from '../../lib/useLatestCall';

type Template = MethodOutput<'templates.get'>;
type Result = MethodOutput<'compose.templatePreview'>;

/**
 * Live preview of a caption template: the text it writes for a chosen post, group type and store,
 * from the source as it is being edited (a mistake shows its line; the last good text stays).
 */
export function CaptionTemplatePreview({ template, source }: { template: Template; source: string }) {
  const t = useT();
  const { post, group, store, pickers } = useSampleVariant();
  // One render in flight; the newest source is rendered next. A template mistake keeps the last good text beside its message.
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const edits = useChangeCount(source);
  const call = useLatestCall(
    post && group && store ? { key: JSON.stringify([template.id, post.id, group.id, store.id]), revision: edits } : undefined,
    () => api('compose.templatePreview', { template: { id: template.id, source: sourceRef.current }, post: post!.id, group: group!.id, store: store!.id }),
    150,
  );
  const lastGood = useRef<{ key?: string; result: Result } | undefined>(undefined);
  if (call.value && !call.value.error) lastGood.current = { key: call.valueKey, result: call.value };
  const good = lastGood.current?.key === call.valueKey ? lastGood.current?.result : undefined;
  const out = { result: call.value?.error && good ? { ...good, error: call.value.error } : call.value, error: call.error, loading: call.loading };

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
