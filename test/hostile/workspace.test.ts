/**
 * The workspace under hostile conditions: a writer killed with SIGKILL mid-write (studio.json must
 * parse as the old or the new version), a damaged studio.json reported to the user through the api,
 * a second writer process refused naming the holder, and a newer schema opened read-only.
 * Recovery, the lock and the newer schema are unit-tested in test/workspace/{recovery,lock,migrations}.test.ts.
 */
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { SCHEMA_VERSION, StudioData } from '../../src/model/index.js';
import { createWorkspace, openWorkspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';
import { savedState, tempDir } from './helpers.js';
import { ctx } from '../helpers/session.js';

const CHILD = path.resolve('test/hostile/fixtures/write-loop.ts');
const CLI = path.resolve('bin/shequn.mjs');

let root: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  root = await tempDir('ws');
});
afterAll(() => root?.cleanup());

/** A studio with `n` extra stores, so one write takes long enough to be interrupted. */
function bigStudio(n: number) {
  const data = minimalStudio();
  for (let i = 0; i < n; i++) {
    data.stores.push({ ...structuredClone(data.stores[1]!), id: `K${i}`, storeName: `禾田小食·第${i}号店`, address: `幸福里小区${i}号楼东门`.repeat(3) });
  }
  return StudioData.parse(data);
}

/**
 * Runs the write loop in a child and SIGKILLs it after its first confirmed write: `delayMs` later, or
 * (`'tmp'`) the moment the writer creates its temporary file, i.e. inside the file write. Returns the
 * write the child started from and the last one it confirmed.
 */
function writeThenKill(dir: string, mode: 'workspace' | 'raw', when: number | 'tmp'): Promise<{ start: number; lastOk: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let start = -1;
    let lastOk = -1;
    let stderr = '';
    let watcher: FSWatcher | undefined;
    child.stderr!.on('data', (c) => (stderr += c));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, n] = line.split(' ');
      if (word === 'ready') {
        start = Number(n);
        lastOk = start;
      } else if (word === 'ok') {
        if (lastOk === start) {
          if (when === 'tmp') {
            watcher = watch(dir, (_event, name) => {
              if (name === '.studio.json.tmp') child.kill('SIGKILL');
            });
          } else setTimeout(() => child.kill('SIGKILL'), when);
        }
        lastOk = Number(n);
      }
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      watcher?.close();
      if (signal !== 'SIGKILL') return reject(new Error(`the writer ended by itself (${code}): ${stderr}`));
      resolve({ start, lastOk });
    });
  });
}

describe('kill -9 during a write', () => {
  /** Kills a writer once per delay and checks studio.json after each kill; returns the confirmed writes and the rounds that left lowdb's temp file (killed inside the file write). */
  async function killRounds(dir: string, mode: 'workspace' | 'raw', delays: (number | 'tmp')[]): Promise<{ total: number; midWrite: number }> {
    const studio = path.join(dir, 'studio.json');
    let total = 0;
    let midWrite = 0;
    for (const delayMs of delays) {
      const { start, lastOk } = await writeThenKill(dir, mode, delayMs);
      const text = await readFile(studio, 'utf8');
      const parsed = StudioData.safeParse(JSON.parse(text));
      expect(parsed.success, `${mode}, killed ${delayMs} ms in: studio.json does not validate`).toBe(true);
      const k = Number(/^v(\d+)$/.exec(parsed.data!.brand.slogan)?.[1] ?? 0);
      expect([lastOk, lastOk + 1], `${mode}, killed ${delayMs} ms in: confirmed v${lastOk}, file holds v${k}`).toContain(k);
      // Never a mix of two versions: every store carries the same write number.
      if (k > 0) expect(new Set(parsed.data!.stores.map((s) => s.catchphrase))).toEqual(new Set([`第${k}次写入`]));
      total += lastOk - start;
      if ((await readdir(dir)).some((n) => n.endsWith('.tmp'))) midWrite++;
    }
    return { total, midWrite };
  }

  it('through the workspace (lock, backup, validation, write): studio.json is always the version before or after, and reopens cleanly', async () => {
    const dir = path.join(root.dir, 'killed');
    await (await createWorkspace(dir, bigStudio(300))).close();
    const { total } = await killRounds(dir, 'workspace', [3, 'tmp', 29]);
    expect(total).toBeGreaterThanOrEqual(3); // every kill landed in a running stream of writes
    const ws = await openWorkspace(dir); // the dead writer's lock is taken over
    try {
      expect(ws.notices).toEqual([]);
      expect(ws.readOnly).toBe(false);
      await ws.update((d) => void (d.brand.slogan = 'after the kills'));
    } finally {
      await ws.close();
    }
  }, 60_000);

  it('inside the file write itself (lowdb writer in a tight loop on a 1 MB document): never torn', async () => {
    const dir = path.join(root.dir, 'raw');
    await (await createWorkspace(dir, bigStudio(2500))).close();
    expect((await readFile(path.join(dir, 'studio.json'))).length).toBeGreaterThan(1_000_000);
    const { total, midWrite } = await killRounds(dir, 'raw', ['tmp', 7, 'tmp', 31]);
    expect(total).toBeGreaterThanOrEqual(4);
    // Kills on the temp file's creation land inside the write: the half-written temp file is left
    // behind, and studio.json (checked above) is still the previous whole version.
    expect(midWrite).toBeGreaterThanOrEqual(1);
    const ws = await openWorkspace(dir);
    try {
      expect(ws.notices).toEqual([]);
    } finally {
      await ws.close();
    }
  }, 60_000);
});

