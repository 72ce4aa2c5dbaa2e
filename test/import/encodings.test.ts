import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTable, sniffEncoding, type TableInput } from '../../src/workspace/import/index.js';
import { LONG_NAME } from '../fixtures/import/build-fixtures.js';

const FIX = path.resolve('test/fixtures/import');

async function readAll(input: TableInput) {
  const table = await openTable(input);
  const rows = [];
  for await (const r of table.rows) rows.push(r);
  return { table, rows };
}

describe('reading store tables in every encoding Excel writes', () => {
  const expectedRow2 = ['S001', '禾田小食·幸福里店', '王芳', '芳姐', '街坊的事就是我的事 "有事您说话"', '幸福里小区东门12号, 近地铁', '朝阳区', '13800000001', 'https://shop.example.com/s/S001', '社区群；宝妈群', 'avatars/wang.png'];

  it.each([
    ['stores-utf8.csv', 'utf8', '门店编号'],
    ['stores-utf8-bom.csv', 'utf8-bom', 'store_id'],
    ['stores-gbk.csv', 'gb18030', '门店编号'],
  ])('%s is read as %s with the same cells', async (name, encoding, firstHeader) => {
    const { table, rows } = await readAll({ path: path.join(FIX, name) });
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe(encoding);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.cells[0]).toBe(firstHeader); // no BOM left on the first header
    expect(rows[1]!.cells).toEqual(expectedRow2);
    expect(rows[2]!.cells[4]).toBe('早上好\n今天也要好好吃饭');
    expect(rows[3]!.cells[1]).toBe(LONG_NAME);
    expect(rows.some((r) => r.badBytes)).toBe(false);
  });

  it('stores.xlsx is read with read-excel-file; a numeric phone keeps its digits', async () => {
    const { table, rows } = await readAll({ path: path.join(FIX, 'stores.xlsx') });
    expect(table.format).toBe('xlsx');
    expect(rows).toHaveLength(4);
    expect(rows[1]!.cells).toEqual(expectedRow2);
    expect(rows[3]!.cells.slice(0, 3)).toEqual(['S004', LONG_NAME, '赵磊']);
  });

  it('uploaded bytes are read the same way as a file', async () => {
    const bytes = await readFile(path.join(FIX, 'stores-gbk.csv'));
    const { rows } = await readAll({ name: 'stores-gbk.csv', bytes });
    expect(rows[1]!.cells).toEqual(expectedRow2);
  });

  it('invalid bytes in a UTF-8 file mark the row they are on', async () => {
    const { table, rows } = await readAll({ path: path.join(FIX, 'stores-broken-utf8.csv') });
    expect(table.encoding).toBe('utf8');
    expect(rows.filter((r) => r.badBytes).map((r) => r.row)).toEqual([3]);
  });

  it('sniffs GB18030 text that is not UTF-8, even when a few byte pairs happen to look like UTF-8', () => {
    const gbk = iconv.encode('门店编号,门店名称,店主\nS1,禾田小食·幸福里店,王芳\nS2,禾田小食·向阳店,李强\n', 'gbk');
    expect(sniffEncoding(gbk, true)).toBe('gb18030');
    expect(sniffEncoding(Buffer.from('plain ascii', 'utf8'), true)).toBe('utf8');
    // A multi-byte character cut at the end of the sniff window is not counted as invalid.
    const cut = Buffer.from('门店编号', 'utf8').subarray(0, 7);
    expect(sniffEncoding(cut, false)).toBe('utf8');
  });

  it('refuses an old .xls and a fake .xlsx with a clear message', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(openTable({ name: 'old.xls', bytes: xls })).rejects.toThrow(/old Excel \.xls file; save it as \.xlsx or CSV/);
    await expect(openTable({ name: 'fake.xlsx', bytes: Buffer.from('id,name\n') })).rejects.toThrow(/not a valid \.xlsx file/);
    await expect(openTable({ name: 'empty.csv', bytes: Buffer.alloc(0) })).rejects.toThrow(/empty/);
  });
});
