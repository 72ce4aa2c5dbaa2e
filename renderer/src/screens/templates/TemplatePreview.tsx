import { Card, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { useT } from '../../i18n';
import { outlineOf } from '../../lib/storyboard';
import { CaptionTemplatePreview } from './CaptionTemplatePreview';
import { SceneStrip } from './SceneStrip';
import { useChangeCount, useLatestCall } from '../../lib/useLatestCall';
import { useSampleVariant } from './useSampleVariant';
import { StoryboardPictures } from '../posts/preview/Storyboard';
import { POSTER_SIZES } from '@contract/vocabulary';

type Template = MethodOutput<'templates.get'>;
type Size = (typeof POSTER_SIZES)[number];

/**
 * Live preview of a template version. Posters: rendered by the studio for a sample post with the
 * longest store name (drafts watermarked), from the source as it is being edited. Video: the storyboard's
 * scenes and timing, straight from the source being edited. Captions: the text the source writes
 * for a chosen post, group type and store.
 */
export function TemplatePreview(props: { template: Template; version: number; source: string; savedSource: string; size?: Size; onSize?(s: Size): void }) {
  const { template, version, source, savedSource } = props;
  const t = useT();
  return (
    <Card title={t('tpl.preview')} size="small" className="form-card template-preview">
      {template.kind === 'poster' ? (
        <PosterTemplatePreview template={template} version={version} source={source} dirty={source !== savedSource} size={props.size} onSize={props.onSize} />
      ) : template.kind === 'video' ? (
        <VideoTemplatePreview template={template} version={version} source={source} dirty={source !== savedSource} />
      ) : (
        <CaptionTemplatePreview template={template} source={source} />
      )}
    </Card>
  );
}

/** A video template: its storyboard drawn for a chosen variant (unsaved edits included), the outline while it draws or when it cannot. */
function VideoTemplatePreview({ template, version, source, dirty }: { template: Template; version: number; source: string; dirty: boolean }) {
  const t = useT();
  const { post, group, store, pickers } = useSampleVariant();
  const o = outlineOf(source);
  const readable = !!o;
  // One drawing in flight; the newest source is drawn next.
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const edits = useChangeCount(source);
  const call = useLatestCall(
    post && group && store && readable ? { key: JSON.stringify([post.id, group.id, store.id, template.id, version, dirty]), revision: edits } : undefined,
    () =>
      api('video.storyboard', { post: post!.id, group: group!.id, store: store!.id, width: 360, template: { id: template.id, version, ...(dirty ? { source: sourceRef.current } : {}) } }),
    dirty ? 400 : 0,
  );
  const shot = { frames: call.value?.frames, error: call.error, loading: call.loading };
  return (
    <div>
      {pickers}
      {!o ? (
        <Typography.Text type="danger">{t('tpl.previewBadJson')}</Typography.Text>
      ) : (
        <Spin spinning={shot.loading} size="small">
          <div className="storyboard template-storyboard" data-testid="storyboard">
            {shot.frames ? <StoryboardPictures frames={shot.frames} /> : <SceneStrip outline={o} className="template-video-strip" endLabel={t('preview.endCard')} />}
          </div>
          <Typography.Paragraph type="secondary" className="template-video-total">
            {t('tpl.videoTotal', { s: o.total })}
          </Typography.Paragraph>
        </Spin>
      )}
      {shot.error !== undefined && <Typography.Text type="danger">{t('tpl.previewError', { msg: errorText(shot.error, t) })}</Typography.Text>}
    </div>
  );
}

function PosterTemplatePreview(props: { template: Template; version: number; source: string; dirty: boolean; size?: Size; onSize?(s: Size): void }) {
  const { template, version, source, dirty } = props;
  const t = useT();
  const posts = useApi('posts.list', {});
  const stores = useApi('stores.list', {});
  const [postId, setPostId] = useState<string>();
  const [ownSize, setOwnSize] = useState<Size>('9x16');
  // The visual editor chooses the size it edits; the preview follows it.
  const size = props.size ?? ownSize;
  const setSize = props.onSize ?? setOwnSize;
  const post = posts.data?.find((p) => p.id === postId) ?? posts.data?.[0];
  const group = post?.groupTypes[0];
  // The worst case the layout must survive: the longest store name among stores of that group.
  const store = useMemo(
    () => [...(stores.data ?? [])].filter((s) => s.active && (!group || s.groupTypes.includes(group))).sort((a, b) => b.storeName.length - a.storeName.length)[0],
    [stores.data, group],
  );
  const state = template.versions.find((v) => v.version === version)?.state;
  // While the source is edited, the unsaved text is rendered (as a draft); a mistake in it keeps the last good image.
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const edits = useChangeCount(source);
  const call = useLatestCall(
    post && group && store ? { key: JSON.stringify([post.id, group, store.id, size, template.id, version, state, dirty]), revision: edits } : undefined,
    () =>
      api('render.poster', { post: post!.id, group: group!, store: store!.id, size, width: 540, template: { id: template.id, version, ...(dirty ? { source: sourceRef.current } : {}) }, draft: state !== 'approved' }),
    dirty ? 350 : 0,
  );
  const img = call.value;
  const shot = { url: img && `data:${img.mime};base64,${img.base64}`, error: call.error, loading: call.loading, notes: img?.notes ?? [] };
  return (
    <div>
      <Space wrap className="template-preview-controls">
        <Select
          size="small"
          aria-label={t('posts.title')}
          value={post?.id}
          onChange={setPostId}
          style={{ minWidth: 200 }}
          options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
        />
        <Segmented<Size> size="small" value={size} onChange={setSize} options={POSTER_SIZES.map((s) => ({ value: s, label: s.replace('x', ':') }))} />
      </Space>
      <Typography.Paragraph type="secondary" className="template-preview-hint">
        {t('tpl.previewHint')} {store ? `（${store.storeName}）` : ''}
        {dirty && ` ${t('tpl.previewUnsaved')}`}
      </Typography.Paragraph>
      <Spin spinning={shot.loading}>
        <div className="template-preview-image">
          {shot.url ? <img src={shot.url} alt={t('tpl.preview')} data-testid="template-preview-image" /> : <div className="chat-media-placeholder">{t('preview.posterLoading')}</div>}
        </div>
      </Spin>
      {shot.error !== undefined && <Typography.Text type="danger">{t('tpl.previewError', { msg: errorText(shot.error, t) })}</Typography.Text>}
      {shot.notes.length > 0 && (
        <ul className="export-notes-list template-preview-notes">
          {shot.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
