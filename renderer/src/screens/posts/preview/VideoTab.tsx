import { Typography } from 'antd';
import type { ReactNode, RefObject } from 'react';
import { charCount } from '@shared';
import { VideoPreviewPlayer } from './VideoPreviewPlayer';
import type { MethodOutput } from '@contract';
import { AssetAvatar } from '../../../components/AssetImage';
import { useT } from '../../../i18n';

type Composed = MethodOutput<'compose.preview'>;
type Store = MethodOutput<'stores.list'>[number];
type Channel = MethodOutput<'channels.list'>[number];
type Post = MethodOutput<'posts.get'>;

/** The post on the short-video channel: a playable low-resolution preview, the storyboard, and the whole text composed for it. */
export function VideoTab(props: { store?: Store; channel?: Channel; composed?: Composed; storyboard: ReactNode; draft: RefObject<Post>; revision: number; group?: string }) {
  const { store, channel, composed, storyboard, draft, revision, group } = props;
  const t = useT();
  const name = store ? store.nickname || store.ownerName : '';
  const text = channel ? composed?.channels[channel.id] : undefined;
  return (
    <section className="phone" aria-label={t('preview.channel.video')}>
      <div className="phone-bar">{channel?.name ?? t('preview.channel.video')}</div>
      <div className={channel ? 'video-card' : 'moments'}>
        {!channel ? (
          <p className="chat-empty">{t('preview.noChannel', { channel: t('preview.channel.video') })}</p>
        ) : (
          <>
            <VideoPreviewPlayer draft={draft} revision={revision} group={group} store={store?.id} />
            {storyboard}
            <div className="moments-row video-owner">
              <AssetAvatar id={store?.avatar} name={name} size={32} />
              <Typography.Text className="video-name">@{name}</Typography.Text>
            </div>
            <h3 className="video-text-label">
              {t('preview.videoText')}
              {text ? ` · ${charCount(text)}${channel.text.maxLength ? ` / ${channel.text.maxLength}` : ''}` : ''}
            </h3>
            <p className="video-title" data-testid="video-text">
              {text ?? t('preview.emptyCaption')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
