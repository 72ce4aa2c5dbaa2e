import { Spin, Typography } from 'antd';
import { errorText } from '../../../app/useApi';
import { useT } from '../../../i18n';
import type { PosterState } from './usePosterPreview';

/** The poster as a chat image: the newest render, a spinner over it while the next one renders. */
export function PosterPreview({ poster, storeName }: { poster: PosterState; storeName: string }) {
  const t = useT();
  if (!poster.available) return <Typography.Text type="secondary" className="chat-note">{t('preview.posterNotYet')}</Typography.Text>;
  if (poster.error !== undefined && !poster.url) return <Typography.Text type="danger" className="chat-note">{t('preview.posterUnavailable', { msg: errorText(poster.error, t) })}</Typography.Text>;
  return (
    <Spin spinning={poster.loading} size="small">
      <div className="chat-media">
        {poster.url ? (
          <img src={poster.url} alt={t('preview.posterAlt', { store: storeName })} data-testid="poster-preview" data-revision={poster.revision} data-ms={poster.ms} data-store={poster.store} data-group={poster.group} />
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
  );
}
