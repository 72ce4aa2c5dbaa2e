import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { AssetAvatar } from '../../../components/AssetImage';
import { useT } from '../../../i18n';

type Composed = MethodOutput<'compose.preview'>;
type Store = MethodOutput<'stores.list'>[number];
type Group = MethodOutput<'groups.list'>[number];

/** Caption text with links drawn as links (not clickable: this is a preview). */
export function CaptionText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} onClick={(e) => e.preventDefault()} tabIndex={-1}>
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

/** A phone showing the post in a WeChat-style group: the owner's bubble with the caption, then the poster and video. */
export function GroupChat({ group, store, composed, revision, poster, video }: { group?: Group; store?: Store; composed?: Composed; revision: number; poster: ReactNode; video?: ReactNode }) {
  const t = useT();
  const name = store ? store.nickname || store.ownerName : '';
  return (
    <section className="phone" aria-label={`${t('preview.channel.group')} · ${store?.storeName ?? ''}`}>
      <div className="phone-bar">{store && group ? t('preview.chatTitle', { store: store.storeName, group: group.name }) : t('preview.channel.group')}</div>
      <div className="phone-body">
        <p className="chat-time">{t('preview.justNow')}</p>
        {!composed ? (
          <p className="chat-empty">{t('preview.emptyCaption')}</p>
        ) : (
          <>
            <div className="chat-row">
              <AssetAvatar id={store?.avatar} name={name} size={36} />
              <div className="chat-main">
                <p className="chat-name">{name}</p>
                <div className="chat-bubble" data-testid="caption-bubble" data-revision={revision} data-store={composed.store} data-group={composed.group}>
                  {composed.caption.trim() ? <CaptionText text={composed.caption} /> : <Typography.Text type="secondary">{t('preview.emptyCaption')}</Typography.Text>}
                </div>
              </div>
            </div>
            {poster && (
              <div className="chat-row">
                <AssetAvatar id={store?.avatar} name={name} size={36} />
                <div className="chat-main">
                  <p className="chat-name">{name}</p>
                  {poster}
                </div>
              </div>
            )}
            {video && (
              <div className="chat-row">
                <AssetAvatar id={store?.avatar} name={name} size={36} />
                <div className="chat-main">
                  <p className="chat-name">{name}</p>
                  {video}
                </div>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
