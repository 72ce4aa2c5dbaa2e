import { Alert, Tag } from 'antd';
import { fullDate, validityAt } from '@shared';
import { useT } from '../../i18n';

type Dated = { validFrom: string; validUntil: string };

/** "2026-06-15 – 2026-10-31": always with the year ("10/31" does not say which October). */
export function ValidityCell({ post, now }: { post: Dated; now: number }) {
  const v = validityAt(post, now);
  return (
    <span className={`validity validity-${v}`} data-validity={v}>
      {fullDate(post.validFrom)} – {fullDate(post.validUntil)}
    </span>
  );
}

/** A post's status as the list shows it: 已过期 / 未开始 for a ready post out of its dates (it will not be exported by default), else its own status. */
export function StatusTag({ post, now, color, label }: { post: Dated & { status: string }; now: number; color: string; label: string }) {
  const t = useT();
  const v = validityAt(post, now);
  if (v === 'expired') return <Tag color="red">{t('posts.validity.expired')}</Tag>;
  if (v === 'not_started' && post.status === 'ready') return <Tag color="gold">{t('posts.validity.not_started')}</Tag>;
  return <Tag color={color}>{label}</Tag>;
}

/** In the post settings: a warning when the post is expired or not started yet, with its full dates. */
export function ValidityNotice({ post, now }: { post: Dated; now: number }) {
  const t = useT();
  const v = validityAt(post, now);
  if (v === 'valid') return null;
  const dates = { from: fullDate(post.validFrom), until: fullDate(post.validUntil) };
  return <Alert type={v === 'expired' ? 'error' : 'warning'} showIcon className="validity-notice" data-testid="post-validity" message={t(v === 'expired' ? 'posts.validity.expiredHint' : 'posts.validity.notStartedHint', dates)} />;
}
