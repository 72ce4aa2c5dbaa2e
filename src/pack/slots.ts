import type { StudioData } from '../model/index.js';

/** The send times (`YYYY-MM-DD HH:MM`, China time) planned for a post in a group type, in order. */
export function slotTimes(data: Pick<StudioData, 'plan'>, post: string, group: string): string[] {
  return data.plan.slots
    .filter((s) => s.post === post && s.group === group)
    .map((s) => s.at)
    .sort();
}

/** Where an entry stands in the day's list: today (with the time), later (with the date), unplanned, or only past slots. */
export interface SlotPlace {
  rank: 0 | 1 | 2 | 3;
  /** The slot that decides the place (today's next, else the next later one). */
  at?: string;
  /** What the page shows: `今天 06:20`, `1月20日 周三 06:20`. */
  label: string;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** The China-time date (`YYYY-MM-DD`) of an instant. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `1月20日 周三 06:20` for a slot time. */
export function slotDateLabel(at: string): string {
  const [y, m, d] = at.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${at.slice(11, 16)}`;
}

/**
 * Where an entry goes in a pack's list: today's sends first (by time, labelled 今天 HH:MM), then
 * later ones by date (labelled with it), then entries without a slot, then those whose slots are
 * all past.
 */
export function slotPlace(slots: readonly string[] | undefined, now: number): SlotPlace {
  if (!slots?.length) return { rank: 2, label: '' };
  const today = chinaDate(now);
  const todays = slots.filter((s) => s.startsWith(today));
  if (todays.length) return { rank: 0, at: todays[0], label: `今天 ${todays.map((s) => s.slice(11, 16)).join('、')}` };
  const later = slots.find((s) => s.slice(0, 10) > today);
  if (later) return { rank: 1, at: later, label: slotDateLabel(later) };
  return { rank: 3, label: '' };
}

/** Entries in slot order (stable within a rank), each with its original index and place. */
export function orderBySlot<E extends { slots?: string[] }>(entries: readonly E[], now: number): { entry: E; index: number; place: SlotPlace }[] {
  return entries
    .map((entry, index) => ({ entry, index, place: slotPlace(entry.slots, now) }))
    .sort((a, b) => a.place.rank - b.place.rank || (a.place.at ?? '').localeCompare(b.place.at ?? '') || a.index - b.index);
}
