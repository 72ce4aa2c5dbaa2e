import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetId, createWorkspace, type Workspace } from '../../src/workspace/index.js';
import { folderAvatars, importStores, uploadedAvatars } from '../../src/workspace/import/index.js';
import { LONG_NAME } from '../fixtures/import/build-fixtures.js';
import { minimalStudio } from '../helpers/studio.js';

const FIX = path.resolve('test/fixtures/import');
let dir: string;
let ws: Workspace;
const fromFixtures = (name: string, opts = {}) => importStores(ws, { path: path.join(FIX, name) }, folderAvatars(FIX), opts);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-imp-'));
  ws = await createWorkspace(path.join(dir, 'ws'), minimalStudio());
});
afterEach(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('store-owner import into a workspace', () => {
  it.each(['stores-utf8.csv', 'stores-utf8-bom.csv', 'stores-gbk.csv', 'stores.xlsx'])('%s: creates new stores, updates existing ones by id, stores the avatar', async (name) => {
    const result = await fromFixtures(name);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ rows: 3, created: 2, updated: 1, unchanged: 0, skipped: 0, saved: true });
    const stores = ws.data().stores;
    expect(stores.map((s) => s.id)).toEqual(['S001', 'S002', 'S003', 'S004']);
    const s1 = stores[0]!;
    const png = await readFile(path.join(FIX, 'avatars/wang.png'));
    expect(s1).toMatchObject({ address: '幸福里小区东门12号, 近地铁', catchphrase: '街坊的事就是我的事 "有事您说话"', groupTypes: ['community', 'moms'], avatar: assetId(png) });
    expect(await ws.assets.read(s1.avatar!)).toEqual(png);
    expect(ws.assets.get(s1.avatar!)?.name).toBe('wang.png');
    expect(stores[2]).toMatchObject({ ownerName: '陈静', phone: '+86 138 0000 0003', groupTypes: ['moms', 'community'], catchphrase: '早上好\n今天也要好好吃饭', active: true });
    expect(stores[3]).toMatchObject({ storeName: LONG_NAME, nickname: '', groupTypes: ['community'] });
    expect(stores[3]!.cloudStoreUrl).toBeUndefined();
    // It is on disk, not only in memory.
    const onDisk = JSON.parse(await readFile(ws.paths.studio, 'utf8'));
    expect(onDisk.stores).toHaveLength(4);
  });

  it('importing the same file again updates nothing, and the preview says so', async () => {
    await fromFixtures('stores-utf8.csv');
    const again = await fromFixtures('stores-utf8.csv');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, saved: false });
    expect(again.preview.map((p) => p.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('a file with only some columns updates just those fields of existing stores', async () => {
    const file = path.join(dir, 'phones.csv');
    await writeFile(file, 'store_id,phone\nS002,13900000002\n');
    const r = await importStores(ws, { path: file }, folderAvatars(dir));
    expect(r.preview).toEqual([expect.objectContaining({ row: 2, action: 'update', changes: ['phone'] })]);
    expect(ws.data().stores[1]).toMatchObject({ id: 'S002', phone: '13900000002', storeName: '禾田小食·向阳店', nickname: '强哥' });
  });

  it('送货上门 / 送货范围 set whether a store delivers and where; empty keeps it; a bad word names row and column', async () => {
    const file = path.join(dir, 'delivery.csv');
    await writeFile(file, '门店编号,送货上门,送货范围\nS001,是,小区内送货上门\nS002,否,\n');
    const r = await importStores(ws, { path: file }, folderAvatars(dir));
    expect(r.errors).toEqual([]);
    expect(ws.data().stores.slice(0, 2).map((s) => [s.id, s.delivery, s.deliveryNote])).toEqual([['S001', true, '小区内送货上门'], ['S002', false, '']]);
    await writeFile(file, 'store_id,delivery\nS001,\nS002,maybe\n');
    const bad = await importStores(ws, { path: file }, folderAvatars(dir));
    expect(bad.errors).toEqual([{ row: 3, column: 'delivery', message: '"maybe" is not 是/否 (yes/no)', code: 'import.notYesNo', params: { value: 'maybe' } }]);
    expect(ws.data().stores[0]!.delivery).toBe(true);
  });

  it('refuses to overwrite a store changed by someone else while the import ran', async () => {
    const files = folderAvatars(FIX);
    let reads = 0;
    const racing = {
      async read(p: string) {
        // The avatar is read once to check it and again to store it; change S001 in between.
        if (++reads === 2) await ws.update((d) => void (d.stores[0]!.nickname = '别人改的'));
        return files.read(p);
      },
    };
    const err = await importStores(ws, { path: path.join(FIX, 'stores-utf8.csv') }, racing).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringContaining('store "S001" (row 2) was changed by someone else') });
    expect(ws.data().stores.map((s) => [s.id, s.nickname])).toEqual([['S001', '别人改的'], ['S002', '强哥']]);
  });

  it('a bad row: every problem reported with row, column and reason, and nothing saved', async () => {
    const before = await readFile(ws.paths.studio, 'utf8');
    const r = await fromFixtures('stores-bad.csv');
    expect(r.saved).toBe(false);
    expect(r.errors).toEqual([
      { row: 3, column: '云店链接', message: 'must start with http:// or https://', code: 'value.notUrl' },
      { row: 4, column: '社群类型', message: expect.stringContaining('unknown group type "健身群"; known: 社区群 (community), 宝妈群 (moms)'), code: 'import.unknownGroup', params: { names: '"健身群"', known: '社区群 (community), 宝妈群 (moms)' } },
      { row: 5, column: '门店编号', message: 'the store id is empty', code: 'import.idEmpty' },
      { row: 6, column: '门店编号', message: 'store id "S010" already appears on row 2', code: 'import.idRepeated', params: { id: 'S010', row: 2 } },
    ]);
    expect(r.skipped).toBe(4);
    expect(ws.data().stores.map((s) => s.id)).toEqual(['S001', 'S002']);
    expect(await readFile(ws.paths.studio, 'utf8')).toBe(before);
  });

  it('--skip-invalid imports the good rows and reports the rest', async () => {
    const r = await fromFixtures('stores-bad.csv', { skipInvalid: true });
    expect(r).toMatchObject({ created: 1, skipped: 4, saved: true });
    expect(ws.data().stores.map((s) => s.id)).toEqual(['S001', 'S002', 'S010']);
  });

  it('dry run: previews creates and updates with their changes and writes nothing', async () => {
    const before = await readFile(ws.paths.studio, 'utf8');
    const r = await fromFixtures('stores-gbk.csv', { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, saved: false, created: 2, updated: 1, encoding: 'gb18030' });
    expect(r.preview[0]).toMatchObject({ row: 2, action: 'update', store: { id: 'S001' } });
    expect(r.preview[0]!.changes).toEqual(expect.arrayContaining(['address', 'avatar']));
    expect(r.preview.slice(1).map((p) => [p.row, p.action])).toEqual([[3, 'create'], [4, 'create']]);
    expect(await readFile(ws.paths.studio, 'utf8')).toBe(before);
    expect(await readdir(ws.paths.assets)).toEqual([]);
  });

  it('invalid bytes in a UTF-8 file: an error naming the row and column', async () => {
    const r = await fromFixtures('stores-broken-utf8.csv');
    expect(r.errors).toEqual([{ row: 3, column: '昵称', message: expect.stringContaining('not valid UTF-8'), code: 'import.badBytes', params: { encoding: 'UTF-8' } }]);
    expect(r.saved).toBe(false);
  });

  it('header problems stop the import even with skipInvalid; unknown columns are warnings', async () => {
    const file = path.join(dir, 'h.csv');
    await writeFile(file, '门店名称,店主,备注\n某店,某人,x\n');
    const r = await importStores(ws, { path: file }, folderAvatars(dir), { skipInvalid: true });
    expect(r.errors).toEqual([{ row: 1, column: '门店编号/store_id', message: expect.stringContaining('store id column is missing'), code: 'import.idColumnMissing' }]);
    expect(r.warnings).toEqual([{ row: 1, column: '备注', message: 'not a known column; ignored', code: 'import.unknownColumn' }]);
    expect(r.saved).toBe(false);
  });

  it('an unclosed quote is reported on the row where it starts', async () => {
    const file = path.join(dir, 'q.csv');
    await writeFile(file, 'store_id,store_name,owner_name\nS030,"好店,某人\nS031,店,人\n');
    const r = await importStores(ws, { path: file }, folderAvatars(dir));
    expect(r.errors).toEqual([{ row: 2, column: '', message: expect.stringContaining('never closed') }]);
  });
});

