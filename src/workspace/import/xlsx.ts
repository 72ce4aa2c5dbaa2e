import { readSheet } from 'read-excel-file/node';
import { StudioError } from '../../model/index.js';
import type { TableRow } from './row.js';

/** A cell as text: numbers exactly as written in the file, dates as ISO dates. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

/**
 * Reads the first sheet of an XLSX file (path or bytes) with read-excel-file; numbers are kept
 * as the text stored in the file (a phone number stays 13800000001, not 1.38e10).
 */
export async function readXlsxRows(input: string | Buffer, name: string): Promise<TableRow[]> {
  let data: unknown[][];
  try {
    data = (await readSheet(input, { parseNumber: (s: string) => s, trim: false })) as unknown[][];
  } catch (err) {
    const e = err as Error & { code?: string };
    const why = e.name === 'InvalidInputError' ? `not a readable .xlsx file (${e.code ?? e.message})` : e.message;
    throw new StudioError('bad_input', `${name}: ${why}`, 'file');
  }
  return data.map((cells, i) => ({ row: i + 1, cells: cells.map(cellText) }));
}
