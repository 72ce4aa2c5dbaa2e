import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { ctx } from '../helpers/session.js';

let dir: string;
let ws: Workspace;
let png: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sq-assets-'));
  ws = await createWorkspace(path.join(dir, 'ws'), minimalStudio());
  png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#C8102E' } }).png().toBuffer();
});
afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('assets.upload / assets.read / files.image', () => {
  it('stores an uploaded image by sha256 and reads it back, scaled when asked', async () => {
    const rec = await dispatch('assets.upload', { name: '头像.png', base64: png.toString('base64') }, ctx(ws));
    expect(rec).toMatchObject({ name: '头像.png', mime: 'image/png', ext: '.png', size: png.length });
    expect(ws.data().assets.some((a) => a.id === rec.id)).toBe(true);
    const full = await dispatch('assets.read', { id: rec.id }, ctx(ws));
    expect(Buffer.from(full.base64, 'base64').equals(png)).toBe(true);
    const thumb = await dispatch('assets.read', { id: rec.id, width: 100 }, ctx(ws));
    expect(thumb).toMatchObject({ mime: 'image/webp', width: 100, height: 50 });
  });

  it('refuses a file that is not an image, naming it', async () => {
    await expect(dispatch('assets.upload', { name: 'list.csv', base64: Buffer.from('a,b\n1,2').toString('base64') }, ctx(ws))).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('list.csv'),
    });
  });

  it('reads images under renders/ only, never outside the workspace', async () => {
    await mkdir(path.join(ws.dir, 'renders', 'proofs'), { recursive: true });
    await writeFile(path.join(ws.dir, 'renders', 'proofs', 'p.png'), png);
    const img = await dispatch('files.image', { path: 'renders/proofs/p.png' }, ctx(ws));
    expect(img.mime).toBe('image/png');
    await writeFile(path.join(dir, 'outside.png'), png);
    await expect(dispatch('files.image', { path: '../outside.png' }, ctx(ws))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch('files.image', { path: 'studio.json' }, ctx(ws))).rejects.toMatchObject({ code: 'forbidden' });
    await symlink(path.join(dir, 'outside.png'), path.join(ws.dir, 'renders', 'link.png'));
    await expect(dispatch('files.image', { path: 'renders/link.png' }, ctx(ws))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch('files.image', { path: 'renders/missing.png' }, ctx(ws))).rejects.toMatchObject({ code: 'not_found' });
  });
});
