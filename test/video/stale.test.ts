import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepDeadScratch, sweepStale } from '../../src/video/stale.js';

describe('leftovers of a killed render are swept, live work is not', () => {
  it('removes matching files and folders untouched for longer than the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequn-stale-'));
    const old = Date.now() / 1000 - 7200;
    for (const n of ['.a.mp4.1234.part.mp4', '.b.mp4.5678.part.mp4', 'a.mp4']) writeFileSync(join(dir, n), 'x');
    for (const n of ['.a.mp4.1234.part.mp4', 'a.mp4']) utimesSync(join(dir, n), old, old);
    expect(await sweepStale(dir, (n) => n.endsWith('.part.mp4'), 3600_000)).toEqual(['.a.mp4.1234.part.mp4']);
    expect(readdirSync(dir).sort()).toEqual(['.b.mp4.5678.part.mp4', 'a.mp4']);
    expect(await sweepStale(join(dir, 'nope'), () => true, 0)).toEqual([]);
  });

  it('removes scratch folders of processes that are gone, never a live one (however old)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequn-scratch-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const old = Date.now() / 1000 - 30 * 86400;
    for (const n of [`shequn-video-${dead}-abc`, `shequn-video-${process.pid}-def`, 'shequn-video-xyz', 'other']) {
      mkdirSync(join(dir, n));
      utimesSync(join(dir, n), old, old);
    }
    writeFileSync(join(dir, `shequn-video-${process.pid}-def`, 'part.png'), 'x');
    expect(await sweepDeadScratch(dir)).toEqual([`shequn-video-${dead}-abc`]);
    expect(readdirSync(dir).sort()).toEqual(['other', `shequn-video-${process.pid}-def`, 'shequn-video-xyz'].sort());
  });
});
