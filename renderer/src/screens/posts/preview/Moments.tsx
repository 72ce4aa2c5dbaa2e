import type { ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { AssetAvatar } from '../../../components/AssetImage';
import { useT } from '../../../i18n';
import { CaptionText } from './GroupChat';

type Composed = MethodOutput<'compose.preview'>;
type Store = MethodOutput<'stores.list'>[number];
type Channel = MethodOutput<'channels.list'>[number];

/** The post as the owner's WeChat Moments entry: the Moments text (composed for Moments) and the poster. */
export function Moments({ store, channel, composed, poster }: { store?: Store; channel?: Channel; composed?: Composed; poster: ReactNode }) {
  const t = useT();
  const name = store ? store.nickname || store.ownerName : '';
  const text = channel ? composed?.channels[channel.id] : undefined;
  return (
    <section className="phone" aria-label={t('preview.channel.moments')}>
      <div className="phone-bar">{t('preview.channel.moments')}</div>
      <div className="moments">
        {!channel ? (
          <p className="chat-empty">{t('preview.noChannel', { channel: t('preview.channel.moments') })}</p>
        ) : (
          <div className="moments-row">
            <AssetAvatar id={store?.avatar} name={name} size={40} />
            <div>
              <div className="moments-name">{name}</div>
              <div className="moments-text" data-testid="moments-text">
                {text ? <CaptionText text={text} /> : t('preview.emptyCaption')}
              </div>
              <div className="moments-poster">{poster}</div>
              <div className="moments-time">{t('preview.justNow')}</div>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
