import type { TFn } from '../../i18n';

/** Seconds as "3 分 20 秒" / "45 秒". */
export function duration(seconds: number, t: TFn): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? t('export.min', { m: Math.floor(s / 60), s: s % 60 }) : t('export.sec', { s });
}
