import { resolve } from 'node:path';
import type { MethodOutput } from '../../api/contract.js';
import { REPORT_DIMENSIONS } from '../../model/vocabulary.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

type Imported = MethodOutput<'results.import'>;
type Row = MethodOutput<'results.report'>[number];

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The unattributed rows, one a line (they are kept in the results, never dropped). */
function unattributedLines(r: Imported): string[] {
  const lines = r.unattributedRows.map((u) => `  未归因 unattributed: 第 ${u.row} 行 row ${u.row}${u.id ? ` ${u.id}` : ''}: ${u.cells}`);
  if (r.unattributedMore) lines.push(`  …另有 ${r.unattributedMore} 行未归因 / and ${r.unattributedMore} more unattributed rows`);
  return lines;
}

function importReport(r: Imported): string {
  const how = r.encoding ? `${r.format.toUpperCase()}, ${r.encoding}` : r.format.toUpperCase();
  const verb = r.saved ? '已导入 imported' : '试导入（未保存）dry run, nothing saved';
  const what = r.kind === 'orders' ? `订单 orders` : `点击 clicks`;
  const lines = [
    `${r.file} (${how}, ${what}): ${r.rows} 行 rows — ${verb}: ${r.imported} 新 new, ${r.duplicates} 重复 duplicates, ${r.refunds} 退款 refunds, ${r.unattributed} 未归因 unattributed`,
  ];
  if (r.kind === 'orders') lines.push(`  销售 sales: ${r.orders} 单 orders, ¥${yuan(r.amount)}${r.updated ? `; ${r.updated} 单状态有变已更新 orders updated (refund state or amount changed)` : ''}`);
  else lines.push(`  点击 clicks: ${r.clicks}`);
  for (const w of r.warnings) lines.push(`  提示 warning: 第 ${w.row} 行 row ${w.row}, ${w.column}: ${w.message}`);
  lines.push(...unattributedLines(r));
  return lines.join('\n') + '\n';
}

function reportTable(rows: Row[]): string {
  const lines = rows.map((r) => `${r.key || '-'}\t${r.label}\t${r.orders}\t${yuan(r.amount)}\t${r.refunds}\t${r.clicks}`);
  const sum = rows.reduce((a, r) => ({ orders: a.orders + r.orders, cents: a.cents + Math.round(r.amount * 100), refunds: a.refunds + r.refunds, clicks: a.clicks + r.clicks }), { orders: 0, cents: 0, refunds: 0, clicks: 0 });
  return ['编号 key\t名称 label\t订单 orders\t金额(元) amount\t退款 refunds\t点击 clicks', ...lines, `合计 total\t\t${sum.orders}\t${yuan(sum.cents / 100)}\t${sum.refunds}\t${sum.clicks}`].join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'results',
  summary: 'Read orders and clicks back from tracking links: import a cloud-store export (CSV UTF-8/BOM/GBK or XLSX), report by post, group type, store, channel, hook or template version.',
  usage: 'shequn results import FILE -w DIR [--dry-run] [--json] [--map MAPPING.json] | shequn results report -w DIR --by post|group|store|channel|hook|template [--from DATE] [--to DATE] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      map: { type: 'string' },
      by: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    const [action, file, ...extra] = positionals;
    if (action === 'import') {
      if (!file) throw new UsageError('缺少 FILE（订单或点击导出）/ missing FILE (the order or click export)');
      if (extra.length) throw new UsageError(`多余的参数 unexpected argument "${extra[0]}"`);
      return withWorkspace(values.workspace, async (studio) => {
        // The files named on the command line are the user's pick: handed to the core as grants.
        const grant = studio.services.grants.grant(resolve(file), 'import-file');
        const mapGrant = values.map ? studio.services.grants.grant(resolve(values.map), 'import-file') : undefined;
        const r = await call(studio, 'results.import', { grant, ...(mapGrant ? { mapGrant } : {}), dryRun: !!values['dry-run'] });
        if (values.json) {
          printJson({ rows: r.rows, imported: r.imported, duplicates: r.duplicates, refunds: r.refunds, unattributed: r.unattributed });
          const listed = unattributedLines(r);
          if (listed.length) process.stderr.write(listed.join('\n') + '\n');
        } else process.stdout.write(importReport(r));
        return 0;
      });
    }
    if (action === 'report') {
      if (file) throw new UsageError(`多余的参数 unexpected argument "${file}"`);
      const by = required(values.by, `--by ${REPORT_DIMENSIONS.join('|')}`);
      if (!(REPORT_DIMENSIONS as readonly string[]).includes(by)) throw new UsageError(`--by 只能是 must be one of ${REPORT_DIMENSIONS.join(', ')} (got "${by}")`);
      return withWorkspace(
        values.workspace,
        async (studio) => {
          const rows = await call(studio, 'results.report', { by: by as (typeof REPORT_DIMENSIONS)[number], from: values.from, to: values.to });
          if (values.json) printJson(rows);
          else process.stdout.write(reportTable(rows));
          return 0;
        },
        { readOnly: true },
      );
    }
    throw new UsageError('results 什么？ import 或 report / results what? one of import, report');
  },
};
