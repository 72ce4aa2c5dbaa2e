import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStale } from '../../src/video/stale.js';

describe('leftovers of a killed render are swept, live work is not', () => {
  it('removes matching files and folders untouched for longer than the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequn-stale-'));
    const old = Date.now() / 1000 - 7200;
    for (const n of ['.a.mp4.1234.part.mp4', '.b.mp4.5678.part.mp4', 'a.mp4']) writeFileSync(join(dir, n), 'x');
    mkdirSync(join(dir, 'shequn-video-old'));
    mkdirSync(join(dir, 'shequn-video-live'));
    for (const n of ['.a.mp4.1234.part.mp4', 'a.mp4', 'shequn-video-old']) utimesSync(join(dir, n), old, old);
    expect(await sweepStale(dir, (n) => n.endsWith('.part.mp4'), 3600_000)).toEqual(['.a.mp4.1234.part.mp4']);
    expect(await sweepStale(dir, (n) => n.startsWith('shequn-video-'), 3600_000)).toEqual(['shequn-video-old']);
    expect(readdirSync(dir).sort()).toEqual(['.b.mp4.5678.part.mp4', 'a.mp4', 'shequn-video-live']);
    expect(await sweepStale(join(dir, 'nope'), () => true, 0)).toEqual([]);
  });
});
