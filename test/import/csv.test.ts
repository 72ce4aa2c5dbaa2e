import { describe, expect, it } from 'vitest';
import { CsvParser, guessDelimiter, parseCsv } from '../../src/workspace/import/index.js';

const cellsOf = (text: string, d = ',') => parseCsv(text, d).map((r) => r.cells);

describe('CSV parser', () => {
  it('reads quoted cells with delimiters, escaped quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2\r\nline3"\r\nlast,,\r\n';
    expect(cellsOf(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2\r\nline3'],
      ['last', '', ''],
    ]);
  });

  it('numbers records as a spreadsheet does: a quoted line break stays in one row, blank lines count', () => {
    const rows = parseCsv('h1,h2\n"multi\nline",2\n\nafter,4');
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'h1'], [2, 'multi\nline'], [3, ''], [4, 'after']]);
  });

  it('accepts LF, CRLF and lone CR endings, and no final newline', () => {
    expect(cellsOf('a\nb\r\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF and "" split across chunks)', () => {
    const text = 'id,note\r\n1,"a ""quoted"" word,\r\nand more"\r\n2,plain\r\n';
    const whole = cellsOf(text);
    for (const size of [1, 2, 3, 7]) {
      const p = new CsvParser(',');
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
      got.push(...p.end());
      expect(got.map((r) => r.cells)).toEqual(whole);
    }
  });

  it('an empty quoted cell, and a stray quote inside an unquoted cell, are read as text', () => {
    expect(cellsOf('"",a"b,""""')).toEqual([['', 'a"b', '"']]);
  });

  it('a quote that is never closed is an error naming the row where it opened', () => {
    expect(() => parseCsv('h\nok\n"broken,\nmore\n')).toThrow(/row 3: a quoted cell is never closed/);
  });

  it('guesses comma, tab or semicolon from the header line', () => {
    expect(guessDelimiter('门店编号,门店名称\n')).toBe(',');
    expect(guessDelimiter('store_id\tstore_name\n')).toBe('\t');
    expect(guessDelimiter('store_id;store_name;"a,b"\n')).toBe(';');
    expect(cellsOf('a\tb\n1\t"x\ty"', '\t')).toEqual([['a', 'b'], ['1', 'x\ty']]);
  });
});
