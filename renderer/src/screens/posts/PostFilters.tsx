import { Input, Select } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import type { MethodOutput } from '@contract';
import { POST_STATUSES } from '@contract/vocabulary';
import { validityAt, type Validity } from '@shared';
import { useT, type MsgKey } from '../../i18n';
import '../../tools.css';

type Post = MethodOutput<'posts.list'>[number];

/** What the posts list is narrowed to. */
export interface PostFilter {
  q: string;
  status?: Post['status'];
  campaign?: string;
  validity?: Validity;
}

const VALIDITIES: Validity[] = ['valid', 'not_started', 'expired'];

/** True when a post passes the filter: words in its title, campaign, product or id; its status, campaign and validity now. */
export function passes(p: Post, f: PostFilter, now: number): boolean {
  const q = f.q.trim().toLowerCase();
  if (q && ![p.title, p.campaign, p.product.name, p.id].some((x) => x?.toLowerCase().includes(q))) return false;
  if (f.status && p.status !== f.status) return false;
  if (f.campaign !== undefined && (p.campaign || '') !== f.campaign) return false;
  if (f.validity && validityAt(p, now) !== f.validity) return false;
  return true;
}

/** The posts list's search box and filters, and the posts they let through. */
export function usePostFilter(posts: Post[] | undefined, now: number) {
  const t = useT();
  const [filter, setFilter] = useState<PostFilter>({ q: '' });
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => posts?.filter((p) => passes(p, deferred, now)), [posts, deferred, now]);
  const campaigns = useMemo(() => [...new Set((posts ?? []).map((p) => p.campaign || ''))].sort(), [posts]);
  const active = !!(filter.q.trim() || filter.status || filter.campaign !== undefined || filter.validity);
  const toolbar = (
    <div className="table-toolbar post-filters" role="search" aria-label={t('postFilter.region')}>
      <Input.Search
        allowClear
        placeholder={t('postFilter.search')}
        aria-label={t('postFilter.search')}
        value={filter.q}
        onChange={(e) => setFilter({ ...filter, q: e.target.value })}
        style={{ maxWidth: 300 }}
        data-testid="post-search"
        data-shortcut-search
      />
      <Select
        allowClear
        placeholder={t('common.status')}
        aria-label={t('common.status')}
        value={filter.status}
        onChange={(status) => setFilter({ ...filter, status })}
        options={POST_STATUSES.map((s) => ({ value: s, label: t(`posts.status.${s}` as MsgKey) }))}
        style={{ width: 130 }}
        data-testid="post-filter-status"
      />
      <Select
        allowClear
        placeholder={t('posts.col.campaign')}
        aria-label={t('posts.col.campaign')}
        value={filter.campaign}
        onChange={(campaign) => setFilter({ ...filter, campaign })}
        options={campaigns.map((c) => ({ value: c, label: c || t('postFilter.noCampaign') }))}
        style={{ width: 170 }}
        data-testid="post-filter-campaign"
      />
      <Select
        allowClear
        placeholder={t('posts.col.valid')}
        aria-label={t('posts.col.valid')}
        value={filter.validity}
        onChange={(validity) => setFilter({ ...filter, validity })}
        options={VALIDITIES.map((v) => ({ value: v, label: t(`posts.validity.${v}` as MsgKey) }))}
        style={{ width: 130 }}
        data-testid="post-filter-validity"
      />
      {active && <span className="post-filter-count" data-testid="post-filter-count">{t('postFilter.count', { n: shown?.length ?? 0, total: posts?.length ?? 0 })}</span>}
    </div>
  );
  return { shown, toolbar, active, filter };
}
