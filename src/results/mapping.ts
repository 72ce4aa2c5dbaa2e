import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { StudioError } from '../model/index.js';
import { parseOrThrow, ValidationError } from '../model/validate.js';
import { normalizeHeader } from '../workspace/import/columns.js';
import { columnLetter, RESULT_COLUMNS, type ResultField, type ResultHeader } from './columns.js';

const ColumnRef = z.union([z.string().min(1), z.number().int().positive()]);
const FIELDS = Object.keys(RESULT_COLUMNS) as [ResultField, ...ResultField[]];

/**
 * A mapping file (JSON) for exports whose columns cannot be detected: which column holds what (by
 * header text, column letter such as "C", or 1-based number), what the rows are, on which row the
 * header stands, and extra status words that mean a refund. docs/results.md shows an example.
 */
export const ResultMapping = z
  .object({
    kind: z.enum(['orders', 'clicks']).optional(),
    headerRow: z.number().int().positive().optional(),
    columns: z.partialRecord(z.enum(FIELDS), ColumnRef).refine((c) => Object.keys(c).length > 0, 'name at least one column'),
    refundWords: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type ResultMapping = z.infer<typeof ResultMapping>;

/** Reads and checks a mapping file; errors name the file and the field. */
export async function readMapping(file: string): Promise<ResultMapping> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? '文件不存在 / not found' : `不是有效的 JSON / not valid JSON (${e.message})`;
    throw new StudioError('bad_input', `${file}: ${why}`, 'map');
  }
  try {
    return parseOrThrow(ResultMapping, raw, `${file}（映射文件 / mapping file）`);
  } catch (err) {
    if (err instanceof ValidationError) throw new StudioError('bad_input', err.message, `map.${err.field}`);
    throw err;
  }
}

/** True when the row holds every header the mapping names by text (so it is the header row). */
export function rowHasMappedHeaders(cells: readonly string[], m: ResultMapping): boolean {
  const names = Object.values(m.columns).filter((v): v is string => typeof v === 'string' && !/^[A-Z]{1,3}$/.test(v));
  if (!names.length) return false;
  const have = new Set(cells.map((c) => normalizeHeader(c)));
  return names.every((n) => have.has(normalizeHeader(n)));
}

/** The header a mapping describes for a header row (`cells`; empty when the file has no header row). */
export function applyMapping(cells: readonly string[], m: ResultMapping, file: string): ResultHeader {
  const labels = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const byField = new Map<ResultField, number>();
  for (const [field, ref] of Object.entries(m.columns) as [ResultField, string | number][]) {
    let i: number;
    if (typeof ref === 'number') i = ref - 1;
    else if (/^[A-Z]{1,3}$/.test(ref)) i = [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    else i = labels.findIndex((l) => normalizeHeader(l) === normalizeHeader(ref));
    if (i < 0) {
      const have = labels.filter(Boolean).map((l, j) => `${columnLetter(j)} ${l}`).join(', ');
      throw new StudioError('bad_input', `${file}: 映射文件的 columns.${field} 指向“${ref}”，表头里没有这一列 / the mapping's columns.${field} names "${ref}", which is not in the header row (it has: ${have || 'nothing'})`, `map.columns.${field}`);
    }
    byField.set(field, i);
  }
  const time = byField.get('time');
  return { byField, labels, timeColumns: time === undefined ? [] : [time] };
}
