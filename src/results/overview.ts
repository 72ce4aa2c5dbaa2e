import type { SectionReader } from '../compose/sections.js';
import type { StudioData } from '../model/index.js';
import { chinaTime } from './cells.js';
import { inFilter, REPORT_BY, reportResults, type ReportBy, type ReportFilter, type ReportRow } from './report.js';
import type { ResultsData } from './store.js';

/** Sales, refunds and clicks of a period. */
export interface PeriodTotals {
  from: string;
  to: string;
  orders: number;
  amount: number;
  refunds: number;
  clicks: number;
}

/** A store's pack activity in the portal beside what it sold (opened vs bought). */
export interface StoreActivity {
  store: string;
  label: string;
  opens: number;
  lastOpened?: string;
  orders: number;
  amount: number;
}

/** Everything the 效果 screen shows, in one call. */
export interface ResultsOverview {
  /** The range asked for (all time when open). */
  totals: Omit<PeriodTotals, 'from' | 'to'> & { from?: string; to?: string };
  thisWeek: PeriodTotals;
  lastWeek: PeriodTotals;
  by: Record<ReportBy, ReportRow[]>;
  activity: StoreActivity[];
  /** Orders and click rows stored, and how many of them nothing could be attributed to. */
  stored: { orders: number; clicks: number; unattributed: number; lastImport?: string };
}

const dayOf = (ms: number) => chinaTime(ms).slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Monday and Sunday (China time) of the ISO week `day` falls in. */
export function weekOf(day: string): { from: string; to: string } {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(day, -dow);
  return { from, to: addDays(from, 6) };
}

function totals(results: ResultsData, f: ReportFilter): Omit<PeriodTotals, 'from' | 'to'> {
  let cents = 0;
  let orders = 0;
  let refunds = 0;
  let clicks = 0;
  for (const o of results.orders.values()) {
    if (!inFilter(o, f)) continue;
    if (o.refund) refunds++;
    else {
      orders++;
      cents += Math.round(o.amount * 100);
    }
  }
  for (const c of results.clicks.values()) if (inFilter(c, f)) clicks += c.count;
  return { orders, amount: cents / 100, refunds, clicks };
}

/** The 效果 overview: totals, this and last week, every breakdown, and portal opens beside orders per store. */
export function resultsOverview(data: StudioData, results: ResultsData, filter: ReportFilter, now: Date, reader?: SectionReader): ResultsOverview {
  const week = weekOf(dayOf(now.getTime()));
  const prev = weekOf(addDays(week.from, -7));
  const by = Object.fromEntries(REPORT_BY.map((b) => [b, reportResults(data, results, b, filter, reader)])) as Record<ReportBy, ReportRow[]>;
  const opens = new Map<string, { n: number; last: string }>();
  for (const a of results.activity) {
    const day = chinaTime(Date.parse(a.at)).slice(0, 10);
    if ((filter.from && day < filter.from) || (filter.to && day > filter.to)) continue;
    const o = opens.get(a.store) ?? { n: 0, last: '' };
    o.n++;
    if (a.at > o.last) o.last = a.at;
    opens.set(a.store, o);
  }
  const sold = new Map(by.store.map((r) => [r.key, r]));
  const activity = data.stores
    .filter((s) => s.active)
    .map((s) => ({ store: s.id, label: s.storeName, opens: opens.get(s.id)?.n ?? 0, ...(opens.get(s.id) ? { lastOpened: opens.get(s.id)!.last } : {}), orders: sold.get(s.id)?.orders ?? 0, amount: sold.get(s.id)?.amount ?? 0 }))
    .sort((a, b) => b.opens - a.opens || b.amount - a.amount || a.store.localeCompare(b.store));
  let unattributed = 0;
  let lastImport: string | undefined;
  for (const r of [...results.orders.values(), ...results.clicks.values()]) {
    if (!r.post && !r.group && !r.store) unattributed++;
    if (!lastImport || r.importedAt > lastImport) lastImport = r.importedAt;
  }
  return {
    totals: { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}), ...totals(results, filter) },
    thisWeek: { ...week, ...totals(results, { ...filter, ...week }) },
    lastWeek: { ...prev, ...totals(results, { ...filter, ...prev }) },
    by,
    activity,
    stored: { orders: results.orders.size, clicks: results.clicks.size, unattributed, ...(lastImport ? { lastImport } : {}) },
  };
}
