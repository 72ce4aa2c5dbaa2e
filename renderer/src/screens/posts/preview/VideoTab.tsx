import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { AssetAvatar } from '../../../components/AssetImage';
import { useT } from '../../../i18n';

type Composed = MethodOutput<'compose.preview'>;
type Store = MethodOutput<'stores.list'>[number];
type Channel = MethodOutput<'channels.list'>[number];

/** The post on the short-video channel: the title and hashtags composed for it, and the storyboard. */
export function VideoTab({ store, channel, composed, storyboard }: { store?: Store; channel?: Channel; composed?: Composed; storyboard: ReactNode }) {
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
            {storyboard}
            <div className="moments-row video-owner">
              <AssetAvatar id={store?.avatar} name={name} size={32} />
              <Typography.Text className="video-name">@{name}</Typography.Text>
            </div>
            <p className="video-title" data-testid="video-text">
              {text ?? t('preview.emptyCaption')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
