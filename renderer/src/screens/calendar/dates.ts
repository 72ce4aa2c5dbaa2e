import dayjs, { type Dayjs } from 'dayjs';

/** The days a calendar view shows: Monday–Sunday of the anchor's week, or the whole month. */
export function viewDays(mode: 'week' | 'month', anchor: Dayjs): string[] {
  const start = mode === 'week' ? anchor.subtract((anchor.day() + 6) % 7, 'day') : anchor.startOf('month');
  const n = mode === 'week' ? 7 : anchor.daysInMonth();
  return Array.from({ length: n }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
}

/** Moves the anchor by one week or month. */
export function step(mode: 'week' | 'month', anchor: Dayjs, by: 1 | -1): Dayjs {
  return anchor.add(by, mode);
}

/** The anchor for a date string. */
export const dayOf = (s: string) => dayjs(s);
