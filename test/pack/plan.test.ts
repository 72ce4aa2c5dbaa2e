import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoStudio } from '../../src/demo/index.js';
import type { StudioData } from '../../src/model/index.js';
import { planExport } from '../../src/pack/plan.js';

describe('export plan', () => {
  let demo: StudioData;
  beforeAll(async () => {
    demo = (await buildDemoStudio()).data;
  });

  it('makes one variant per post × group type the store runs (∩ the post’s) × size, active stores only', () => {
    const plan = planExport(demo, { video: false, posts: ['spring-gift', 'school-snack', 'summer-light'] });
    expect(plan.stores.map((s) => s.store.id)).not.toContain('lc005');
    expect(plan.stores).toHaveLength(11);
    const lc002 = plan.stores.find((s) => s.store.id === 'lc002')!;
    // lc002 runs community + moms; summer-light does not go to moms.
    expect(lc002.variants.map((v) => `${v.post.id}/${v.group.id}:${v.sizes.join(',')}`).sort()).toEqual([
      'school-snack/community:1x1,3x4',
      'school-snack/moms:3x4,1x1',
      'spring-gift/community:1x1,3x4',
      'spring-gift/moms:3x4,1x1',
      'summer-light/community:1x1,3x4',
    ]);
    expect(plan.counts.posters).toBe(plan.stores.reduce((n, s) => n + s.variants.reduce((m, v) => m + v.sizes.length, 0), 0));
    expect(plan.counts.videos).toBe(0);
  });

  it('chooses by default the ready posts valid now: none expired, none not started yet; a named one is planned whatever its dates', () => {
    const at = (iso: string) => planExport(demo, {}, Date.parse(iso)).posts.map((p) => p.id);
    // summer-light ran 2026-06-15 – 2026-10-31, spring-gift runs 2026-11-20 – 2027-02-28 (China time).
    expect(at('2026-12-06T12:00:00+08:00')).toEqual(['spring-gift', 'school-snack']);
    expect(at('2026-10-31T23:59:00+08:00')).toEqual(['school-snack', 'summer-light']);
    expect(at('2026-11-01T00:00:00+08:00')).toEqual(['school-snack']);
    expect(at('2026-11-20T00:00:00+08:00')).toEqual(['spring-gift', 'school-snack']);
    expect(at('2027-07-01T00:00:00+08:00')).toEqual([]);
    expect(planExport(demo, { posts: ['spring-gift'] }, Date.parse('2026-10-01T00:00:00+08:00')).posts.map((p) => p.id)).toEqual(['spring-gift']);
  });

  it('includes an inactive store when named, filters sizes, and plans videos for group types with the video format', () => {
    const plan = planExport(demo, { stores: ['lc005', 'lc003'], sizes: ['9x16'] });
    expect(plan.stores.map((s) => s.store.id)).toEqual(['lc005', 'lc003']);
    const lc003 = plan.stores[1]!; // koc + fitness: both have the video format
    expect(lc003.variants.every((v) => v.video)).toBe(true);
    expect(lc003.variants.every((v) => v.sizes.every((s) => s === '9x16'))).toBe(true);
    expect(plan.stores[0]!.variants.every((v) => !v.video && v.sizes.length === 0)).toBe(true); // community: 1x1/3x4 only
  });

  it('sends a post with no group types to every group type of the store', () => {
    const data = structuredClone(demo);
    data.posts[0]!.groupTypes = [];
    const plan = planExport(data, { posts: [data.posts[0]!.id], stores: ['lc009'] });
    expect(plan.stores[0]!.variants.map((v) => v.group.id).sort()).toEqual(['community', 'koc', 'moms', 'vip']);
  });

  it('names unknown posts and stores, and reports stores that get no pack', () => {
    expect(() => planExport(demo, { posts: ['nope', 'spring-gift', 'zip'] })).toThrow(/unknown post: "nope", "zip"/);
    expect(() => planExport(demo, { stores: ['x1'] })).toThrow(/unknown store: "x1"/);
    const data = structuredClone(demo);
    data.stores.find((s) => s.id === 'lc007')!.groupTypes = [];
    const plan = planExport(data, { stores: ['lc007', 'lc003'], posts: ['spring-gift'] });
    expect(plan.empty).toEqual([{ store: 'lc007', reason: 'the store runs no group type', code: 'plan.noGroups' }]);
    expect(plan.stores.map((s) => s.store.id)).toEqual(['lc003']);
  });
});
