import { createHash } from 'node:crypto';
import path from 'node:path';
import { StudioError, checkpoint, type LongWork } from '../model/index.js';
import { cleanCell, isBlankRow } from '../workspace/import/rows.js';
import { CsvSyntaxError } from '../workspace/import/csv.js';
import { inputName, openTable, type TableInput, type TableRow } from '../workspace/import/table.js';
import type { TextEncoding } from '../workspace/import/decode.js';
import type { Workspace } from '../workspace/types.js';
import type { SectionReader } from '../compose/sections.js';
import { Attributor } from './attribute-row.js';
import { isRefundStatus, parseAmount, parseCount, parseTime } from './cells.js';
import { detectHeader, headerKind, type ResultField, type ResultHeader } from './columns.js';
import { applyMapping, rowHasMappedHeaders, type ResultMapping } from './mapping.js';
import type { ResultsStore } from './store.js';
import type { ClickRecord, OrderRecord } from './types.js';

/** A problem on one row and column of the imported file. */
export interface ResultIssue {
  row: number;
  column: string;
  message: string;
}

/** What an import did (or would do, in a dry run). */
export interface ResultsImport {
  file: string;
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  kind: 'orders' | 'clicks';
  /** Data rows read (blank and total rows left out). */
  rows: number;
  /** New orders (or click rows) saved: attributed or not, sales or refunds. */
  imported: number;
  /** Rows whose order id (or click row) was imported before, or appears earlier in this file. */
  duplicates: number;
  /** Of the imported, refunded, closed or cancelled orders. */
  refunds: number;
  /** Of the imported, rows no post, group type or store could be found for (kept, and listed). */
  unattributed: number;
  /** Orders imported before whose refund state or amount changed in this file (updated). */
  updated: number;
  /** Sales imported (not refunds): count and amount in 元; clicks imported. */
  orders: number;
  amount: number;
  clicks: number;
  saved: boolean;
  dryRun: boolean;
  warnings: ResultIssue[];
  /** The unattributed rows (the first 500; `unattributedMore` counts the rest). */
  unattributedRows: { row: number; id?: string; cells: string }[];
  unattributedMore: number;
}

/** How an import runs. */
export interface ResultsImportOptions extends LongWork {
  dryRun?: boolean;
  mapping?: ResultMapping;
  /** The time stamped on imported records. */
  now?: Date;
  reader?: SectionReader;
}

const HEADER_SCAN_ROWS = 20;
const MAX_ERRORS = 200;
const MAX_LISTED = 500;
const TOTAL_ROW = /^(合计|总计|共计|小计|total|sum)/i;

/** Finds the header row: the mapping's, or the first of the top rows whose columns say orders or clicks. */
async function findHeader(rows: AsyncIterator<TableRow>, file: string, mapping?: ResultMapping): Promise<{ header: ResultHeader; kind: 'orders' | 'clicks'; row: number }> {
  const seen: TableRow[] = [];
  for (let next = await rows.next(); !next.done && seen.length < HEADER_SCAN_ROWS; next = await rows.next()) {
    const r = next.value;
    if (isBlankRow(r)) continue;
    seen.push(r);
    if (mapping) {
      const byRefsOnly = Object.values(mapping.columns).every((v) => typeof v === 'number' || /^[A-Z]{1,3}$/.test(v));
      const isHeader = mapping.headerRow ? r.row === mapping.headerRow : byRefsOnly ? true : rowHasMappedHeaders(r.cells, mapping);
      if (!isHeader) continue;
      const header = applyMapping(r.cells, mapping, file);
      const kind = mapping.kind ?? headerKind(header);
      if (!kind) throw new StudioError('bad_input', `${file}: 映射文件没有说明是订单还是点击（kind），也没有订单号列 / the mapping says neither "kind" nor an order column`, 'map.kind');
      return { header, kind, row: r.row };
    }
    const header = detectHeader(r.cells);
    const kind = headerKind(header);
    if (kind) return { header, kind, row: r.row };
  }
  const first = seen[0]?.cells.filter(Boolean).slice(0, 12).join(', ') ?? '';
  if (mapping) throw new StudioError('bad_input', `${file}: 前 ${HEADER_SCAN_ROWS} 行里没有映射文件所写的表头 / none of the first ${HEADER_SCAN_ROWS} rows holds the headers the mapping names (set "headerRow"); first row: ${first}`, 'map');
  throw new StudioError(
    'bad_input',
    `${file}: 认不出列（需要订单号列，或时间/次数列加链接、门店编号等归因列）；请写映射文件并用 --map 指定 / cannot tell the columns (need an order id column, or a time or count column plus a link or store column); write a mapping file and pass --map FILE (docs/results.md). First row: ${first}`,
    'file',
  );
}

