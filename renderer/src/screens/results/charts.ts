import type { EChartsCoreOption } from 'echarts/core';
import type { MethodOutput } from '@contract';

type Row = MethodOutput<'results.report'>[number];
type Activity = MethodOutput<'results.overview'>['activity'][number];

/** Colours of the series: the studio's red for sales, amber for counts, grey-blue for opens. */
export const COLORS = { amount: '#c8102e', orders: '#e8912d', opens: '#5b7db8', clicks: '#7a8b99' };

const short = (s: string, n: number) => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') + '…' : s);
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const textStyle = { fontFamily: '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };

/** Vertical bars: orders (left axis) and sales (right axis) per key. */
export function ordersAndAmount(rows: Row[], names: { orders: string; amount: string }): EChartsCoreOption {
  return {
    textStyle,
    color: [COLORS.orders, COLORS.amount],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: rows.map((r) => short(r.label, 8)), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: names.orders, minInterval: 1 },
      { type: 'value', name: names.amount, splitLine: { show: false } },
    ],
    series: [
      { name: names.orders, type: 'bar', data: rows.map((r) => r.orders), barMaxWidth: 28 },
      { name: names.amount, type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.amount), barMaxWidth: 28 },
    ],
  };
}

/** Horizontal bars of sales, best at the top (hooks and template versions have long names). */
export function amountBars(rows: Row[], name: string, max = 8): EChartsCoreOption {
  const top = rows.filter((r) => r.amount > 0 || r.orders > 0).slice(0, max).reverse();
  const shown = top.length ? top : rows.slice(0, max).reverse();
  return {
    textStyle,
    color: [COLORS.amount],
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => `${shown[p.dataIndex]!.label}<br/>${name}: ${shown[p.dataIndex]!.amount} · ${shown[p.dataIndex]!.orders}` },
    grid: { ...grid, top: 8 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: shown.map((r) => short(r.label, 16)), axisLabel: { interval: 0 } },
    series: [{ name, type: 'bar', data: shown.map((r) => r.amount), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}

/** Per store: pack opens in the portal beside orders. */
export function opensVsOrders(rows: Activity[], names: { opens: string; orders: string }, max = 12): EChartsCoreOption {
  const shown = rows.slice(0, max);
  return {
    textStyle,
    color: [COLORS.opens, COLORS.orders],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: shown.map((r) => short(r.label, 6)), axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.opens, type: 'bar', data: shown.map((r) => r.opens), barMaxWidth: 22 },
      { name: names.orders, type: 'bar', data: shown.map((r) => r.orders), barMaxWidth: 22 },
    ],
  };
}

/** A sentence for screen readers: the first few keys with their numbers. */
export function summarize(rows: { label: string; orders: number; amount: number }[], n = 4): string {
  return rows
    .slice(0, n)
    .map((r) => `${r.label} ${r.orders} / ¥${r.amount}`)
    .join('; ');
}
