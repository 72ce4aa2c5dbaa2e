/** Calendar arithmetic on China-time date strings (`YYYY-MM-DD`), free of the machine's time zone. */

/** The China-time (UTC+8) date of an instant. */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `day` moved by `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Monday of the ISO week (Monday–Sunday) `day` falls in. */
export function weekStart(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** Number of days of the month `YYYY-MM`. */
export function monthDays(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last China-time day of a post's `validUntil` (a date, or a timestamp). */
export function expiryDay(validUntil: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return validUntil;
  const t = Date.parse(validUntil);
  return Number.isNaN(t) ? '9999-12-31' : chinaDay(new Date(t));
}
