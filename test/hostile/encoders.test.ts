/**
 * Issue 15 point 10: ffmpeg outlived a killed CLI for 7–20 s. Encoders now run in their own
 * process group under a parent-death signal (Linux: setpriv --pdeathsig KILL), their group is
 * killed on every exit path, and ones a dead studio left behind are swept at the next start.
 * Real processes, real ffmpeg, Linux /proc (the suite's machine).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBinaries } from '../../src/video/binaries.js';
import { OWNER_ENV, SCOPE_ENV, sweepStaleEncoders } from '../../src/video/encoder-process.js';
import { tempDir } from './helpers.js';

const CHILD = path.resolve('test/hostile/fixtures/encode-child.mjs');
// The encoders of this file carry their own sweep scope: studios that other test files start at the
// same time sweep their own scope only, so they never take this file's orphan before it is looked at.
const SCOPE = `encoders-test-${process.pid}`;
const ENV = { ...process.env, [SCOPE_ENV]: SCOPE };
let root: { dir: string; cleanup: () => Promise<void> };
let png: string;
beforeAll(async () => {
  root = await tempDir('encoders');
  png = path.join(root.dir, 'still.png');
  await sharp({ create: { width: 320, height: 180, channels: 3, background: '#335577' } }).png().toFile(png);
});
afterAll(() => root?.cleanup());

/** Pid, parent pid and process group of a live process (Linux /proc), or undefined once it is gone (zombies count as gone). */
function procStat(pid: number): { comm: string; ppid: number; pgid: number } | undefined {
  try {
    const m = /^\d+ \((.*)\) (\S) (\d+) (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    if (!m || m[2] === 'Z') return undefined;
    return { comm: m[1]!, ppid: Number(m[3]), pgid: Number(m[4]) };
  } catch {
    return undefined;
  }
}

/** The ffmpeg processes whose parent is `parent`. */
function ffmpegsOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      const s = procStat(pid);
      return s?.comm === 'ffmpeg' && s.ppid === parent;
    });
}

/** Starts the encoding child and resolves once its ffmpeg runs: the child and its ffmpeg's pid. */
async function encodingChild(extra: string[] = []): Promise<{ child: ChildProcess; ffmpeg: number }> {
  const child = spawn(process.execPath, [CHILD, png, path.join(root.dir, `out-${Date.now()}.mp4`), ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('encoding') && resolve());
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
  const [ffmpeg] = ffmpegsOf(child.pid!);
  expect(ffmpeg).toBeGreaterThan(0);
  return { child, ffmpeg: ffmpeg! };
}

/** Milliseconds until `pid` is gone (at most `limit`; returns `limit` when it is still there). */
async function goneWithin(pid: number, limit = 5000): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < limit) {
    if (!procStat(pid)) return performance.now() - t;
    await new Promise((r) => setTimeout(r, 20));
  }
  return limit;
}

describe('encoders die with the studio', () => {
  it('ffmpeg runs in its own process group (not the studio\'s)', async () => {
    const { child, ffmpeg } = await encodingChild();
    try {
      const s = procStat(ffmpeg)!;
      expect(s.pgid).toBe(ffmpeg);
      expect(s.pgid).not.toBe(procStat(child.pid!)!.pgid);
    } finally {
      child.kill('SIGKILL');
      await goneWithin(ffmpeg);
    }
  });

  it('kill -9 of the studio process: its ffmpeg is gone within a second (parent-death signal)', async () => {
    const bin = await checkBinaries();
    expect(bin.launcher?.[0]).toBe('setpriv');
    const { child, ffmpeg } = await encodingChild();
    child.kill('SIGKILL');
    const ms = await goneWithin(ffmpeg);
    console.log(`ffmpeg outlived a kill -9 of its studio by ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it('SIGTERM of the CLI (no handler of its own): the exit path kills the group, even without setpriv', async () => {
    const child = spawn(process.execPath, ['-e', `
      for (const [s, c] of [['SIGTERM', 143]]) process.on(s, () => process.exit(c));
      process.argv.splice(1, 0, 'x');
      import(${JSON.stringify(CHILD)});
    `, '--', png, path.join(root.dir, 'term.mp4'), '--no-launcher'], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => String(d).includes('encoding') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const [ffmpeg] = ffmpegsOf(child.pid!);
    expect(ffmpeg).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await goneWithin(ffmpeg!)).toBeLessThan(1000);
  });

  it('an encoder whose studio died without a parent-death signal is swept at the next start', async () => {
    const { child, ffmpeg } = await encodingChild(['--no-launcher']);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // No setpriv: the orphan goes on (what happened before this fix, everywhere).
    await new Promise((r) => setTimeout(r, 300));
    expect(procStat(ffmpeg)).toBeDefined();
    expect(readFileSync(`/proc/${ffmpeg}/environ`, 'latin1')).toContain(`${OWNER_ENV}=${child.pid}`);
    // Another scope's sweep (every other studio here) leaves it alone.
    expect(await sweepStaleEncoders('')).not.toContain(ffmpeg);
    expect(procStat(ffmpeg)).toBeDefined();
    const killed = await sweepStaleEncoders(SCOPE);
    expect(killed).toContain(ffmpeg);
    expect(await goneWithin(ffmpeg)).toBeLessThan(1000);
    // A live studio's encoders are never touched by another's sweep.
    const live = await encodingChild();
    try {
      expect(await sweepStaleEncoders(SCOPE)).not.toContain(live.ffmpeg);
      expect(procStat(live.ffmpeg)).toBeDefined();
    } finally {
      live.child.kill('SIGKILL');
      await goneWithin(live.ffmpeg);
    }
    expect(existsSync(png)).toBe(true);
  });
});
