import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetId, createWorkspace, openWorkspace, sniffImage, type Workspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';

let dir: string;
let ws: Workspace;
let png: Buffer;
let jpeg: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-assets-'));
  const img = sharp({ create: { width: 8, height: 8, channels: 3, background: '#C8102E' } });
  png = await img.clone().png().toBuffer();
  jpeg = await img.clone().jpeg().toBuffer();
  ws = await createWorkspace(dir, minimalStudio(), [{ name: 'logo.png', bytes: png }]);
});
afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('content-addressed asset store', () => {
  it('createWorkspace stores initial assets by sha256 with their original names', async () => {
    const id = assetId(png);
    expect(ws.assets.get(id)).toEqual({ id, name: 'logo.png', mime: 'image/png', size: png.length, ext: '.png' });
    expect(ws.assets.path(id)).toBe(path.join(dir, 'assets', `${id}.png`));
    expect(await ws.assets.read(id)).toEqual(png);
  });

  it('put deduplicates identical bytes and detects the type from content, not the name', async () => {
    const a = await ws.assets.put(jpeg, 'C:\\photos\\王芳.png');
    const b = await ws.assets.put(jpeg, 'copy.jpg');
    expect(a).toEqual(b);
    expect(a).toMatchObject({ mime: 'image/jpeg', ext: '.jpg', name: '王芳.png' });
    expect((await readdir(path.join(dir, 'assets'))).filter((n) => n.startsWith(a.id))).toEqual([`${a.id}.jpg`]);
    expect(ws.data().assets.filter((r) => r.id === a.id)).toHaveLength(1);
  });

  it('recognises png, jpeg, webp, gif and svg by magic bytes', async () => {
    const webp = await sharp(png).webp().toBuffer();
    const gif = await sharp(png).gif().toBuffer();
    const svg = Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    expect([png, jpeg, webp, gif, svg].map((b) => sniffImage(b)?.ext)).toEqual(['.png', '.jpg', '.webp', '.gif', '.svg']);
  });

  it('refuses unknown types and scripted SVG with an error naming the file', async () => {
    await expect(ws.assets.put(Buffer.from('%PDF-1.7 ...'), 'menu.pdf')).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('"menu.pdf" is not a supported image') });
    const evil = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    await expect(ws.assets.put(evil, 'evil.svg')).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('"evil.svg"') });
    await expect(ws.assets.put(Buffer.alloc(0), 'empty.png')).rejects.toMatchObject({ message: expect.stringContaining('"empty.png" is empty') });
  });

  it('read and path report a missing asset as not_found naming the id; bad ids are refused', async () => {
    const missing = 'a'.repeat(64);
    await expect(ws.assets.read(missing)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining(missing) });
    expect(() => ws.assets.path('../../etc/passwd')).toThrow(/not an asset id/);
  });

  it('records survive a reopen', async () => {
    await ws.close();
    ws = await openWorkspace(dir);
    expect(ws.data().assets.map((a) => a.name).sort()).toEqual(['logo.png', '王芳.png']);
    expect(await readFile(ws.assets.path(assetId(jpeg)))).toEqual(jpeg);
  });
});
