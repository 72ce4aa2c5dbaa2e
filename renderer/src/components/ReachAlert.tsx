import { Alert } from 'antd';
import { addressReach } from '@shared';
import { useT } from '../i18n';

/**
 * Says plainly when links (or the QR codes made from them) only open on this computer or on the
 * local network, and what to do about it. Renders nothing when every link is public.
 */
export function ReachAlert({ urls, className }: { urls: readonly string[]; className?: string }) {
  const t = useT();
  const reach = urls.map((u) => addressReach(u));
  const kind = reach.includes('loopback') ? 'loopback' : reach.includes('private') ? 'private' : undefined;
  if (!kind) return null;
  const url = urls[reach.indexOf(kind)]!;
  const published = /\/p\/[^/]+\/index\.html$/.test(url);
  return (
    <Alert
      type="warning"
      showIcon
      className={className ?? 'reach-alert'}
      data-testid="reach-alert"
      message={t(kind === 'loopback' ? 'reach.loopback' : 'reach.private', { host: new URL(url).host })}
      description={t(published ? 'reach.fixPublished' : 'reach.fixPortal')}
    />
  );
}