describe('avatar paths are resolved safely inside the table folder', () => {
  let base: string;
  beforeEach(async () => {
    base = path.join(dir, 'upload');
    await mkdir(path.join(base, 'avatars'), { recursive: true });
    await copyFile(path.join(FIX, 'avatars/wang.png'), path.join(base, 'avatars/ok.png'));
    await copyFile(path.join(FIX, 'avatars/wang.png'), path.join(dir, 'secret.png'));
    await symlink(path.join(dir, 'secret.png'), path.join(base, 'avatars/link.png'));
    await writeFile(path.join(base, 'avatars/note.txt'), 'not an image');
  });

  it('refuses ../ escapes, absolute and drive paths, URLs, symlinks leaving the folder and non-images', async () => {
    const rows = [
      ['S040', '../secret.png'],
      ['S041', 'avatars/../../secret.png'],
      ['S042', path.join(dir, 'secret.png')],
      ['S043', 'C:\\Users\\wang\\photo.png'],
      ['S044', '\\\\server\\share\\a.png'],
      ['S045', 'https://example.com/a.png'],
      ['S046', 'avatars/link.png'],
      ['S047', 'avatars/note.txt'],
      ['S048', 'avatars/missing.png'],
      ['S049', 'avatars\\ok.png'],
    ];
    const file = path.join(base, 'stores.csv');
    await writeFile(file, 'store_id,store_name,owner_name,avatar\n' + rows.map(([id, p]) => `${id},店${id},人,"${p}"`).join('\n') + '\n');
    const r = await importStores(ws, { path: file }, folderAvatars(base), { skipInvalid: true });
    const byRow = Object.fromEntries(r.errors.map((e) => [e.row, e.message]));
    expect(r.errors.every((e) => e.column === 'avatar')).toBe(true);
    expect(byRow[2]).toContain('leaves the table\'s folder');
    expect(byRow[3]).toContain('leaves the table\'s folder');
    expect(byRow[4]).toContain('absolute path');
    expect(byRow[5]).toContain('drive path');
    expect(byRow[6]).toContain('absolute path');
    expect(byRow[7]).toContain('is a URL');
    expect(byRow[8]).toContain('leads outside the table\'s folder');
    expect(byRow[9]).toContain('not a supported image');
    expect(byRow[10]).toContain('was not found');
    expect(byRow[11]).toBeUndefined(); // backslashes inside the folder are fine
    expect(ws.data().stores.map((s) => s.id)).toEqual(['S001', 'S002', 'S049']);
    expect(ws.data().assets).toHaveLength(1);
  });

  it('uploaded avatars (browser import) are matched by relative path', async () => {
    const png = await readFile(path.join(FIX, 'avatars/wang.png'));
    const bytes = Buffer.from('store_id,store_name,owner_name,avatar\nS050,店,人,photos/wang.png\nS051,店,人,photos/none.png\n');
    const r = await importStores(ws, { name: 'stores.csv', bytes }, uploadedAvatars([{ path: 'photos/wang.png', bytes: png }]), { skipInvalid: true });
    expect(r.errors).toEqual([{ row: 3, column: 'avatar', message: '"photos/none.png" is not among the uploaded images', code: 'import.avatarNotUploaded', params: { path: 'photos/none.png' } }]);
    expect(ws.data().stores.find((s) => s.id === 'S050')?.avatar).toBe(assetId(png));
  });
});
