import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { ValidationError } from '../../src/model/validate.js';
import { createWorkspace, openWorkspace, type Workspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';

let dir: string;
const open: Workspace[] = [];
const track = (ws: Workspace) => (open.push(ws), ws);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-ws-'));
});
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('workspace round trip on a real file', () => {
  it('creates the folder layout and writes studio.json that a fresh open reads back', async () => {
    const ws = await createWorkspace(dir, minimalStudio());
    expect((await readdir(dir)).sort()).toEqual(['.backups', '.studio.lock', 'assets', 'packs', 'renders', 'studio.json']);
    await ws.update((d) => {
      d.stores[0]!.nickname = '芳芳';
    });
    await ws.close();

    const onDisk = JSON.parse(await readFile(path.join(dir, 'studio.json'), 'utf8'));
    expect(onDisk.stores[0].nickname).toBe('芳芳');
    expect(onDisk.schemaVersion).toBe(2);

    const again = track(await openWorkspace(dir));
    expect(again.data().stores.map((s) => s.nickname)).toEqual(['芳芳', '强哥']);
    expect(again.notices).toEqual([]);
    expect(again.readOnly).toBe(false);
  });

  it('refuses to create over an existing studio.json', async () => {
    await (await createWorkspace(dir, minimalStudio())).close();
    const err = await createWorkspace(dir, minimalStudio()).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('studio.json already exists');
  });

  it('writes atomically: every write replaces the file by rename and leaves no temp file', async () => {
    const ws = track(await createWorkspace(dir, minimalStudio()));
    const file = path.join(dir, 'studio.json');
    const inodes = [(await stat(file)).ino];
    for (let i = 0; i < 3; i++) {
      await ws.update((d) => {
        d.brand.slogan = `slogan ${i}`;
      });
      inodes.push((await stat(file)).ino);
    }
    // A new inode per write means the file was swapped in whole (temp + rename), not rewritten in
    // place: each write's file differs from the one before it (the temp file is made while the old
    // one still exists). An inode number freed by one rename may come back two writes later.
    for (let i = 1; i < inodes.length; i++) expect(inodes[i]).not.toBe(inodes[i - 1]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed validation names the field and leaves data and file unchanged', async () => {
    const ws = track(await createWorkspace(dir, minimalStudio()));
    const file = path.join(dir, 'studio.json');
    const before = await readFile(file, 'utf8');
    const err = await ws
      .update((d) => {
        d.stores[1]!.cloudStoreUrl = 'ftp://nope';
        d.brand.name = 'changed';
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.field).toBe('stores[1].cloudStoreUrl');
    expect(err.message).toContain('stores[1].cloudStoreUrl');
    expect(ws.data().brand.name).toBe('禾田小食');
    expect(await readFile(file, 'utf8')).toBe(before);
    // An exception inside the change function changes nothing either.
    await expect(ws.update((d) => ((d.brand.name = 'x'), (() => { throw new Error('boom'); })()))).rejects.toThrow('boom');
    expect(ws.data().brand.name).toBe('禾田小食');
  });

  it('keeps the previous good document as a backup before each write, the last 10 only', async () => {
    const ws = track(await createWorkspace(dir, minimalStudio()));
    for (let i = 0; i < 13; i++) {
      await ws.update((d) => {
        d.brand.slogan = `v${i}`;
      });
    }
    const backups = (await readdir(path.join(dir, '.backups'))).filter((n) => n.startsWith('studio-')).sort();
    expect(backups).toHaveLength(10);
    const newest = JSON.parse(await readFile(path.join(dir, '.backups', backups.at(-1)!), 'utf8'));
    expect(newest.brand.slogan).toBe('v11'); // the document before the last write (v12)
  });

  it('queues concurrent updates so none is lost', async () => {
    const ws = track(await createWorkspace(dir, minimalStudio()));
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ws.update((d) => {
          d.users.push({ id: `u${i}`, name: '', role: 'editor' });
        }),
      ),
    );
    await ws.close();
    const again = track(await openWorkspace(dir, { readOnly: true }));
    expect(again.data().users.map((u) => u.id).sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
  });

  it('a nested update is refused instead of waiting for itself forever', async () => {
    const ws = track(await createWorkspace(dir, minimalStudio()));
    const err = await ws
      .update(async (d) => {
        d.brand.slogan = 'outer';
        await ws.update((inner) => void (inner.brand.slogan = 'inner'));
      })
      .catch((e) => e);
    expect(err.message).toContain('called inside ws.update()');
    expect(ws.data().brand.slogan).toBe('好吃不贵，邻里常聚');
    await ws.update((d) => void (d.brand.slogan = 'after'));
    expect(ws.data().brand.slogan).toBe('after');
  });

  it('read-only opens take no lock and refuse updates', async () => {
    await (await createWorkspace(dir, minimalStudio())).close();
    const writer = track(await openWorkspace(dir));
    const reader = track(await openWorkspace(dir, { readOnly: true }));
    expect(reader.readOnly).toBe(true);
    const err = await reader.update(() => undefined).catch((e) => e);
    expect(err.code).toBe('read_only');
    await writer.update((d) => void (d.brand.slogan = 'still writable'));
  });

  it('opening a folder without studio.json is a clear not_found', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    const err = await openWorkspace(dir).catch((e) => e);
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('no studio.json');
    await expect(stat(path.join(dir, '.studio.lock'))).rejects.toThrow();
  });
});
