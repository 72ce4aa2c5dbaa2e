import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, openWorkspace, type Workspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';

let dir: string;
let studio: string;
const open: Workspace[] = [];
const track = (ws: Workspace) => (open.push(ws), ws);

/** A workspace with a few writes behind it, so .backups/ holds good documents. */
async function workspaceWithHistory(): Promise<string> {
  const ws = await createWorkspace(dir, minimalStudio());
  await ws.update((d) => void (d.brand.slogan = 'first edit'));
  await ws.update((d) => void (d.brand.slogan = 'second edit'));
  await ws.close();
  return readFile(studio, 'utf8');
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-rec-'));
  studio = path.join(dir, 'studio.json');
});
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('recovery from a damaged studio.json', () => {
  it('an empty file: restores the newest good backup, tells the user, keeps the damaged file', async () => {
    await workspaceWithHistory();
    await writeFile(studio, '');
    const ws = track(await openWorkspace(dir));
    expect(ws.data().brand.slogan).toBe('first edit'); // the backup taken before the last write
    expect(ws.notices).toHaveLength(1);
    expect(ws.notices[0]).toMatch(/studio\.json was damaged \(it is empty/);
    const backupName = /restored the backup (\.backups\/studio-[^;]+\.json)/.exec(ws.notices[0]!)?.[1];
    expect(backupName).toBeTruthy();
    // The live file now holds the backup's document — not defaults.
    const onDisk = JSON.parse(await readFile(studio, 'utf8'));
    expect(onDisk.brand.slogan).toBe('first edit');
    expect(onDisk.stores).toHaveLength(2);
    const damaged = (await readdir(path.join(dir, '.backups'))).filter((n) => n.startsWith('damaged-'));
    expect(damaged).toHaveLength(1);
    expect(await readFile(path.join(dir, '.backups', damaged[0]!), 'utf8')).toBe('');
  });

  it('a truncated file: restored the same way, the cut-short bytes kept aside', async () => {
    const good = await workspaceWithHistory();
    const cut = good.slice(0, Math.floor(good.length / 2));
    await writeFile(studio, cut);
    const ws = track(await openWorkspace(dir));
    expect(ws.data().stores.map((s) => s.id)).toEqual(['S001', 'S002']);
    expect(ws.notices[0]).toContain('studio.json was damaged');
    expect(ws.notices[0]).toContain('restored the backup .backups/studio-');
    const damaged = (await readdir(path.join(dir, '.backups'))).find((n) => n.startsWith('damaged-'))!;
    expect(await readFile(path.join(dir, '.backups', damaged), 'utf8')).toBe(cut);
    // Writing works again afterwards.
    await ws.update((d) => void (d.brand.slogan = 'after repair'));
  });

  it('JSON that does not validate counts as damaged and names the field', async () => {
    await workspaceWithHistory();
    const doc = JSON.parse(await readFile(studio, 'utf8'));
    doc.stores[0].cloudStoreUrl = 'not a url';
    await writeFile(studio, JSON.stringify(doc));
    const ws = track(await openWorkspace(dir));
    expect(ws.notices[0]).toContain('stores[0].cloudStoreUrl');
    expect(ws.data().stores[0]!.cloudStoreUrl).toBe('https://shop.example.com/s/S001');
  });

  it('skips damaged backups and uses the newest good one', async () => {
    await workspaceWithHistory();
    const backups = (await readdir(path.join(dir, '.backups'))).filter((n) => n.startsWith('studio-')).sort();
    await writeFile(path.join(dir, '.backups', backups.at(-1)!), '{"schemaVersion": 2, "bra');
    await writeFile(studio, '{');
    const ws = track(await openWorkspace(dir));
    expect(ws.notices[0]).toContain(backups.at(-2)!);
    expect(ws.data().brand.slogan).toBe('好吃不贵，邻里常聚'); // the document as created
  });

  it('read-only: shows the backup but changes nothing on disk', async () => {
    await workspaceWithHistory();
    await writeFile(studio, '');
    const ws = track(await openWorkspace(dir, { readOnly: true }));
    expect(ws.data().brand.slogan).toBe('first edit');
    expect(ws.notices[0]).toContain('nothing was changed on disk');
    expect(await readFile(studio, 'utf8')).toBe('');
  });

  it('no usable backup: a clear error naming the file, and the file left as it is', async () => {
    await (await createWorkspace(dir, minimalStudio())).close(); // no writes yet: no backups
    await writeFile(studio, '{"schemaVersion": 2, "brand": ');
    const err = await openWorkspace(dir).catch((e) => e);
    expect(err.code).toBe('bad_input');
    expect(err.message).toContain(studio);
    expect(err.message).toContain('no usable backup');
    expect(await readFile(studio, 'utf8')).toBe('{"schemaVersion": 2, "brand": ');
    // The failed open released its lock.
    expect((await readdir(dir)).includes('.studio.lock')).toBe(false);
  });
});
