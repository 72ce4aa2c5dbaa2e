import { Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { MethodOutput } from '@contract';
import { useApi } from '../../../app/useApi';
import { AssetAvatar } from '../../../components/AssetImage';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { useSayNote } from '../../../i18n/engine';
import { charCount, videoSizeFor } from '@shared';
import { toUiFindings, type ChecksState } from '../findings';
import { GroupChat } from './GroupChat';
import { Moments } from './Moments';
import { PosterPreview } from './PosterPreview';
import { Storyboard } from './Storyboard';
import { usePosterPreview } from './usePosterPreview';
import { useVariantPreview } from './useVariantPreview';
import { VideoTab } from './VideoTab';
import type { POSTER_SIZES } from '@contract/vocabulary';

type Post = MethodOutput<'posts.get'>;
type PosterSize = (typeof POSTER_SIZES)[number];

/**
 * The live preview beside the editor: pick a group type and a store, see the post as it lands
 * in a WeChat group (owner's avatar and name, the caption, the poster, the video), or on Moments
 * and Channels. Feeds the variant's check findings back to the editor.
 */
export function PreviewPane({ draft, revision, post, onChecks }: { draft: RefObject<Post>; revision: number; post: Post; onChecks(c: ChecksState): void }) {
  const t = useT();
  const sayNote = useSayNote();
  const groups = useApi('groups.list', {});
  const stores = useApi('stores.list', {});
  const channels = useApi('channels.list', {});
  const groupChoices = useMemo(() => (groups.data ?? []).filter((g) => !post.groupTypes.length || post.groupTypes.includes(g.id)), [groups.data, post.groupTypes]);
  const [groupId, setGroupId] = useState<string>();
  const [storeId, setStoreId] = useState<string>();
  const group = groupChoices.find((g) => g.id === groupId) ?? groupChoices[0];
  const storeChoices = useMemo(() => {
    const all = (stores.data ?? []).filter((s) => s.active);
    const running = all.filter((s) => group && s.groupTypes.includes(group.id));
    return running.length ? running : all;
  }, [stores.data, group]);
  const store = storeChoices.find((s) => s.id === storeId) ?? storeChoices[0];
  useEffect(() => {
    if (group && group.id !== groupId) setGroupId(group.id);
  }, [group, groupId]);

  const preview = useVariantPreview(draft, revision, group?.id, store?.id);
  const channelName = (id: string) => channels.data?.find((c) => c.id === id)?.name ?? id;
  useEffect(() => {
    onChecks(preview.composed ? { available: true, findings: toUiFindings(preview.composed, channelName) } : { available: false, findings: [] });
    // channelName only changes when channels load; the findings follow the composed variant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.composed, onChecks, channels.data]);

  const composed = preview.composed?.group === group?.id && preview.composed?.store === store?.id ? preview.composed : undefined;
  const groupChannels = (channels.data ?? []).filter((c) => group?.rules.channels.includes(c.id));
  const channelOf = (kind: 'moments' | 'video') => groupChannels.find((c) => c.kind === kind);
  const captionLength = composed ? charCount(composed.caption) : 0;
  const max = group?.rules.captionMaxLength ?? 0;
  const templates = useApi('templates.list', {});
  const posterPin = post.templates.poster;
  const pinState = templates.data?.find((x) => x.id === posterPin?.template)?.states.find((v) => v.version === posterPin?.version)?.state;
  // Only the sizes this group type exports (社区群: 1:1 and 3:4), the first until the user picks another.
  const sizes: readonly PosterSize[] = group?.rules.sizes.length ? group.rules.sizes : ['9x16'];
  const [pickedSize, setPickedSize] = useState<PosterSize>();
  const posterSize = pickedSize && sizes.includes(pickedSize) ? pickedSize : sizes[0]!;
  const posterState = usePosterPreview(draft, revision, group?.id, store?.id, !!pinState && pinState !== 'approved', posterSize);
  const wants = (f: 'poster' | 'video') => !!group?.rules.formats.includes(f);
  const poster =
    store && group && wants('poster') ? (
      <PosterPreview poster={posterState} storeName={store.storeName} sizes={sizes} size={posterSize} onSize={setPickedSize} groupName={group.name} draft={draft} />
    ) : null;
  const storyboard = wants('video') ? <Storyboard draft={draft} revision={revision} group={group?.id} store={store} size={videoSizeFor(sizes)} /> : null;

  return (
    <aside className="preview-col" aria-labelledby="preview-title">
      <h2 className="preview-title" id="preview-title">
        {t('preview.title')}
      </h2>
      {stores.data?.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('preview.noStores')}</Typography.Paragraph>
      ) : (
        <div className="preview-pickers">
          <label htmlFor="preview-group">{t('preview.group')}</label>
          <Select id="preview-group" size="small" value={group?.id} onChange={setGroupId} options={groupChoices.map((g) => ({ value: g.id, label: g.name }))} data-testid="preview-group" />
          <label htmlFor="preview-store">{t('preview.store')}</label>
          <Select
            id="preview-store"
            size="small"
            showSearch={{ optionFilterProp: 'search' }}
            value={store?.id}
            onChange={setStoreId}
            options={storeChoices.map((s) => ({
              value: s.id,
              search: `${s.storeName} ${s.ownerName} ${s.nickname}`,
              label: (
                <Space size={6}>
                  <AssetAvatar id={s.avatar} name={s.ownerName} size={18} />
                  <span>{s.storeName}</span>
                </Space>
              ),
            }))}
            data-testid="preview-store"
          />
        </div>
      )}
      {preview.error !== undefined && <ErrorNotice error={preview.error} />}
      <Tabs
        size="small"
        items={[
          {
            key: 'group',
            label: t('preview.channel.group'),
            children: <GroupChat group={group} store={store} composed={composed} revision={preview.revision} poster={poster} video={storyboard} />,
          },
          {
            key: 'moments',
            label: t('preview.channel.moments'),
            children: <Moments store={store} channel={channelOf('moments')} composed={composed} poster={poster} />,
          },
          {
            key: 'video',
            label: t('preview.channel.video'),
            children: <VideoTab store={store} channel={channelOf('video')} composed={composed} storyboard={storyboard} draft={draft} revision={revision} group={group?.id} />,
          },
        ]}
      />
      {composed && (
        <div className="preview-meta">
          <Typography.Text type={captionLength > max ? 'danger' : 'secondary'} data-testid="caption-length">
            {t('preview.length', { n: captionLength, max })}
            {captionLength > max && ` · ${t('preview.tooLong', { n: captionLength - max })}`}
          </Typography.Text>
          <div className="preview-link">
            <Typography.Text type="secondary">{t('preview.link')}: </Typography.Text>
            <Typography.Text copyable={{ text: composed.link }} className="preview-link-text">
              {composed.link}
            </Typography.Text>
          </div>
          {posterState.notes.length > 0 && (
            <details className="poster-notes">
              <summary>{t('preview.posterNotes', { n: posterState.notes.length })}</summary>
              <ul className="export-notes-list">
                {posterState.notes.map((n, i) => (
                  <li key={i}>{sayNote(n)}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </aside>
  );
}
