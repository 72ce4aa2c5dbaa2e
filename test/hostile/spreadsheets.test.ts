/**
 * Hostile store tables: bad bytes in GBK and UTF-8 (with and without BOM, also past the encoding
 * sniff window), a binary file named .csv, formula cells, and very large files (streamed with
 * bounded memory and progress; a 100 MB file is refused up front by the 64 MB limit).
 * The plain encodings (GBK, UTF-8, UTF-8 BOM, XLSX) are covered in test/import/encodings.test.ts.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { folderAvatars, importStores, MAX_IMPORT_BYTES, openTable, parseCsv } from '../../src/workspace/import/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { pngHeaderBomb, realWorkspace, rssMB, savedState, tempDir } from './helpers.js';
import { ctx } from '../helpers/session.js';

const HEADER = '门店编号,门店名称,店主,昵称,口头禅,地址,区域,电话,云店链接,社群类型\n';
const row = (i: number) => `S${String(i).padStart(7, '0')},禾田小食·第${i}号店,店主${i},小${i},街坊的事就是我的事，有事您说话,幸福里小区${i}号楼东门,朝阳区,138${String(i).padStart(8, '0')},https://shop.example.com/s/S${i},社区群；宝妈群\n`;

let root: { dir: string; cleanup: () => Promise<void> };
let ws: Workspace;
beforeAll(async () => {
  root = await tempDir('sheets');
  ws = await realWorkspace(root.dir, minimalStudio());
});
afterAll(async () => {
  await ws?.close();
  await root?.cleanup();
});

/** Writes a CSV of about `mb` megabytes: the header, then blocks of distinct rows repeated; returns its row count. */
async function bigCsv(file: string, mb: number): Promise<number> {
  const block = Buffer.from(Array.from({ length: 4000 }, (_, i) => row(i)).join(''), 'utf8');
  const blocks = Math.ceil((mb * 1048576) / block.length);
  const out = createWriteStream(file);
  out.write(HEADER);
  for (let i = 0; i < blocks; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return blocks * 4000;
}

/** Samples RSS every 10 ms while `fn` runs; returns the result and the peak growth in MB. */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growthMB: number }> {
  const start = rssMB();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB())), 10);
  try {
    const result = await fn();
    peak = Math.max(peak, rssMB());
    return { result, growthMB: peak - start };
  } finally {
    clearInterval(timer);
  }
}

const importFile = (file: string, opts: { dryRun?: boolean; skipInvalid?: boolean } = {}) => importStores(ws, { path: file }, folderAvatars(path.dirname(file)), opts);

describe('bad bytes name the row and column, and nothing is saved', () => {
  it.each([
    ['GBK', (text: string) => iconv.encode(text, 'gbk'), 'GBK/GB18030'],
    ['UTF-8 without BOM', (text: string) => Buffer.from(text, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8 with BOM'],
  ])('%s with a broken byte sequence on row 4', async (_name, encode, label) => {
    const good = encode(HEADER + row(1) + row(2));
    const broken = Buffer.concat([good, encode('S0000003,坏店,'), Buffer.from([0xff, 0xfe, 0x80]), encode(',昵称\n'), encode(row(4))]);
    const file = path.join(root.dir, `broken-${label.replace(/\W+/g, '-')}.csv`);
    await writeFile(file, broken);
    const before = await savedState(ws);
    const r = await importFile(file);
    expect(r.errors).toEqual([{ row: 4, column: '店主', message: `contains bytes that are not valid ${label} (damaged text); save the file again as UTF-8 or GBK`, code: 'import.badBytes', params: { encoding: label } }]);
    expect(r.saved).toBe(false);
    expect(await savedState(ws)).toEqual(before);
  });

  it('UTF-8 bad bytes far past the 256 KB encoding sniff still name their row', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i)).join('');
    const file = path.join(root.dir, 'late-bad.csv');
    await writeFile(file, Buffer.concat([Buffer.from(HEADER + rows, 'utf8'), Buffer.from('S9999999,店,'), Buffer.from([0xc3, 0x28]), Buffer.from(',x\n')]));
    const r = await importFile(file, { dryRun: true });
    expect(Buffer.byteLength(HEADER + rows)).toBeGreaterThan(256 * 1024);
    expect(r.errors).toEqual([{ row: 3002, column: '店主', message: expect.stringContaining('not valid UTF-8'), code: 'import.badBytes', params: { encoding: 'UTF-8' } }]);
  });

  it('a PNG named stores.csv is refused by its header row, not half-imported', async () => {
    const file = path.join(root.dir, 'stores.csv');
    await writeFile(file, pngHeaderBomb());
    const before = await savedState(ws);
    const r = await importFile(file, { skipInvalid: true });
    expect(r.saved).toBe(false);
    expect(r.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/store id column is missing|not valid/) });
    expect(await savedState(ws)).toEqual(before);
  });
});