describe('the user is told, and the holder named', () => {
  it('a truncated studio.json: the backup is restored and workspace.info carries the notice', async () => {
    const dir = path.join(root.dir, 'cut');
    const ws0 = await createWorkspace(dir, minimalStudio());
    await ws0.update((d) => void (d.brand.slogan = 'saved before'));
    await ws0.update((d) => void (d.brand.slogan = 'saved last'));
    await ws0.close();
    const studio = path.join(dir, 'studio.json');
    const text = await readFile(studio, 'utf8');
    await writeFile(studio, text.slice(0, 200));
    const ws = await openWorkspace(dir);
    try {
      const info = await dispatch('workspace.info', {}, ctx(ws));
      expect(info.notices).toHaveLength(1);
      expect(info.notices[0]).toMatch(/^studio\.json was damaged \(it is (empty or cut short|not valid JSON).*\); restored the backup \.backups\/studio-.*; the damaged file is kept as \.backups\/damaged-/);
      expect(ws.data().brand.slogan).toBe('saved before');
      const kept = (await readdir(path.join(dir, '.backups'))).find((n) => n.startsWith('damaged-'))!;
      expect(await readFile(path.join(dir, '.backups', kept), 'utf8')).toBe(text.slice(0, 200));
    } finally {
      await ws.close();
    }
  });

  it('a second process (the CLI) is refused naming the pid and host that hold the workspace; nothing changes', async () => {
    const dir = path.join(root.dir, 'held');
    const ws = await createWorkspace(dir, minimalStudio());
    try {
      const before = await savedState(ws);
      const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'user', 'add', '--id', 'intruder', '--role', 'editor', '-w', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (c) => (stderr += c));
        child.once('close', (code) => resolve({ code, stderr }));
      });
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toContain(`is already open for writing by pid ${process.pid} on ${os.hostname()}`);
      expect(res.stderr).toContain('close it there first, or open read-only');
      expect(await savedState(ws)).toEqual(before);
      expect(ws.data().users.some((u) => u.id === 'intruder')).toBe(false);
    } finally {
      await ws.close();
    }
  });

  it('a newer schema opens read-only with a message; every kind of write is refused naming why; the file is never written', async () => {
    const dir = path.join(root.dir, 'newer');
    await (await createWorkspace(dir, minimalStudio())).close();
    const studio = path.join(dir, 'studio.json');
    const doc = { ...JSON.parse(await readFile(studio, 'utf8')), schemaVersion: SCHEMA_VERSION + 1, futureField: { x: 1 } };
    const text = JSON.stringify(doc, null, 2);
    await writeFile(studio, text);
    const ws = await openWorkspace(dir);
    try {
      const info = await dispatch('workspace.info', {}, ctx(ws));
      expect(info).toMatchObject({ readOnly: true, notices: [`studio.json was written by a newer Shequn Studio (schema ${SCHEMA_VERSION + 1}); opened read-only`] });
      const store = ws.data().stores[0]!;
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c5d0730000000049454e44ae426082', 'hex');
      const writes: [string, unknown][] = [
        ['stores.save', { store: { ...store, nickname: 'changed' } }],
        ['brand.update', { brand: { ...ws.data().brand, name: 'changed' } }],
        ['users.add', { user: { id: 'u1', role: 'editor' } }],
        ['assets.upload', { name: 'a.png', base64: png.toString('base64') }],
        ['stores.importData', { name: 's.csv', base64: Buffer.from('store_id,store_name,owner_name\nZ1,店,人\n').toString('base64') }],
        ['portal.rotate', { store: store.id }],
      ];
      for (const [method, input] of writes) {
        const err = await dispatch(method, input, ctx(ws)).catch((e) => e);
        expect(err?.code, method).toBe('read_only');
        expect(err.message, method).toMatch(/newer Shequn Studio|read-only/);
      }
      expect(await readFile(studio, 'utf8')).toBe(text);
      expect(await readdir(path.join(dir, 'assets'))).toEqual([]);
      expect(await readdir(dir)).not.toContain('.studio.lock');
    } finally {
      await ws.close();
    }
  });

  // Export writes only packs/ and renders/, so a read-only open by request may export; a workspace
  // written by a newer studio may not (this version could misread it).
  it('export.run on a workspace written by a newer studio is refused', async () => {
    const dir = path.join(root.dir, 'newer');
    const ws = await openWorkspace(dir);
    try {
      expect(ws.readOnly).toBe(true);
      const err = await dispatch('export.run', { zip: false }, ctx(ws)).catch((e) => e);
      expect(err?.code).toBe('read_only');
    } finally {
      await ws.close();
    }
  });
});
