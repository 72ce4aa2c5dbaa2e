import { coded, type CodedText } from '../../model/index.js';

/** One parsed CSV record with its row number as a spreadsheet shows it (the first record is row 1). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A CSV syntax problem on a row (e.g. a quote that is never closed). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
    /** The problem as a coded message (src/model/messages). */
    readonly text?: CodedText,
  ) {
    super(`row ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Longest cell accepted: a longer one is almost always a missing closing quote. */
export const MAX_CELL_CHARS = 1_000_000;

/**
 * A streaming RFC 4180 parser: quoted fields may hold delimiters, `""` and newlines; records
 * end at CRLF, LF or CR. Feed text with `push` (chunks may split anywhere) and call `end`.
 * Every line break outside quotes ends a record, so blank lines keep their row numbers.
 */
export class CsvParser {
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  private quoteClosed = false; // just read the closing quote of a quoted cell
  private pendingCR = false;
  private row = 1;
  private recordStartRow = 1;
  private started = false; // anything read for the current record

  constructor(private readonly delimiter = ',') {}

  /** Parses `text` and returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    const n = text.length;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (text[0] === '\n') i = 1; // the LF of a CRLF split across chunks
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.append(text.slice(i));
          break;
        }
        if (q > i) this.append(text.slice(i, q));
        this.inQuotes = false;
        this.quoteClosed = true;
        i = q + 1;
        continue;
      }
      const ch = text[i]!;
      if (ch === '"') {
        if (this.quoteClosed) {
          this.append('"'); // `""` inside a quoted cell
          this.inQuotes = true;
          this.quoteClosed = false;
        } else if (this.cell === '') {
          this.inQuotes = true;
        } else {
          this.append('"'); // a stray quote inside an unquoted cell is kept as text
        }
        this.started = true;
        i++;
        continue;
      }
      this.quoteClosed = false;
      if (ch === d) {
        this.cells.push(this.cell);
        this.cell = '';
        this.started = true;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        out.push(this.finishRecord());
        i++;
        if (ch === '\r') {
          if (i < n && text[i] === '\n') i++;
          else if (i === n) this.pendingCR = true;
        }
      } else {
        // A run of plain characters up to the next delimiter, quote or line break.
        let j = i + 1;
        while (j < n) {
          const c = text[j];
          if (c === d || c === '"' || c === '\n' || c === '\r') break;
          j++;
        }
        this.append(text.slice(i, j));
        i = j;
      }
    }
    return out;
  }

  /** Finishes the input; throws CsvSyntaxError when a quoted cell was never closed. */
  end(): CsvRecord[] {
    if (this.inQuotes) throw new CsvSyntaxError(this.recordStartRow, 'a quoted cell is never closed (a " is missing)');
    return this.started || this.cell !== '' || this.cells.length ? [this.finishRecord()] : [];
  }

  private append(text: string): void {
    this.cell += text;
    this.started = true;
    if (this.cell.length > MAX_CELL_CHARS) {
      throw new CsvSyntaxError(this.recordStartRow, `a cell is longer than ${MAX_CELL_CHARS} characters (is a closing " missing?)`, coded('import.cellTooLong', { max: MAX_CELL_CHARS }));
    }
  }

  private finishRecord(): CsvRecord {
    this.cells.push(this.cell);
    const record = { row: this.recordStartRow, cells: this.cells };
    this.cells = [];
    this.cell = '';
    this.quoteClosed = false;
    this.started = false;
    this.row++;
    this.recordStartRow = this.row;
    return record;
  }
}

/** Parses a whole CSV text at once. */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const p = new CsvParser(delimiter);
  return [...p.push(text), ...p.end()];
}

/** Guesses the delimiter from the first line: comma, tab (Excel "Unicode text") or semicolon. */
export function guessDelimiter(firstText: string): ',' | '\t' | ';' {
  const line = firstText.split(/\r|\n/, 1)[0] ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  const [best] = ([',', '\t', ';'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}
