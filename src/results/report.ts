import type { SectionReader } from '../compose/sections.js';
import { CHANNEL_KINDS, REPORT_DIMENSIONS, type Post, type StudioData } from '../model/index.js';
import { hookOf, templatesOf } from './hook.js';
import type { ResultsData } from './store.js';
import type { Attribution } from './types.js';

/** What a report groups by. */
export const REPORT_BY = REPORT_DIMENSIONS;
export type ReportBy = (typeof REPORT_BY)[number];

/** One line of a report: sales (orders and amount in 元, refunds left out), refunds and clicks. */
export interface ReportRow {
  key: string;
  label: string;
  orders: number;
  amount: number;
  refunds: number;
  clicks: number;
}

/** Which records a report counts: a date range (China time, inclusive) and optionally one post, group type or store. */
export interface ReportFilter {
  from?: string;
  to?: string;
  post?: string;
  group?: string;
  store?: string;
}

/** The label of the rows nothing could be attributed to (key ""). */
export const UNATTRIBUTED_LABEL = '未归因 unattributed';

const goesTo = (p: Post, group: string) => !p.groupTypes.length || p.groupTypes.includes(group);

/** True when a record (with its time) passes the filter. */
export function inFilter(r: Attribution & { at?: string }, f: ReportFilter): boolean {
  if (f.post && r.post !== f.post) return false;
  if (f.group && r.group !== f.group) return false;
  if (f.store && r.store !== f.store) return false;
  if (f.from || f.to) {
    const day = r.at?.slice(0, 10);
    if (!day) return false;
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
  }
  return true;
}

/**
 * Sums orders, refunds and clicks by post, group type, store, channel, hook or template version.
 * Every known key appears, also with zeros (the stores that sold nothing are the point), and rows
 * nothing could be attributed to come under key "". An order counts once under each template
 * version its post was made with (caption, poster, video), so template rows of different kinds
 * overlap. Sorted by amount, then orders, then clicks.
 */
export function reportResults(data: StudioData, results: ResultsData, by: ReportBy, filter: ReportFilter = {}, reader?: SectionReader): ReportRow[] {
  const posts = new Map(data.posts.map((p) => [p.id, p]));
  const hookCache = new Map<string, string>();
  const currentHook = (postId: string | undefined, group: string | undefined) => {
    const p = postId ? posts.get(postId) : undefined;
    if (!p) return '';
    const k = `${p.id}\u0000${group ?? ''}`;
    if (!hookCache.has(k)) hookCache.set(k, hookOf(p, group ? { id: group } : undefined, reader));
    return hookCache.get(k)!;
  };
  const keysOf = (r: Attribution): string[] => {
    switch (by) {
      case 'hook':
        return [r.hook ?? currentHook(r.post, r.group)];
      case 'template': {
        const t = r.templates ?? (r.post && posts.get(r.post) ? templatesOf(posts.get(r.post)!) : []);
        return t.length ? t : [''];
      }
      default:
        return [r[by] ?? ''];
    }
  };
  type Acc = { cents: number; orders: number; refunds: number; clicks: number };
  const acc = new Map<string, Acc>();
  const get = (k: string) => {
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { cents: 0, orders: 0, refunds: 0, clicks: 0 }));
    return a;
  };

  // Every key the workspace knows, so zeros show (narrowed by the filter's post, group or store).
  const live = data.posts.filter((p) => p.status !== 'archived' && (!filter.post || p.id === filter.post) && (!filter.group || goesTo(p, filter.group)));
  if (by === 'post') live.forEach((p) => get(p.id));
  if (by === 'group') data.groupTypes.filter((g) => (!filter.post || live.some((p) => goesTo(p, g.id))) && (!filter.group || g.id === filter.group) && (!filter.store || data.stores.find((s) => s.id === filter.store)?.groupTypes.includes(g.id))).forEach((g) => get(g.id));
  if (by === 'store') data.stores.filter((s) => s.active && (!filter.store || s.id === filter.store) && (!filter.group || s.groupTypes.includes(filter.group))).forEach((s) => get(s.id));
  if (by === 'channel') CHANNEL_KINDS.forEach((k) => get(k));
  if (by === 'hook') live.forEach((p) => (filter.group ? [filter.group] : p.groupTypes.length ? p.groupTypes : [undefined]).forEach((g) => get(currentHook(p.id, g))));
  if (by === 'template') live.forEach((p) => templatesOf(p).forEach((t) => get(t)));
  acc.delete('');

  for (const o of results.orders.values()) {
    if (!inFilter(o, filter)) continue;
    for (const k of keysOf(o)) {
      const a = get(k);
      if (o.refund) a.refunds++;
      else {
        a.orders++;
        a.cents += Math.round(o.amount * 100);
      }
    }
  }
  for (const c of results.clicks.values()) {
    if (!inFilter(c, filter)) continue;
    for (const k of keysOf(c)) get(k).clicks += c.count;
  }

  const label = (k: string): string => {
    if (k === '') return UNATTRIBUTED_LABEL;
    switch (by) {
      case 'post':
        return posts.get(k)?.title ?? k;
      case 'group':
        return data.groupTypes.find((g) => g.id === k)?.name ?? k;
      case 'store':
        return data.stores.find((s) => s.id === k)?.storeName ?? k;
      case 'channel':
        return data.channels.find((c) => c.kind === k)?.name ?? k;
      case 'template': {
        const [id, v] = k.split('@');
        const t = data.templates.find((x) => x.id === id);
        return t ? `${t.name} v${v}` : k;
      }
      default:
        return k;
    }
  };
  return [...acc.entries()]
    .map(([key, a]) => ({ key, label: label(key), orders: a.orders, amount: a.cents / 100, refunds: a.refunds, clicks: a.clicks }))
    .sort((x, y) => y.amount - x.amount || y.orders - x.orders || y.clicks - x.clicks || x.label.localeCompare(y.label, 'zh'));
}
