import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, ExportEta, readCosts, saveCosts } from '../../src/pack/eta.js';

/** A clock the test moves by hand (seconds). */
function clock() {
  let t = 100;
  return { now: () => t, advance: (s: number) => (t += s) };
}

describe('the export ETA from per-output costs (issue 17 point 6)', () => {
  it('at 87 % of the items with the videos still to encode it says the videos’ time, not 0 s', () => {
    const c = clock();
    // 26 images, 4 videos, 4 packs: items done 26 of 34 = 76 %, 30 of 34 = 88 %.
    const eta = new ExportEta({ image: 26, video: 4, pack: 4 }, { image: 0.2, video: 15, pack: 0.1 }, c.now);
    let left = 0;
    for (let i = 1; i <= 26; i++) {
      c.advance(0.1);
      left = eta.update({ done: i, total: 34 });
    }
    // Images are done (fast): what is left is four videos at 15 s plus the packs.
    expect(left).toBeGreaterThanOrEqual(59);
    expect(left).toBeLessThanOrEqual(61);
    // The videos run: their share of encoding sets the pace (10 s for the first 25 % → 30 s more).
    c.advance(10);
    left = eta.update({ done: 26, total: 34, percent: 25 } as never);
    expect(left).toBe(30);
    c.advance(20);
    left = eta.update({ done: 29, total: 34, percent: 90 } as never);
    expect(left).toBeGreaterThanOrEqual(3);
    c.advance(4);
    eta.update({ done: 30, total: 34, percent: 100 } as never);
    c.advance(0.2);
    left = eta.update({ done: 32, total: 34 });
    expect(left).toBeLessThanOrEqual(1);
    eta.finish();
    const costs = eta.costs();
    expect(costs.image).toBeCloseTo(0.1, 2);
    expect(costs.video).toBeCloseTo(34 / 4, 0);
  });

  it('before anything is done it estimates from the last export’s costs, and keeps them for the next', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sq-eta-'));
    try {
      expect(await readCosts(dir)).toEqual(DEFAULT_COSTS);
      await saveCosts(dir, { image: 0.5, video: 20, pack: 1 });
      const prior = await readCosts(dir);
      const c = clock();
      const eta = new ExportEta({ image: 10, video: 2, pack: 3 }, prior, c.now);
      expect(eta.update({ done: 0, total: 15 })).toBe(10 * 0.5 + 2 * 20 + 3 * 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
