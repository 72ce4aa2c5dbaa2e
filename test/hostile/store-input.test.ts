/**
 * Issue 15 points 3–7: what the store import, the api and the template versions let in.
 * 3. an avatar of 100000×100000 pixels is refused in the dry run naming row and column; with
 *    --skip-invalid the good rows are saved and no asset is written for the refused row;
 * 4. an SVG declaring 100000×100000 is refused at upload;
 * 5. control (BEL, ESC) and bidi override/isolate characters in store names are refused at import
 *    (row and column named) and in the api; any that reach a file name are replaced;
 * 6. template sources that were not valid UTF-8 are refused (api and CLI);
 * 7. store ids differing only in letter case are refused naming both rows (or the existing store).
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { safeName } from '../../src/pack/names.js';
import type { Workspace } from '../../src/workspace/types.js';
import { runCli } from '../../src/cli/main.js';
import { minimalStudio } from '../helpers/studio.js';
import { demoStudio } from '../../src/setup/demo.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { ctx } from '../helpers/session.js';
import { pngHeaderBomb, realWorkspace, savedState, tempDir } from './helpers.js';
import sharp from 'sharp';
import { vi } from 'vitest';

let root: { dir: string; cleanup: () => Promise<void> };
let ws: Workspace;
let goodPng: Buffer;
beforeAll(async () => {
  root = await tempDir('store-input');
  ws = await realWorkspace(root.dir, minimalStudio());
  goodPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3366AA' } }).png().toBuffer();
});
afterAll(async () => {
  await ws?.close();
  await root?.cleanup();
});

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const importCsv = (csv: string, opts: { dryRun?: boolean; skipInvalid?: boolean } = {}, files: { path: string; base64: string }[] = []) =>
  dispatch('stores.importData', { name: 'stores.csv', base64: b64(csv), files, ...opts }, ctx(ws));
const assets = () => readdir(ws.paths.assets).then((n) => n.filter((x) => !x.startsWith('.')).sort());

describe('point 3: avatar pixel limits are checked in the dry run, by row', () => {
  const csv = 'store_id,store_name,owner_name,avatar\nP1,好店,王,ok.png\nP2,坏图店,李,huge.png\n';
  const files = () => [
    { path: 'ok.png', base64: b64(goodPng) },
    { path: 'huge.png', base64: b64(pngHeaderBomb()) },
  ];

  it('--dry-run names row 3 and the avatar column instead of "would import" it', async () => {
    const before = await savedState(ws);
    const r = await importCsv(csv, { dryRun: true }, files());
    expect(r.errors).toEqual([{ row: 3, column: 'avatar', message: expect.stringMatching(/"huge\.png" is 100000×100000 pixels, larger than 50 MP/), code: 'asset.tooManyPixels', params: expect.objectContaining({ width: 100000, height: 100000 }) }]);
    expect(r.preview.map((p) => p.store.id)).toEqual(['P1']);
    expect(await savedState(ws)).toEqual(before);
  });

  it('the real import refuses naming the row; --skip-invalid saves the good row and writes no asset for the refused one', async () => {
    const before = await assets();
    const refused = await importCsv(csv, {}, files());
    expect(refused.saved).toBe(false);
    expect(refused.errors[0]).toMatchObject({ row: 3, column: 'avatar' });
    expect(await assets()).toEqual(before);
    const r = await importCsv(csv, { skipInvalid: true }, files());
    expect(r).toMatchObject({ saved: true, created: 1, skipped: 1 });
    expect(ws.data().stores.map((s) => s.id)).toContain('P1');
    expect(ws.data().stores.map((s) => s.id)).not.toContain('P2');
    const added = (await assets()).filter((n) => !before.includes(n));
    expect(added).toHaveLength(1); // ok.png only
    expect(ws.data().assets.map((a) => a.id + a.ext)).toEqual(expect.arrayContaining(added));
  });
});

describe('point 4: an SVG declaring 100000×100000 is refused at upload', () => {
  it.each([
    ['width/height', '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>'],
    ['viewBox only', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 100000"><rect width="10" height="10"/></svg>'],
  ])('%s: bad_input naming the file; nothing saved; a 64×64 SVG still goes in', async (_name, svg) => {
    const before = await savedState(ws);
    const err = await dispatch('assets.upload', { name: 'big.svg', base64: b64(svg) }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_input', message: expect.stringContaining('"big.svg" is an SVG declaring 100000×100000 pixels') });
    expect(await savedState(ws)).toEqual(before);
    const ok = await dispatch('assets.upload', { name: 'small.svg', base64: b64('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="10" height="10"/></svg>') }, ctx(ws));
    expect(ok.mime).toBe('image/svg+xml');
  });
});

describe('point 5: control and bidi characters in store names', () => {
  it.each([
    ['BEL', '叮\u0007店', 'U+0007 (BEL)'],
    ['an ESC sequence', '\u001b[31m红店\u001b[0m', 'U+001B (ESC)'],
    ['a C1 control (CSI)', '店\u009b2J', 'U+009B'],
    ['a right-to-left override', '门店\u202egpj.exe.zip', 'U+202E (right-to-left override)'],
    ['a first strong isolate', '门店\u2068x', 'U+2068 (first strong isolate)'],
  ])('%s is refused at import naming row and column, and by stores.save naming the field', async (_name, storeName, code) => {
    const before = await savedState(ws);
    const csv = `store_id,store_name,owner_name\nC1,普通店,王\nC2,"${storeName}",李\n`;
    const r = await importCsv(csv, { dryRun: true });
    expect(r.errors).toEqual([{ row: 3, column: 'store_name', message: expect.stringContaining(code), code: 'value.controlChar', params: { char: expect.stringContaining(code), position: expect.any(Number) } }]);
    expect(r.preview.map((p) => p.store.id)).toEqual(['C1']);
    const err = await dispatch('stores.save', { store: { id: 'C2', storeName, ownerName: '李' } }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_input', field: 'store.storeName', message: expect.stringContaining(code) });
    expect(await savedState(ws)).toEqual(before);
  });

  it('owner names and nicknames too; a line break in a catchphrase stays allowed', async () => {
    const csv = 'store_id,store_name,owner_name,nickname,catchphrase\nC3,店,"王\u001b]0;x\u0007",小王,"早上好\n晚上好"\nC4,店,李,"\u202e昵称",hi\n';
    const r = await importCsv(csv, { dryRun: true });
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'owner_name'],
      [3, 'nickname'],
    ]);
  });

  it('any that reach a file name are replaced (pack folders and files)', () => {
    expect(safeName('门店\u202egpj.exe.zip')).toBe('门店_gpj.exe.zip');
    expect(safeName('a\u2066b\u2069c\u009bd')).toBe('a_b_c_d');
  });
});

describe('point 6: template sources that are not valid UTF-8', () => {
  let demoDir: string;
  let caption: string;
  beforeAll(async () => {
    const { data, assets } = await demoStudio();
    const dir = path.join(root.dir, 'demo');
    const demo = await realWorkspace(dir, data, assets);
    demoDir = demo.dir;
    caption = demo.data().templates.find((t) => t.kind === 'caption')!.id;
    await demo.close();
  });

  it('templates.addVersion refuses a source carrying U+FFFD (bytes a decoder could not read) or a lone surrogate, naming the line', async () => {
    const demo = await openWorkspace(demoDir);
    try {
      const before = await savedState(demo);
      for (const source of ['{{vars.storeName}}\n\uFFFD\uFFFD新品上市', '{{vars.storeName}} \ud800']) {
        const err = await dispatch('templates.addVersion', { template: caption, source }, ctx(demo)).catch((e) => e);
        expect(err).toMatchObject({ code: 'bad_input', field: 'source', message: expect.stringMatching(/line \d+ holds bytes that are not valid UTF-8/) });
      }
      expect(await savedState(demo)).toEqual(before);
    } finally {
      await demo.close();
    }
  });

  it('shequn template add-version --file with GBK bytes: exit 2 naming the file and line; nothing saved', async () => {
    const file = path.join(root.dir, 'gbk.hbs');
    await writeFile(file, Buffer.concat([Buffer.from('{{vars.storeName}}\n'), Buffer.from([0xd0, 0xc2, 0xc6, 0xb7])]));
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      const code = await runCli(['template', 'add-version', '-w', demoDir, '--template', caption, '--file', file]);
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toMatch(/--file .*gbk\.hbs is not valid UTF-8 \(first bad bytes on line 2\)/);
  });
});

describe('point 7: store ids differing only in letter case', () => {
  it('two rows d001 / D001 are refused naming both rows', async () => {
    const r = await importCsv('store_id,store_name,owner_name\nd001,店一,王\nD001,店二,李\n', { dryRun: true });
    expect(r.errors).toEqual([{ row: 3, column: 'store_id', message: expect.stringMatching(/"D001" differs from "d001" on row 2 only in letter case/), code: 'import.idCaseTwin', params: { id: 'D001', other: 'd001', row: 2 } }]);
  });

  it('a row whose id differs from an existing store only in case is refused naming that store; stores.save too', async () => {
    const existing = ws.data().stores[0]!.id;
    const twin = existing === existing.toLowerCase() ? existing.toUpperCase() : existing.toLowerCase();
    const r = await importCsv(`store_id,store_name,owner_name\n${twin},店,王\n`, { dryRun: true });
    expect(r.errors).toEqual([{ row: 2, column: 'store_id', message: expect.stringContaining(`differs from the existing store "${existing}" only in letter case`), code: 'import.idCaseExisting', params: { id: twin, other: existing } }]);
    const before = await savedState(ws);
    const err = await dispatch('stores.save', { store: { id: twin, storeName: '店', ownerName: '王' } }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict', field: 'store.id', message: expect.stringContaining(existing) });
    expect(await savedState(ws)).toEqual(before);
  });
});
