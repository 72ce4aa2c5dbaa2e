import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneBaseCache } from '../../src/render/layout/base-cache.js';

describe('the on-disk base layer cache stays bounded', () => {
  it('removes the least recently used layers until it fits, and leaves other files alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequn-basecache-'));
    const t0 = Date.now() / 1000 - 1000;
    for (let i = 0; i < 5; i++) {
      const f = join(dir, `base-${i}.png`);
      writeFileSync(f, Buffer.alloc(1000));
      utimesSync(f, t0 + i, t0 + i);
    }
    writeFileSync(join(dir, 'base-9.png.123.tmp'), Buffer.alloc(5000));
    writeFileSync(join(dir, 'base-8.png.77.tmp'), Buffer.alloc(5000));
    utimesSync(join(dir, 'base-8.png.77.tmp'), t0 - 7200, t0 - 7200);
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    // base-0 was used most recently (a hit touches its file).
    utimesSync(join(dir, 'base-0.png'), t0 + 10, t0 + 10);
    expect(await pruneBaseCache(dir, 2500)).toBe(4);
    expect(readdirSync(dir).sort()).toEqual(['base-0.png', 'base-4.png', 'base-9.png.123.tmp', 'notes.txt']);
    expect(await pruneBaseCache(dir, 2500)).toBe(0);
    expect(await pruneBaseCache(join(dir, 'missing'))).toBe(0);
  });
});
