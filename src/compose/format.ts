/** Chinese date and price formats used by helpers and the variant's `vars`. Pure and browser-safe. */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Calendar parts of a date as read in China (UTC+8); a date-only string is taken as written. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** Reads an ISO date / timestamp, a Date or epoch milliseconds; undefined when it is not a date. */
export function dateParts(value: unknown): DateParts | undefined {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const t = Date.UTC(y, mo - 1, d);
      const check = new Date(t);
      if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
      return { year: y, month: mo, day: d, hour: 0, minute: 0, weekday: check.getUTCDay() };
    }
  }
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) ms = Date.parse(value);
  else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms + 8 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Formats a date with tokens YYYY, YY, MM, M, DD, D, HH, H, mm and W (周六); other characters are
 * kept, so "M月D日" gives "2月14日". Returns undefined when `value` is not a date.
 */
export function formatDate(value: unknown, format = 'M月D日'): string | undefined {
  const p = dateParts(value);
  if (!p) return undefined;
  return format.replace(/YYYY|YY|MM|M|DD|D|HH|H|mm|W/g, (t) => {
    switch (t) {
      case 'YYYY': return String(p.year);
      case 'YY': return pad(p.year % 100);
      case 'MM': return pad(p.month);
      case 'M': return String(p.month);
      case 'DD': return pad(p.day);
      case 'D': return String(p.day);
      case 'HH': return pad(p.hour);
      case 'H': return String(p.hour);
      case 'mm': return pad(p.minute);
      default: return `周${WEEKDAYS[p.weekday]}`;
    }
  });
}

/** "2月14日（周六）". */
export function formatDateCn(value: unknown): string | undefined {
  return formatDate(value, 'M月D日（W）');
}

/** Price styles: symbol `¥39.9`, yuan `39.90元`, plain `39.90`. */
export type PriceStyle = 'symbol' | 'yuan' | 'plain';

/** Formats a price in yuan; undefined when `value` is not a finite, non-negative number. */
export function formatPrice(value: unknown, style: PriceStyle = 'symbol'): string | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return undefined;
  const fixed = (Math.round(n * 100) / 100).toFixed(2);
  if (style === 'yuan') return `${fixed}元`;
  if (style === 'plain') return fixed;
  return `¥${fixed.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')}`;
}
