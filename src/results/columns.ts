import { normalizeHeader } from '../workspace/import/columns.js';

/** A field an order or click export can hold. */
export type ResultField = 'order' | 'time' | 'amount' | 'status' | 'refundStatus' | 'product' | 'quantity' | 'store' | 'group' | 'post' | 'channel' | 'link' | 'clicks' | 'visitor';

/** Every field with the headers cloud-store backends use for it, best first (the first found wins). */
export const RESULT_COLUMNS: Record<ResultField, readonly string[]> = {
  order: ['订单号', '订单编号', '主订单号', '订单ID', '订单号码', '交易单号', '交易编号', 'order_id', 'order_no', 'orderid', 'order'],
  time: ['支付时间', '付款时间', '下单时间', '订单创建时间', '创建时间', '成交时间', '点击时间', '访问时间', '时间', '日期', 'paid_at', 'pay_time', 'order_time', 'created_at', 'click_time', 'time', 'timestamp', 'date'],
  amount: ['实付金额', '实付款', '订单实付金额', '支付金额', '实收金额', '付款金额', '订单金额', '应付金额', '金额', 'paid_amount', 'amount', 'paid', 'total'],
  status: ['订单状态', '交易状态', '状态', 'order_status', 'status'],
  refundStatus: ['退款状态', '售后状态', '维权状态', 'refund_status', 'refund'],
  product: ['商品名称', '商品标题', '宝贝标题', '商品', 'product_name', 'product', 'item'],
  quantity: ['商品数量', '购买数量', '数量', '件数', 'quantity', 'qty'],
  store: ['门店编号', '门店ID', '门店代码', 'store_id', 'sq_store'],
  group: ['群类型', '社群类型', 'group_type', 'sq_group'],
  post: ['内容编号', '内容ID', 'post_id', 'sq_post'],
  channel: ['渠道', '推广渠道', 'sq_ch', 'channel'],
  link: ['推广链接', '来源链接', '落地页', '链接', '访问链接', 'url', 'link'],
  clicks: ['点击次数', '点击量', '访问次数', '浏览量', '次数', 'pv', 'clicks', 'count'],
  visitor: ['访客ID', '访客', '用户ID', '买家ID', 'openid', 'visitor', 'user_id'],
};

/** Fields found in a header row → column index, with the headers as written. */
export interface ResultHeader {
  byField: Map<ResultField, number>;
  labels: string[];
  /** Every time column, best first: an order not paid yet has no 支付时间 but has its 下单时间. */
  timeColumns: number[];
}

const LOOKUP: ReadonlyMap<string, { field: ResultField; rank: number }> = new Map(
  (Object.entries(RESULT_COLUMNS) as [ResultField, readonly string[]][]).flatMap(([field, names]) => names.map((n, rank) => [normalizeHeader(n), { field, rank }] as const)),
);

/** Maps a row of headers to fields; when two columns name one field, the better-ranked header wins. */
export function detectHeader(cells: readonly string[]): ResultHeader {
  const byField = new Map<ResultField, number>();
  const rankOf = new Map<ResultField, number>();
  const labels = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const times: { i: number; rank: number }[] = [];
  labels.forEach((label, i) => {
    const hit = label ? LOOKUP.get(normalizeHeader(label)) : undefined;
    if (!hit) return;
    if (hit.field === 'time') times.push({ i, rank: hit.rank });
    const had = rankOf.get(hit.field);
    if (had !== undefined && had <= hit.rank) return;
    byField.set(hit.field, i);
    rankOf.set(hit.field, hit.rank);
  });
  return { byField, labels, timeColumns: times.sort((a, b) => a.rank - b.rank).map((t) => t.i) };
}

/** True when a header row says what its rows are: orders (an order id) or clicks (a time or a count, and something to attribute by). */
export function headerKind(h: ResultHeader): 'orders' | 'clicks' | undefined {
  if (h.byField.has('order')) return 'orders';
  const attributable = ['link', 'store', 'post', 'group'].some((f) => h.byField.has(f as ResultField));
  if (attributable && (h.byField.has('time') || h.byField.has('clicks'))) return 'clicks';
  return undefined;
}

/** Column letters as spreadsheets show them (A, B, … Z, AA…) for column index `i` (0-based). */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