/**
 * Imports an order (or click) export of a cloud-store backend: CSV in UTF-8, UTF-8 with BOM or
 * GBK, or XLSX, through the studio's table reader. Orders are keyed by order id (re-importing adds
 * nothing; a changed refund state or amount updates the order), click rows by their content.
 * Refunded, closed and cancelled orders count as refunds. Rows without attribution are kept and
 * listed. A bad cell stops the import (nothing saved) with its file, row and column.
 */
export async function importResults(ws: Workspace, store: ResultsStore, input: TableInput, opts: ResultsImportOptions = {}): Promise<ResultsImport> {
  const dryRun = !!opts.dryRun;
  if (!dryRun && ws.readOnly) throw new StudioError('read_only', `工作区只读，不能导入 / the workspace ${ws.dir} is open read-only; cannot import results`);
  const file = inputName(input);
  const table = await openTable(input, (done, total) => opts.onProgress?.({ done, total, current: file }));
  return store.exclusive(async () => {
    const existing = await store.read();
    const it = table.rows[Symbol.asyncIterator]();
    const errors: ResultIssue[] = [];
    const warnings: ResultIssue[] = [];
    let headerInfo: Awaited<ReturnType<typeof findHeader>>;
    try {
      headerInfo = await findHeader(it, file, opts.mapping);
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new StudioError('bad_input', `${file}: 第 ${err.row} 行 / row ${err.row}: ${err.message}`, 'file');
      throw err;
    }
    const { header, kind } = headerInfo;
    const labelOf = (f: ResultField) => header.labels[header.byField.get(f)!] || f;
    const has = (f: ResultField) => header.byField.has(f);
    const cellOf = (cells: string[], f: ResultField) => cleanCell(cells[header.byField.get(f)!]);
    const attributor = new Attributor(ws.data(), header, opts.reader);
    const importedAt = (opts.now ?? new Date()).toISOString();
    // Records name the file without its folder: a results file says where a row came from, not where it lay.
    const sourceFile = path.basename(file);
    const wallClock = table.format === 'xlsx';
    const refundWords = opts.mapping?.refundWords ?? [];
    const out: ResultsImport = {
      file, format: table.format, ...(table.encoding ? { encoding: table.encoding } : {}), kind,
      rows: 0, imported: 0, duplicates: 0, refunds: 0, unattributed: 0, updated: 0, orders: 0, amount: 0, clicks: 0,
      saved: false, dryRun, warnings, unattributedRows: [], unattributedMore: 0,
    };
    const newOrders = new Map<string, OrderRecord>();
    const changed: OrderRecord[] = [];
    const newClicks: ClickRecord[] = [];
    const occurrences = new Map<string, number>();
    const fail = (row: number, f: ResultField | string, message: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ row, column: typeof f === 'string' && has(f as ResultField) ? labelOf(f as ResultField) : f, message });
    };
    /** A 合计/总计 line at the foot of an export: its first cell says so and it has no order id of its own. */
    const isTotalRow = (r: TableRow) => {
      if (!TOTAL_ROW.test(r.cells.find((c) => c.trim())?.trim() ?? '')) return false;
      const id = has('order') ? cellOf(r.cells, 'order') : '';
      return !id || TOTAL_ROW.test(id);
    };
    /** Reads a cell with a parser; a bad cell becomes an error naming its row and column. */
    const read = <T>(r: TableRow, f: ResultField, parse: (s: string) => T): T | undefined => {
      if (!has(f)) return undefined;
      try {
        return parse(cellOf(r.cells, f));
      } catch (err) {
        fail(r.row, f, (err as Error).message);
        return undefined;
      }
    };

    try {
      for (let next = await it.next(); !next.done; next = await it.next()) {
        const r = next.value;
        if (isBlankRow(r)) continue;
        if (isTotalRow(r)) continue;
        out.rows++;
        // Rows of an upload are already in memory: let a progress poll or a cancel through now and then.
        if (out.rows % 1000 === 0) await checkpoint(opts.signal);
        if (r.badBytes) {
          const i = r.cells.findIndex((c) => c.includes('\uFFFD'));
          fail(r.row, header.labels[i] || `#${i + 1}`, `含有不是 ${table.encoding ?? ''} 编码的字节，请另存为 UTF-8 或 GBK / contains bytes that are not valid ${table.encoding ?? 'text'}; save the file again as UTF-8 or GBK`);
          continue;
        }
        const timeCol = header.timeColumns.find((i) => cleanCell(r.cells[i])) ?? header.byField.get('time');
        let at: string | undefined;
        if (timeCol !== undefined) {
          try {
            at = parseTime(cleanCell(r.cells[timeCol]), wallClock);
          } catch (err) {
            fail(r.row, header.labels[timeCol] || 'time', (err as Error).message);
          }
        }
        const attribution = attributor.attribute(r.cells, r.row);
        const attributed = Object.keys(attribution).length > 0;
        const listUnattributed = (id?: string) => {
          out.unattributed++;
          if (out.unattributedRows.length < MAX_LISTED) out.unattributedRows.push({ row: r.row, ...(id ? { id } : {}), cells: r.cells.filter((c) => c.trim()).join(' | ').slice(0, 300) });
          else out.unattributedMore++;
        };

        if (kind === 'orders') {
          const id = cellOf(r.cells, 'order');
          if (!id) {
            fail(r.row, 'order', '订单号为空 / the order id is empty');
            continue;
          }
          const amount = read(r, 'amount', parseAmount);
          const quantity = read(r, 'quantity', parseCount);
          const status = has('status') ? cellOf(r.cells, 'status') : '';
          const refundStatus = has('refundStatus') ? cellOf(r.cells, 'refundStatus') : '';
          const refund = isRefundStatus(status, refundWords) || isRefundStatus(refundStatus, refundWords);
          const product = has('product') ? cellOf(r.cells, 'product') : '';
          const record: OrderRecord = {
            id, ...(at ? { at } : {}), amount: amount ?? 0, refund,
            ...(status || refundStatus ? { status: [status, refundStatus].filter(Boolean).join(' / ') } : {}),
            ...(product ? { product } : {}), ...(quantity !== undefined ? { quantity } : {}),
            ...attribution, source: { file: sourceFile, row: r.row }, importedAt,
          };
          const before = newOrders.get(id) ?? existing.orders.get(id);
          if (before) {
            out.duplicates++;
            if (!newOrders.has(id) && (before.refund !== record.refund || before.amount !== record.amount)) changed.push({ ...before, refund: record.refund, amount: record.amount, ...(record.status ? { status: record.status } : {}), importedAt });
            continue;
          }
          newOrders.set(id, record);
          out.imported++;
          if (refund) out.refunds++;
          else {
            out.orders++;
            out.amount += record.amount;
          }
          if (!attributed) listUnattributed(id);
        } else {
          const count = read(r, 'clicks', parseCount) ?? 1;
          const digest = createHash('sha256').update(JSON.stringify(r.cells.map((c) => c.trim()))).digest('hex').slice(0, 32);
          const nth = (occurrences.get(digest) ?? 0) + 1;
          occurrences.set(digest, nth);
          const key = `${digest}#${nth}`;
          if (existing.clicks.has(key)) {
            out.duplicates++;
            continue;
          }
          newClicks.push({ key, ...(at ? { at } : {}), count, ...attribution, source: { file: sourceFile, row: r.row }, importedAt });
          out.imported++;
          out.clicks += count;
          if (!attributed) listUnattributed();
        }
      }
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new StudioError('bad_input', `${file}: 第 ${err.row} 行 / row ${err.row}: ${err.message}`, 'file');
      throw err;
    }
    out.amount = Math.round(out.amount * 100) / 100;
    out.updated = changed.length;
    for (const [what, where] of attributor.unknown) {
      warnings.push({ row: where.row, column: where.column, message: `工作区里没有 ${what}（仍按它归因）/ ${what} is not in the workspace (attributed to it anyway)` });
    }
    if (errors.length) {
      const e = errors[0]!;
      const more = errors.length > 1 ? `（另有 ${errors.length - 1} 处 / and ${errors.length - 1} more）` : '';
      throw new StudioError('bad_input', `${file}, 第 ${e.row} 行 row ${e.row}, 列 column「${e.column}」: ${e.message}${more}; 什么都没有导入 / nothing was imported`, 'file', { errors, file });
    }
    if (!dryRun) {
      if (kind === 'orders') await store.append('orders', [...newOrders.values(), ...changed]);
      else await store.append('clicks', newClicks);
      out.saved = true;
    }
    return out;
  });
}
