import { App, Button, Popconfirm, QRCode, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { ReachAlert } from '../../components/ReachAlert';

type Store = MethodOutput<'stores.get'>;
type Link = MethodOutput<'portal.links'>[number];

/** The store's own portal address as a QR code to scan with a phone, with "issue a new link". */
export function PortalQr({ store }: { store: Store }) {
  const t = useT();
  const { message } = App.useApp();
  const [link, setLink] = useState<Link | null>();
  useEffect(() => {
    api('portal.links', {})
      .then((all) => setLink(all.find((l) => l.store === store.id) ?? null))
      .catch(() => setLink(null));
  }, [store.id]);
  const rotate = async () => {
    try {
      const next = await api('portal.rotate', { store: store.id });
      setLink(next);
      if (next.url.endsWith('/index.html')) message.info(t('publish.rotated'));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  return (
    <section className="portal-qr" aria-labelledby="portal-qr-title">
      <Typography.Title level={3} id="portal-qr-title" className="subsection-title">
        {t('stores.portal')}
      </Typography.Title>
      {link === undefined ? (
        <Skeleton.Node active style={{ width: 160, height: 160 }} />
      ) : link === null ? (
        <Typography.Text type="secondary">{t('stores.portalUnavailable')}</Typography.Text>
      ) : (
        <div className="portal-qr-body">
          <QRCode value={link.url} size={160} bordered={false} aria-label={`${t('stores.portal')}: ${link.url}`} />
          <div>
            <Typography.Paragraph type="secondary">{link.url.endsWith('/index.html') ? t('links.published') : t('stores.portalHint')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: link.url }} className="portal-url" data-testid="store-portal-url">
              {link.url}
            </Typography.Paragraph>
            <ReachAlert urls={[link.url]} />
            <Popconfirm title={t('stores.rotateConfirm')} onConfirm={rotate} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button size="small">{t('stores.rotate')}</Button>
            </Popconfirm>
          </div>
        </div>
      )}
    </section>
  );
}
