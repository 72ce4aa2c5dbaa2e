import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, openWorkspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';

const CHILD = path.resolve('test/fixtures/workspace/open-child.ts');
let dir: string;

/** Starts the child opener; resolves with the child and its first JSON line. */
function startChild(mode: 'try' | 'hold') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const firstLine = new Promise<Record<string, unknown>>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, firstLine, exited };
}

/** The pid of a process that has finished (so it is dead). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-lock-'));
  await (await createWorkspace(dir, minimalStudio())).close();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('single-writer lock', () => {
  it('a second process is refused and told which pid holds the workspace', async () => {
    const ws = await openWorkspace(dir);
    try {
      const { firstLine, exited } = startChild('try');
      const answer = await firstLine;
      await exited;
      expect(answer.code).toBe('conflict');
      expect(answer.message).toContain(`pid ${process.pid} on ${os.hostname()}`);
      expect(answer.message).toContain('.studio.lock');
    } finally {
      await ws.close();
    }
  });

  it('this process is refused while a live child holds it, and gets it once the child closes', async () => {
    const holder = startChild('hold');
    const ready = await holder.firstLine;
    try {
      const err = await openWorkspace(dir).catch((e) => e);
      expect(err.code).toBe('conflict');
      expect(err.message).toContain(`pid ${ready.pid}`);
      const lock = JSON.parse(await readFile(path.join(dir, '.studio.lock'), 'utf8'));
      expect(lock).toMatchObject({ pid: ready.pid, hostname: os.hostname() });
      expect(Date.parse(lock.startedAt)).not.toBeNaN();
    } finally {
      holder.child.stdin!.end();
      await holder.exited;
    }
    const ws = await openWorkspace(dir);
    await ws.close();
  });

  it('a stale lock left by a dead pid is taken over', async () => {
    const pid = await deadPid();
    await writeFile(path.join(dir, '.studio.lock'), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'old' }));
    const ws = await openWorkspace(dir);
    const lock = JSON.parse(await readFile(path.join(dir, '.studio.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    await ws.update((d) => void (d.brand.slogan = 'written after takeover'));
    await ws.close();
    await expect(readFile(path.join(dir, '.studio.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('close() releases the lock so the next writer gets in', async () => {
    const first = await openWorkspace(dir);
    await first.close();
    await expect(readFile(path.join(dir, '.studio.lock'))).rejects.toThrow(/ENOENT/);
    await (await openWorkspace(dir)).close();
  });
});
