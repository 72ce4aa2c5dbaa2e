import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, type Workspace } from '../../src/workspace/index.js';
import { exportStoresCsv, folderAvatars, importStores, parseCsv, storesToCsv } from '../../src/workspace/import/index.js';
import { minimalStudio } from '../helpers/studio.js';

let dir: string;
let ws: Workspace;
const EVIL = ['=HYPERLINK("http://evil.example","点我")', '+86 138 0000 0001', '-1+1', '@SUM(A1)', '\tTAB', '\rCR'];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-exp-'));
  const data = minimalStudio();
  Object.assign(data.stores[0]!, { catchphrase: EVIL[0], phone: EVIL[1], nickname: EVIL[2], address: EVIL[3], district: EVIL[4] });
  data.stores[1]!.catchphrase = EVIL[5]!;
  data.stores[1]!.active = false;
  ws = await createWorkspace(path.join(dir, 'ws'), data);
});
afterEach(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('stores CSV export', () => {
  it('writes UTF-8 with BOM, Chinese headers and CRLF', async () => {
    const file = path.join(dir, 'out', 'stores.csv');
    expect(await exportStoresCsv(ws.data().stores, ws.data().groupTypes, file)).toBe(2);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('门店编号,门店名称,店主,昵称,口头禅,地址,区域,电话,云店链接,社群类型,送货上门,送货范围,启用');
    const rows = parseCsv(text).map((r) => r.cells);
    expect(rows[1]![9]).toBe('社区群、宝妈群');
    expect(rows[2]![10]).toBe('否');
  });

  it('guards against formula injection: = + - @ tab and CR cells get a leading apostrophe', () => {
    const rows = parseCsv(storesToCsv(ws.data().stores, ws.data().groupTypes).slice(1)).map((r) => r.cells);
    const [, first, second] = rows;
    expect(first![4]).toBe(`'${EVIL[0]}`);
    expect(first![7]).toBe(`'${EVIL[1]}`);
    expect(first![3]).toBe(`'${EVIL[2]}`);
    expect(first![5]).toBe(`'${EVIL[3]}`);
    expect(first![6]).toBe(`'${EVIL[4]}`);
    expect(second![4]).toBe(`'${EVIL[5]}`);
    // No cell of the file starts with a formula character.
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('export → import gives the same stores back (the guard is undone on import)', async () => {
    const file = path.join(dir, 'stores.csv');
    await exportStoresCsv(ws.data().stores, ws.data().groupTypes, file);
    const before = structuredClone(ws.data().stores);
    const r = await importStores(ws, { path: file }, folderAvatars(dir), { dryRun: true });
    expect(r.errors).toEqual([]);
    // District '\tTAB' and catchphrase '\rCR' lose their leading whitespace to trimming; everything else is identical.
    expect(r.preview.map((p) => p.action)).toEqual(['update', 'update']);
    expect(r.preview.map((p) => p.changes)).toEqual([['district'], ['catchphrase']]);
    expect(r.preview[0]!.store).toEqual({ ...before[0], district: 'TAB' });
    expect(r.preview[1]!.store).toEqual({ ...before[1], catchphrase: 'CR' });
  });
});
