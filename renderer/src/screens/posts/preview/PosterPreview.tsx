import { ExpandOutlined } from '@ant-design/icons';
import { Image, Segmented, Spin, Typography } from 'antd';
import { useState, type RefObject } from 'react';
import type { MethodOutput } from '@contract';
import type { POSTER_SIZES } from '@contract/vocabulary';
import { api } from '../../../client';
import { errorText } from '../../../app/useApi';
import { useT } from '../../../i18n';
import type { PosterState } from './usePosterPreview';

type PosterSize = (typeof POSTER_SIZES)[number];
type Post = MethodOutput<'posts.get'>;

/**
 * The poster as a chat image, in the sizes the group type exports (社区群: 1:1 and 3:4 — never a
 * size it does not get): the newest render with a spinner over it while the next one renders; a
 * click opens it large, rendered at full width for that view.
 */
export function PosterPreview(props: { poster: PosterState; storeName: string; sizes: readonly PosterSize[]; size: PosterSize; onSize(s: PosterSize): void; groupName: string; draft: RefObject<Post> }) {
  const { poster, storeName, sizes, size, onSize, groupName, draft } = props;
  const t = useT();
  const [large, setLarge] = useState<string>();
  if (!poster.available) return <Typography.Text type="secondary" className="chat-note">{t('preview.posterNotYet')}</Typography.Text>;
  if (poster.error !== undefined && !poster.url) return <Typography.Text type="danger" className="chat-note">{t('preview.posterUnavailable', { msg: errorText(poster.error, t) })}</Typography.Text>;
  const openLarge = (open: boolean) => {
    if (!open || !poster.group || !poster.store) return;
    setLarge(undefined);
    void api('render.poster', { post: draft.current, group: poster.group, store: poster.store, size: poster.size ?? size, width: 1080, draft: poster.watermark })
      .then((img) => setLarge(`data:${img.mime};base64,${img.base64}`))
      .catch(() => undefined);
  };
  return (
    <div className="poster-preview">
      <div className="poster-sizes">
        <Typography.Text type="secondary" className="poster-sizes-note" data-testid="poster-sizes-note">
          {t('preview.sizesFor', { group: groupName, sizes: sizes.map((s) => s.replace('x', ':')).join('、') })}
        </Typography.Text>
        {sizes.length > 1 && (
          <Segmented<PosterSize> size="small" value={size} onChange={onSize} options={sizes.map((s) => ({ value: s, label: s.replace('x', ':') }))} data-testid="poster-sizes" />
        )}
      </div>
      <Spin spinning={poster.loading} size="small">
        <div className="chat-media">
          {poster.url ? (
            <Image
              src={poster.url}
              alt={t('preview.posterAlt', { store: storeName })}
              data-testid="poster-preview"
              data-revision={poster.revision}
              data-ms={poster.ms}
              data-store={poster.store}
              data-group={poster.group}
              data-size={poster.size}
              preview={{ src: large ?? poster.url, onOpenChange: openLarge, cover: <ExpandOutlined aria-label={t('preview.posterLarge')} /> }}
            />
          ) : (
            <div className="chat-media-placeholder">{t('preview.posterLoading')}</div>
          )}
        </div>
        {poster.error !== undefined && poster.url && (
          <Typography.Text type="danger" className="chat-note poster-error">
            {t('preview.posterUnavailable', { msg: errorText(poster.error, t) })}
          </Typography.Text>
        )}
      </Spin>
    </div>
  );
}
