import { Alert, Tag } from 'antd';
import { fullDate, validityAt } from '@shared';
import { useT } from '../../i18n';

type Dated = { validFrom: string; validUntil: string };

/** "2026-06-15 – 2026-10-31", with a 已过期 / 未开始 tag when the post is not publishable now. */
export function ValidityCell({ post, now }: { post: Dated; now: number }) {
  const t = useT();
  const v = validityAt(post, now);
  return (
    <span className={`validity validity-${v}`} data-validity={v}>
      {fullDate(post.validFrom)} – {fullDate(post.validUntil)}{' '}
      {v !== 'valid' && <Tag color={v === 'expired' ? 'red' : 'gold'}>{t(`posts.validity.${v}`)}</Tag>}
    </span>
  );
}

/** In the post settings: a warning when the post is expired or not started yet, with its full dates. */
export function ValidityNotice({ post, now }: { post: Dated; now: number }) {
  const t = useT();
  const v = validityAt(post, now);
  if (v === 'valid') return null;
  const dates = { from: fullDate(post.validFrom), until: fullDate(post.validUntil) };
  return <Alert type={v === 'expired' ? 'error' : 'warning'} showIcon className="validity-notice" data-testid="post-validity" message={t(v === 'expired' ? 'posts.validity.expiredHint' : 'posts.validity.notStartedHint', dates)} />;
}
