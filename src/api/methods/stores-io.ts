import { z } from 'zod';
import { StoreOwner } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** Largest table accepted through `stores.importData` (the same limit as a file import). */
export const MAX_TABLE_UPLOAD_BYTES = 64 * 1024 * 1024;
const base64Max = (bytes: number) => Math.ceil((bytes * 4) / 3) + 4;

/** A problem with one row and column of an imported table (row 1 is the header). */
export const ImportIssue = z.object({
  row: z.number().int(),
  column: z.string(),
  /** The problem in English (the CLI, older callers). */
  message: z.string(),
  /** The message's code in the catalog (src/model/messages) and its parameters: shells show it in their user's language. */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A store an import creates or updates (or would, in a dry run), with the fields that change. */
export const ImportPreviewRow = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged']),
  store: StoreOwner,
  changes: z.array(z.string()),
});

/** What a store import did (saved) or would do (dry run, or refused because of bad rows). */
export const ImportResult = z.object({
  /** The table's file name (never its folder). */
  file: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'gb18030']).optional(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  saved: z.boolean(),
  dryRun: z.boolean(),
  errors: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
  preview: z.array(ImportPreviewRow),
  /** sha256 of the file read (stores.import): pass it back to import exactly what was checked. */
  sha256: z.string().optional(),
});

const ImportFlags = {
  skipInvalid: z.boolean().optional(),
  dryRun: z.boolean().optional(),
};

/** Store-owner import from CSV/XLSX (uploaded bytes, or a file the user picked, by grant) and export to CSV (bytes). */
export const storesIoMethods = defineMethods({
  'stores.import': {
    description:
      'Import store owners from a CSV (UTF-8, BOM or GBK) or XLSX file the user picked in a shell (the desktop\'s file dialog, the file named on the CLI), ' +
      'passed as the one-time grant the shell issued (no path is accepted); avatars are paths relative to that file. A dry run keeps the grant; a saved import ends it.',
    input: z
      .object({
        grant: z.string().min(1).max(200),
        ...ImportFlags,
        /** The sha256 a dry run reported: the import is refused (conflict) if the file has changed since. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 as a dry run reports it').optional(),
      })
      .strict(),
    output: ImportResult,
    mutates: true,
  },
  'stores.importData': {
    description: 'Import store owners from an uploaded CSV/XLSX (base64) plus the avatar images it names (paths as in the table).',
    input: z
      .object({
        name: z.string().min(1).max(255),
        base64: z.string().min(1).max(base64Max(MAX_TABLE_UPLOAD_BYTES), 'the table is larger than 64 MB'),
        files: z
          .array(z.object({ path: z.string().min(1).max(1000), base64: z.string().max(base64Max(10 * 1024 * 1024), 'an avatar is larger than 10 MB') }).strict())
          .max(5000)
          .optional(),
        ...ImportFlags,
      })
      .strict(),
    output: ImportResult,
    mutates: true,
  },
  'stores.importColumns': {
    description: 'The columns a store table may have (labels accepted in Chinese and English, required or not, an example cell) and a sample table to fill in (CSV, UTF-8 with BOM, base64).',
    input: z.object({}).strict(),
    output: z.object({
      columns: z.array(
        z.object({ field: z.string(), zh: z.string(), en: z.string(), aliases: z.array(z.string()), required: z.boolean(), example: z.string() }),
      ),
      sample: z.object({ name: z.string(), base64: z.string() }),
    }),
  },
  'stores.exportCsvData': {
    description: 'The store owners as CSV (UTF-8 with BOM) in base64 (the server also serves it at GET /api/download/stores.csv; the CLI writes it where the user says).',
    input: z.object({}).strict(),
    output: z.object({ name: z.string(), base64: z.string(), count: z.number().int() }),
  },
});
