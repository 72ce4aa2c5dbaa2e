import { readSheet } from 'read-excel-file/node';
import { StudioError } from '../../model/index.js';
import type { TableRow } from './row.js';
import { readZipBounded, storedZip, XLSX_LIMITS, type UnzipLimits } from './unzip.js';

/** Most cells the first sheet may span (rows × columns): the reader fills every gap in memory. */
export const MAX_SHEET_CELLS = 10_000_000;

/** A cell as text: numbers exactly as written in the file, dates as ISO dates. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

/** "AB" → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The rows × columns a worksheet spans, from the cell references that hold something (`<c r="XFD9">…</c>`;
 * empty `<c …/>` are skipped). read-excel-file pads every row up to the widest one, so a sheet with one
 * cell in A1 and one in XFD1048576 would take billions of slots: such a sheet is refused first.
 */
export function sheetSpan(xml: Buffer): { rows: number; columns: number } {
  const text = xml.toString('latin1');
  let rows = 0;
  let columns = 0;
  for (const m of text.matchAll(/<(?:\w+:)?c\b([^>]*?)(\/?)>/g)) {
    if (m[2] === '/') continue;
    const ref = /\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']/.exec(m[1]!);
    if (!ref) continue;
    columns = Math.max(columns, columnNumber(ref[1]!));
    rows = Math.max(rows, Number(ref[2]));
  }
  return { rows, columns };
}

const WANTED = (p: string) => p.endsWith('.xml') || p.endsWith('.rels');

/**
 * Reads the first sheet of an XLSX file (path or bytes). The archive is unpacked by us with every
 * part's inflated size bounded (see unzip.ts), each worksheet's span checked, and only then handed to
 * read-excel-file (repacked, stored); numbers are kept as the text stored in the file (a phone
 * number stays 13800000001, not 1.38e10).
 */
export async function readXlsxRows(input: string | Buffer, name: string, limits: UnzipLimits = XLSX_LIMITS): Promise<Iterable<TableRow>> {
  const parts = await readZipBounded(input, name, WANTED, limits);
  for (const [path, xml] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(path)) continue;
    const { rows, columns } = sheetSpan(xml);
    if (rows * columns > MAX_SHEET_CELLS) {
      throw new StudioError(
        'bad_input',
        `${name}: ${path.replace(/^xl\/worksheets\//, '')} spans ${rows} rows × ${columns} columns (more than ${MAX_SHEET_CELLS / 1e6} million cells); delete the far-away cells or save the store list as CSV and import that`,
        'file',
      );
    }
  }
  let data: unknown[][];
  try {
    data = (await readSheet(storedZip(parts), { parseNumber: (s: string) => s, trim: false })) as unknown[][];
  } catch (err) {
    const e = err as Error & { code?: string };
    const why = e.name === 'InvalidInputError' ? `not a readable .xlsx file (${e.code ?? e.message})` : e.message;
    throw new StudioError('bad_input', `${name}: ${why}`, 'file');
  }
  parts.clear();
  return releasing(data);
}

/** The rows as TableRows, each sheet row let go once it is handed on (the import keeps only what it needs). */
function* releasing(data: (unknown[] | undefined)[]): Generator<TableRow> {
  for (let i = 0; i < data.length; i++) {
    const cells = data[i]!;
    data[i] = undefined;
    yield { row: i + 1, cells: cells.map(cellText) };
  }
}
