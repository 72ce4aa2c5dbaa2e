import { z } from 'zod';
import { Id, REPORT_DIMENSIONS } from '../../model/index.js';
import { defineMethods } from '../define.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const base64Max = (bytes: number) => Math.ceil((bytes * 4) / 3) + 4;

/** A problem on one row and column of an imported file. */
const Issue = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

/** What an order or click import did (or would do, in a dry run). */
export const ResultsImportSchema = z.object({
  file: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'gb18030']).optional(),
  kind: z.enum(['orders', 'clicks']),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  refunds: z.number().int(),
  unattributed: z.number().int(),
  updated: z.number().int(),
  orders: z.number().int(),
  amount: z.number(),
  clicks: z.number().int(),
  saved: z.boolean(),
  dryRun: z.boolean(),
  warnings: z.array(Issue),
  unattributedRows: z.array(z.object({ row: z.number().int(), id: z.string().optional(), cells: z.string() })),
  unattributedMore: z.number().int(),
});

/** One line of a results report (amounts in 元). */
export const ReportRowSchema = z.object({ key: z.string(), label: z.string(), orders: z.number().int(), amount: z.number(), refunds: z.number().int(), clicks: z.number().int() });

const Totals = z.object({ orders: z.number().int(), amount: z.number(), refunds: z.number().int(), clicks: z.number().int() });
const Period = Totals.extend({ from: z.string(), to: z.string() });
const Range = { from: Day.optional(), to: Day.optional() };

/** The mapping of an export whose columns cannot be detected (docs/results.md). */
const MappingInput = z.record(z.string(), z.unknown());

/** An uploaded order or click export (base64), with its mapping when its columns cannot be detected. */
const ImportDataInput = z
  .object({
    name: z.string().min(1).max(255),
    base64: z.string().min(1).max(base64Max(64 * 1024 * 1024), 'the file is larger than 64 MB'),
    mapping: MappingInput.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** Results read back from tracking links: imports of order and click exports, reports, the 效果 overview. */
export const resultsMethods = defineMethods({
  'results.import': {
    description:
      'Import an order or click export (CSV in UTF-8, BOM or GBK, or XLSX) the user picked in a shell, passed as the one-time grant the shell issued (no path is accepted); `mapGrant` grants a mapping file for exports whose columns cannot be detected. A dry run keeps the grants; a saved import ends them.',
    input: z.object({ grant: z.string().min(1).max(200), mapGrant: z.string().min(1).max(200).optional(), dryRun: z.boolean().optional() }).strict(),
    output: ResultsImportSchema,
    mutates: true,
  },
  'results.importData': {
    description: 'Import an uploaded order or click export (base64), optionally with a mapping (the mapping file\'s JSON).',
    input: ImportDataInput,
    output: ResultsImportSchema,
    mutates: true,
  },
  'results.startImport': {
    description: 'The same as results.importData, as a job (a large file shows progress and can be cancelled, nothing saved): poll jobs.get; its result is what results.importData returns.',
    input: ImportDataInput,
    output: z.object({ job: z.string() }),
    mutates: true,
  },
  'results.report': {
    description: 'Orders, amount (元), refunds and clicks by post, group type, store, channel, hook or template version; dates inclusive (China time).',
    input: z.object({ by: z.enum(REPORT_DIMENSIONS), ...Range, post: Id.optional(), group: Id.optional(), store: Id.optional() }).strict(),
    output: z.array(ReportRowSchema),
  },
  'results.overview': {
    description: 'The 效果 screen in one call: totals, this and last week, every breakdown, and portal opens beside orders per store.',
    input: z.object(Range).strict(),
    output: z.object({
      totals: Totals.extend({ from: z.string().optional(), to: z.string().optional() }),
      thisWeek: Period,
      lastWeek: Period,
      by: z.object(Object.fromEntries(REPORT_DIMENSIONS.map((b) => [b, z.array(ReportRowSchema)])) as Record<(typeof REPORT_DIMENSIONS)[number], z.ZodArray<typeof ReportRowSchema>>),
      activity: z.array(z.object({ store: z.string(), label: z.string(), opens: z.number().int(), lastOpened: z.string().optional(), orders: z.number().int(), amount: z.number() })),
      stored: z.object({ orders: z.number().int(), clicks: z.number().int(), unattributed: z.number().int(), lastImport: z.string().optional() }),
    }),
  },
  'results.exportXlsxData': {
    description: 'The 效果 data as an XLSX workbook (base64, for a download): one sheet per breakdown and portal opens beside orders.',
    input: z.object(Range).strict(),
    output: z.object({ name: z.string(), base64: z.string() }),
  },
});
