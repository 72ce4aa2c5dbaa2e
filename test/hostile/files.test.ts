/**
 * Hostile paths and names: `../`, absolute and drive paths and symlinks in imports (avatars, bundles),
 * and output names (CON.png, 门店:A/B?.jpg, trailing dots and spaces, > 255 bytes) written on disk.
 * The name rules themselves are unit-tested in test/pack/names.test.ts; this file checks them on a
 * real file system and through the writers and importers.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { readBundle } from '../../src/bundle/bundle.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format.js';
import { expiryInstant } from '../../src/pack/manifest.js';
import { MAX_NAME_BYTES, packFolderName, safeName } from '../../src/pack/names.js';
import { writePack } from '../../src/pack/writer.js';
import { initWorkspace } from '../../src/setup/init.js';
import { assetId } from '../../src/workspace/index.js';
import { folderAvatars, importStores } from '../../src/workspace/import/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { realWorkspace, savedState, tempDir, treeHashes } from './helpers.js';
import { ctx } from '../helpers/session.js';

let root: { dir: string; cleanup: () => Promise<void> };
let png: Buffer;
beforeAll(async () => {
  root = await tempDir('files');
  png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#2E7D32' } }).png().toBuffer();
});
afterAll(() => root?.cleanup());

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

describe('output names are safe on every file system', () => {
  const hostile = [
    'CON.png', 'con', 'nul.tar.gz', 'COM1 .txt', 'LPT9', '门店:A/B?.jpg', '../../etc/passwd', '..', '.', '.hidden',
    '周末活动. . ', '  标题  ', 'a\u0000b\u001fc.jpg', 'C:\\Windows\\x.png', '\\\\server\\share', 'x'.repeat(300) + '.jpg',
    '社'.repeat(100) + '.png', '👨‍👩‍👧'.repeat(30), 'AUX.海报.jpg',
  ];

  it('every hostile name becomes one file directly inside the folder, ≤ 255 bytes, with no character Windows refuses', async () => {
    const dir = path.join(root.dir, 'names');
    await mkdir(dir);
    const made = hostile.map((n) => safeName(n));
    for (const name of made) {
      expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(name).not.toMatch(WINDOWS_BAD);
      expect(name.startsWith('.')).toBe(false);
      await writeFile(path.join(dir, name), 'x');
    }
    // Each one is a plain entry of `dir`: no sub-folder was created, nothing was written elsewhere.
    expect((await readdir(dir)).sort()).toEqual([...new Set(made)].sort());
    expect(safeName('门店:A/B?.jpg')).toBe('门店_A_B_.jpg');
    expect(safeName('CON.png')).toBe('_CON.png');
  });

  it('the unmade name really is too long for the disk (why the 255-byte rule exists)', async () => {
    await expect(writeFile(path.join(root.dir, 'x'.repeat(300) + '.jpg'), 'x')).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
  });

  it('a pack for a store named like a path stays one folder inside packs/', async () => {
    const out = path.join(root.dir, 'packs');
    await mkdir(out);
    const poster = path.join(root.dir, 'p.jpg');
    await writeFile(poster, png);
    for (const storeName of ['../../escape', '/etc', 'CON', '门店:A/B?', 'trailing. . ']) {
      const store = { id: 's1', storeName, ownerName: '王' };
      const folder = packFolderName(store);
      const title = safeName(`${storeName} 活动`);
      await writePack(out, {
        folder,
        packKey: 'e'.repeat(64),
        store,
        brand: { name: '品牌', color: '#B5482E' },
        createdAt: '2026-11-01T10:00:00.000Z',
        entries: [
          {
            meta: { post: { id: 'p1', title, validFrom: '2026-01-01', validUntil: '2099-12-31' }, group: { id: 'g', name: '社区群', tip: '' }, dir: `社区群/${title}`, link: 'https://x.example/', expiresAt: expiryInstant('2099-12-31'), templates: [] },
            files: [{ name: safeName('CON.jpg'), role: 'poster', from: poster, posterSize: '1x1' }],
          },
        ],
      });
      expect(folder.startsWith('s1-')).toBe(true);
      expect(await readdir(path.join(out, folder))).toContain('manifest.json');
    }
    expect(await readdir(root.dir)).not.toContain('escape');
    const files = Object.keys(await treeHashes(out));
    expect(files.every((f) => !f.split('/').includes('..'))).toBe(true);
    expect(files.filter((f) => f.endsWith('_CON.jpg'))).toHaveLength(5);
  });
});

describe('imported paths cannot leave where they belong', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await realWorkspace(path.join(root.dir, 'imp'), minimalStudio());
  });
  afterAll(() => ws?.close());

  it('stores.importData: an uploaded avatar path with ../, an absolute or a drive path is refused naming files[i].path; nothing saved', async () => {
    const csv = Buffer.from('store_id,store_name,owner_name,avatar\nS200,店,人,a.png\n').toString('base64');
    for (const [i, bad] of ['../a.png', '/etc/a.png', 'C:\\Users\\a.png', 'photos/../../a.png', 'a\u0000.png'].entries()) {
      const before = await savedState(ws);
      const files = [{ path: 'ok.png', base64: png.toString('base64') }, { path: bad, base64: png.toString('base64') }];
      const err = await dispatch('stores.importData', { name: 'stores.csv', base64: csv, files }, ctx(ws)).catch((e) => e);
      expect(err, `case ${i}: ${bad}`).toMatchObject({ code: 'bad_input', field: 'files[1].path' });
      expect(err.message).toMatch(/^files\[1\]\.path: /);
      expect(await savedState(ws)).toEqual(before);
    }
  });

  it('a symlinked folder next to the table that leads outside it is refused on its row', async () => {
    const base = path.join(root.dir, 'table');
    const outside = path.join(root.dir, 'outside');
    await mkdir(base);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.png'), png);
    await symlink(outside, path.join(base, 'photos'));
    await writeFile(path.join(base, 'stores.csv'), 'store_id,store_name,owner_name,avatar\nS300,店,人,photos/secret.png\n');
    const before = await savedState(ws);
    const r = await importStores(ws, { path: path.join(base, 'stores.csv') }, folderAvatars(base));
    expect(r.errors).toEqual([{ row: 2, column: 'avatar', message: '"photos/secret.png" is a link that leads outside the table\'s folder', code: 'import.avatarLinkOutside', params: { path: 'photos/secret.png' } }]);
    expect(r.saved).toBe(false);
    expect(await savedState(ws)).toEqual(before);
  });

  it('files.image refuses absolute, drive and NUL paths without reading them', async () => {
    for (const p of ['/etc/passwd', 'C:\\Windows\\win.ini', 'renders/\u0000x.png', '../../../../etc/passwd']) {
      const err = await dispatch('files.image', { path: p }, ctx(ws)).catch((e) => e);
      expect(['forbidden', 'not_found', 'bad_input'], p).toContain(err.code);
      expect(err.message).not.toMatch(/root:/);
    }
  });
});

describe('bundles: asset names are only labels, never paths', () => {
  const bundleWith = (assets: { id: string; name: string; base64: string }[], data = minimalStudio()) => ({
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    data,
    assets,
  });

  it('init --from a bundle whose asset names are ../, absolute and drive paths stores them by hash inside assets/', async () => {
    const names = ['../../../evil.png', '/etc/cron.d/evil.png', 'C:\\Windows\\System32\\evil.png'];
    const blobs = await Promise.all(names.map((_, i) => sharp({ create: { width: 4 + i, height: 4, channels: 3, background: '#000' } }).png().toBuffer()));
    const file = path.join(root.dir, 'evil-bundle.json');
    await writeFile(file, JSON.stringify(bundleWith(blobs.map((b, i) => ({ id: assetId(b), name: names[i]!, base64: b.toString('base64') })))));
    const dir = path.join(root.dir, 'from-bundle');
    const ws = await initWorkspace(dir, { from: file });
    try {
      expect(ws.data().assets.map((a) => a.name)).toEqual(['evil.png', 'evil.png', 'evil.png']);
      expect((await readdir(path.join(dir, 'assets'))).sort()).toEqual(blobs.map((b) => `${assetId(b)}.png`).sort());
      expect(await readdir(root.dir)).not.toContain('evil.png');
      for (const b of blobs) expect((await readFile(ws.assets.path(assetId(b)))).equals(b)).toBe(true);
    } finally {
      await ws.close();
    }
  });

  it('a bundle record whose extension is a path is refused naming the field; no workspace is made', async () => {
    const data = minimalStudio();
    data.assets.push({ id: assetId(png), name: 'a.png', mime: 'image/png', size: png.length, ext: '/../../x' });
    const file = path.join(root.dir, 'bad-ext.json');
    await writeFile(file, JSON.stringify(bundleWith([{ id: assetId(png), name: 'a.png', base64: png.toString('base64') }], data)));
    await expect(readBundle(file)).rejects.toMatchObject({ field: 'data.assets[0].ext' });
    const dir = path.join(root.dir, 'never-made');
    await expect(initWorkspace(dir, { from: file })).rejects.toThrow(/data\.assets\[0\]\.ext/);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a bundle passes the same door as an import: bidi/control characters in store names and ids differing only in case are refused naming the store; no workspace is made', async () => {
    const bidi = minimalStudio();
    bidi.stores[0]!.storeName = '好邻居\u202Egpj.exe';
    const caseTwin = minimalStudio();
    caseTwin.stores.push({ ...caseTwin.stores[0]!, id: caseTwin.stores[0]!.id.toUpperCase() });
    const bell = minimalStudio();
    bell.stores[0]!.ownerName = '王\u0007姐';
    for (const [name, data, field] of [
      ['bidi', bidi, 'data.stores[0].storeName'],
      ['case', caseTwin, `data.stores[${caseTwin.stores.length - 1}].id`],
      ['bell', bell, 'data.stores[0].ownerName'],
    ] as const) {
      const file = path.join(root.dir, `store-${name}.json`);
      await writeFile(file, JSON.stringify(bundleWith([], data)));
      await expect(readBundle(file)).rejects.toMatchObject({ field });
      const dir = path.join(root.dir, `never-made-${name}`);
      await expect(initWorkspace(dir, { from: file })).rejects.toThrow(field);
      await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });
});