describe('formula cells', () => {
  const FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3', '=1+1'];

  it('are imported as plain text and exported with the formula guard, and the round trip gives the same stores', async () => {
    const lines = FORMULAS.map((f, i) => `F${i},"${f.replace(/"/g, '""')}",店主,,"${f.replace(/"/g, '""')}"`);
    const file = path.join(root.dir, 'formulas.csv');
    await writeFile(file, 'store_id,store_name,owner_name,nickname,catchphrase\n' + lines.join('\n') + '\n');
    const r = await importFile(file);
    expect(r.errors).toEqual([]);
    const stored = ws.data().stores.filter((s) => s.id.startsWith('F'));
    expect(stored.map((s) => s.storeName)).toEqual(FORMULAS);
    const out = await dispatch('stores.exportCsvData', {}, ctx(ws));
    const cells = parseCsv(Buffer.from(out.base64, 'base64').toString('utf8').slice(1)).flatMap((x) => x.cells);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    const again = path.join(root.dir, 'exported.csv');
    await writeFile(again, Buffer.from(out.base64, 'base64'));
    const back = await importFile(again, { dryRun: true });
    expect(back.preview.filter((p) => p.store.id.startsWith('F')).map((p) => p.action)).toEqual(FORMULAS.map(() => 'unchanged'));
  });
});

describe('very large files', () => {
  it('a 100 MB CSV is refused before it is read: the file and the limit named, memory flat, nothing saved', async () => {
    const file = path.join(root.dir, 'huge.csv');
    await bigCsv(file, 100);
    const before = await savedState(ws);
    const t = performance.now();
    const { result: err, growthMB } = await peakGrowth(() => dispatch('stores.import', { grant: ctx(ws).services.grants.grant(file, 'import-file') }, ctx(ws)).catch((e) => e));
    expect(err).toMatchObject({ code: 'bad_input', field: 'file' });
    expect(err.message).toMatch(new RegExp(`huge\\.csv is 100\\.\\d MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB`));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(growthMB).toBeLessThan(50);
    expect(await savedState(ws)).toEqual(before);
  });

  it('a 60 MB CSV (just under the limit) streams through the reader with bounded memory and steady progress', async () => {
    const file = path.join(root.dir, 'big.csv');
    const rows = await bigCsv(file, 60);
    const progress: number[] = [];
    const t = performance.now();
    const { result: count, growthMB } = await peakGrowth(async () => {
      const table = await openTable({ path: file }, (done) => progress.push(done));
      let n = 0;
      for await (const r of table.rows) if (r.cells.length === 10) n++;
      return n;
    });
    expect(count).toBe(rows + 1);
    expect(growthMB).toBeLessThan(200);
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBeGreaterThan(60 * 1048576);
    expect(performance.now() - t).toBeLessThan(30_000);
  });

  it('the import dry run (validation path) of a 5 MB table reports progress and stays bounded; nothing saved', async () => {
    // importStores keeps every good row for its preview (~1 KB per row), so the full path is measured on 5 MB;
    // bench:import-stores measures it at scale.
    const file = path.join(root.dir, 'mid.csv');
    const rows = await bigCsv(file, 5);
    const before = await savedState(ws);
    const seen: number[] = [];
    const { result: r, growthMB } = await peakGrowth(() => importStores(ws, { path: file }, folderAvatars(root.dir), { dryRun: true, onProgress: (p) => seen.push(p.done) }));
    expect(r.rows).toBe(rows);
    expect(r.errors.length).toBeGreaterThan(0); // the repeated blocks repeat ids: every repeat is named
    expect(r.errors[0]).toMatchObject({ row: 4002, column: '门店编号', message: 'store id "S0000000" already appears on row 2' });
    expect(seen.length).toBeGreaterThan(10);
    expect(growthMB).toBeLessThan(200);
    expect(await savedState(ws)).toEqual(before);
  });
});
