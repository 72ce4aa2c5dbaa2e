// When a post may be published. Dates without a time are days in China time (UTC+8, where the
// stores are): a post valid from 2026-06-15 to 2026-10-31 starts at 00:00 on the 15th and ends at
// 23:59:59.999 on the 31st there, wherever the studio runs. Browser-safe: the UI shows the same.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant (ms) from which content dated `validFrom` may be published (−∞ when unreadable). */
export function startInstant(validFrom: string): number {
  if (DATE_ONLY.test(validFrom)) return Date.parse(`${validFrom}T00:00:00.000+08:00`);
  const t = Date.parse(validFrom);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** The instant (ms) after which content dated `validUntil` is expired (+∞ when unreadable). */
export function expiryInstant(validUntil: string): number {
  if (DATE_ONLY.test(validUntil)) return Date.parse(`${validUntil}T23:59:59.999+08:00`);
  const t = Date.parse(validUntil);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Whether a post is publishable at `now`: not started yet, valid, or expired. */
export type Validity = 'not_started' | 'valid' | 'expired';

/** The validity of a post (its validFrom / validUntil) at the instant `now` (ms). */
export function validityAt(post: { validFrom: string; validUntil: string }, now: number): Validity {
  if (now > expiryInstant(post.validUntil)) return 'expired';
  if (now < startInstant(post.validFrom)) return 'not_started';
  return 'valid';
}

/** A post date as shown to people: always with the year (2026-10-31), a timestamp in China time to the minute. */
export function fullDate(value: string): string {
  if (DATE_ONLY.test(value)) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
