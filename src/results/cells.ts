/**
 * Reading the cells of order exports as backends write them: amounts with ¥ and thousands
 * separators, times in several spellings, statuses that mean "refunded". Each parser returns
 * undefined for an empty cell and throws an Error (its message says why, in both languages) for a
 * cell it cannot read.
 */

/** Full-width digits and signs (１２３．５０) to ASCII, as Chinese input methods sometimes type them. */
const halfWidth = (s: string) => s.normalize('NFKC');

/** An amount in 元: `¥1,299.00`, `1299元`, `RMB 12.5`, `-3.00`. */
export function parseAmount(raw: string): number | undefined {
  const s = halfWidth(raw).replace(/[¥￥$\s]|RMB|CNY|元/gi, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (s === '' || s === '-' || s === '--') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`“${raw}” 不是金额 / "${raw}" is not an amount (e.g. ¥1,299.00)`);
  return Math.round(Number(s) * 100) / 100;
}

/** A count: `2`, `2件`, `3.0`. */
export function parseCount(raw: string): number | undefined {
  const s = halfWidth(raw).replace(/[\s件个次份盒袋,]/g, '');
  if (s === '') return undefined;
  if (!/^\d+(\.0+)?$/.test(s)) throw new Error(`“${raw}” 不是数量 / "${raw}" is not a whole number`);
  return Number(s);
}

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

/** China time (UTC+8) of an instant, as `YYYY-MM-DD HH:MM:SS`. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An order or click time as `YYYY-MM-DD HH:MM:SS` China time. Accepts `2027-01-20 10:22:11`,
 * `2027/1/20 10:22`, `2027年1月20日 10:22`, `2027-01-20`, and ISO times with an offset (converted
 * to China time). `wallClock` takes a trailing `Z` as written wall-clock time (XLSX dates carry no
 * zone; the table reader writes them as ISO in UTC).
 */
export function parseTime(raw: string, wallClock = false): string | undefined {
  const s = halfWidth(raw).trim();
  if (!s) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.exec(s);
  if (iso) {
    if (wallClock && iso[7] === 'Z') return `${iso[1]}-${iso[2]}-${iso[3]} ${iso[4]}:${iso[5]}:${iso[6] ?? '00'}`;
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return chinaTime(t);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})?)?\s*秒?)?$/.exec(s);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    const ok = date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
    if (ok) return `${y}-${pad(mo!)}-${pad(d!)} ${pad(h)}:${pad(mi)}:${pad(sec)}`;
  }
  throw new Error(`“${raw}” 不是时间 / "${raw}" is not a date and time (e.g. 2027-01-20 10:22:11)`);
}

/** Status words that mean the money went back (or never came): refunded, closed, cancelled. */
const REFUND = /退款|退货|已关闭|交易关闭|订单关闭|关闭|已取消|取消|作废|refund|closed|cancel/i;
/** …unless the status says there was none (退款关闭: the refund request was closed, the sale stands). */
const NO_REFUND = /^(无|未|没有|不|非)|无退款|未退款|无售后|退款关闭|退款已关闭|退款失败|拒绝退款|售后关闭|no[ _-]?refund|none/i;

/** True when an order status (or refund/after-sales status) means refunded, closed or cancelled. */
export function isRefundStatus(status: string, extraWords: readonly string[] = []): boolean {
  const s = status.trim();
  if (!s || NO_REFUND.test(s)) return false;
  return REFUND.test(s) || extraWords.some((w) => w && s.includes(w));
}
