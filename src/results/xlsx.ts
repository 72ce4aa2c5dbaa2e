import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import { REPORT_BY, type ReportBy, type ReportRow } from './report.js';
import type { ResultsOverview } from './overview.js';

const SHEET_NAMES: Record<ReportBy, string> = { group: '按群类型', store: '按门店', post: '按内容', hook: '按开场钩子', template: '按模板版本', channel: '按渠道' };
const KEY_HEADERS: Record<ReportBy, string> = { group: '群类型编号', store: '门店编号', post: '内容编号', hook: '钩子', template: '模板版本', channel: '渠道' };

const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
const yuan = (value: number) => ({ value, type: Number, format: '#,##0.00' });

function reportSheet(by: ReportBy, rows: ReportRow[]): SheetData {
  const head: Row = [bold(KEY_HEADERS[by]), bold('名称'), bold('订单数'), bold('销售额（元）'), bold('退款数'), bold('点击')];
  return [head, ...rows.map((r): Row => [r.key, r.label, r.orders, yuan(r.amount), r.refunds, r.clicks])];
}

/** The 效果 data as an XLSX workbook: one sheet per breakdown, plus portal opens beside orders per store. */
export async function overviewXlsx(o: ResultsOverview): Promise<Buffer> {
  const period = `${o.totals.from ?? '开始'} 至 ${o.totals.to ?? '今天'}`;
  const summary: SheetData = [
    [bold('期间'), period],
    [bold('订单数'), o.totals.orders],
    [bold('销售额（元）'), yuan(o.totals.amount)],
    [bold('退款数'), o.totals.refunds],
    [bold('点击'), o.totals.clicks],
    [bold(`本周（${o.thisWeek.from} 至 ${o.thisWeek.to}）订单`), o.thisWeek.orders],
    [bold('本周销售额（元）'), yuan(o.thisWeek.amount)],
  ];
  const activity: SheetData = [
    [bold('门店编号'), bold('门店'), bold('打开内容包次数'), bold('最近打开'), bold('订单数'), bold('销售额（元）')],
    ...o.activity.map((a): Row => [a.store, a.label, a.opens, a.lastOpened ?? '', a.orders, yuan(a.amount)]),
  ];
  const order: ReportBy[] = ['group', 'store', 'post', 'hook', 'template', 'channel'];
  const sheets = [
    { data: summary, sheet: '概览', columns: [{ width: 34 }, { width: 24 }] },
    ...order.filter((b) => REPORT_BY.includes(b)).map((b) => ({ data: reportSheet(b, o.by[b]), sheet: SHEET_NAMES[b], columns: [{ width: 20 }, { width: b === 'hook' ? 60 : 28 }, { width: 10 }, { width: 14 }, { width: 10 }, { width: 10 }] })),
    { data: activity, sheet: '门店打开与下单', columns: [{ width: 14 }, { width: 24 }, { width: 16 }, { width: 24 }, { width: 10 }, { width: 14 }] },
  ];
  return writeXlsxFile(sheets).toBuffer();
}
