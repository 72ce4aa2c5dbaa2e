import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../model/index.js';
import { CsvParser, guessDelimiter } from './csv.js';
import { decoderFor, sniffEncoding, type TextEncoding } from './decode.js';
import { readXlsxRows } from './xlsx.js';
import type { TableRow } from './row.js';

export type { TableRow };

/** Where a table comes from: a file on disk, or bytes uploaded with their file name. */
export type TableInput = { path: string } | { name: string; bytes: Buffer };


/** An opened table: its format, the text encoding (CSV), and its rows in order. */
export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  size: number;
  rows: AsyncIterable<TableRow>;
}

/** Largest store list accepted (a 100,000-store CSV is about 20 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const SNIFF_BYTES = 256 * 1024;
const CHUNK = 64 * 1024;

/** The name of a table input, for messages. */
export const inputName = (input: TableInput) => ('path' in input ? input.path : input.name);

async function head(input: TableInput): Promise<{ head: Buffer; size: number }> {
  if ('bytes' in input) return { head: input.bytes.subarray(0, 8), size: input.bytes.length };
  const info = await stat(input.path).catch(() => undefined);
  if (!info) throw new StudioError('not_found', `${input.path} does not exist`, 'file');
  if (!info.isFile()) throw new StudioError('bad_input', `${input.path} is not a file`, 'file');
  const fh = await open(input.path, 'r');
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    return { head: buf.subarray(0, bytesRead), size: info.size };
  } finally {
    await fh.close();
  }
}

async function* chunks(input: TableInput): AsyncGenerator<Buffer> {
  if ('bytes' in input) {
    for (let i = 0; i < input.bytes.length; i += CHUNK) yield input.bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const c of createReadStream(input.path, { highWaterMark: CHUNK })) yield c as Buffer;
}

/**
 * Opens a CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GBK/GB18030, comma/tab/semicolon)
 * or XLSX table. CSV is streamed: memory stays bounded by the rows the caller keeps.
 * `onBytes` reports how many bytes have been read. Iterating the rows may throw CsvSyntaxError.
 */
export async function openTable(input: TableInput, onBytes?: (done: number, total: number) => void): Promise<Table> {
  const name = inputName(input);
  const { head: magic, size } = await head(input);
  if (size > MAX_IMPORT_BYTES) throw StudioError.coded('bad_input', 'import.tooBig', { file: name, mb: (size / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 }, 'file');
  if (size === 0) throw StudioError.coded('bad_input', 'import.empty', { file: name }, 'file');
  const ext = path.extname(name).toLowerCase();
  if (magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0) {
    throw StudioError.coded('bad_input', 'import.oldXls', { file: name }, 'file');
  }
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) {
    const rows = await readXlsxRows('path' in input ? input.path : input.bytes, name);
    onBytes?.(size, size);
    return { format: 'xlsx', size, rows: toAsync(rows) };
  }
  if (ext === '.xlsx' || ext === '.xls') throw new StudioError('bad_input', `${name} is not a valid ${ext} file (it is not a zip archive)`, 'file');
  return openCsv(input, size, onBytes);
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

async function openCsv(input: TableInput, size: number, onBytes?: (done: number, total: number) => void): Promise<Table> {
  const source = chunks(input);
  const first: Buffer[] = [];
  let firstLength = 0;
  let done = false;
  while (firstLength < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
    firstLength += next.value.length;
  }
  const sniffed = Buffer.concat(first);
  const encoding = sniffEncoding(sniffed, done);
  const decoder = decoderFor(encoding);
  const firstText = decoder.write(sniffed);
  const parser = new CsvParser(guessDelimiter(firstText));
  const mark = (records: { row: number; cells: string[] }[]): TableRow[] =>
    records.map((r) => (r.cells.some((c) => c.includes('\uFFFD')) ? { ...r, badBytes: true } : r));

  async function* rows(): AsyncGenerator<TableRow> {
    let read = firstLength;
    try {
      yield* mark(parser.push(firstText));
      onBytes?.(read, size);
      if (!done) {
        for (let next = await source.next(); !next.done; next = await source.next()) {
          read += next.value.length;
          yield* mark(parser.push(decoder.write(next.value)));
          onBytes?.(read, size);
        }
      }
      yield* mark(parser.push(decoder.end()));
      yield* mark(parser.end());
    } finally {
      await source.return(undefined);
    }
  }
  return { format: 'csv', encoding, size, rows: rows() };
}
