import { describe, expect, it } from 'vitest';
import { proofCases, renderProof } from '../../src/review/proof.js';
import { addVersion } from '../../src/review/versions.js';
import { displayWidth, selectWorstCases } from '../../src/review/worst.js';
import { fakeRenderers } from './fake-renderers.js';
import { fixture } from './fixture.js';
import { findTemplate } from '../../src/model/index.js';

describe('worst cases of a proof', () => {
  it('picks the active store with the longest name and the one with the longest catchphrase, every group and size', () => {
    const d = fixture();
    const wc = selectWorstCases(d, findTemplate(d, 'pos'));
    // s4 has a longer name but is inactive: it never ships, so it is not a worst case.
    expect(wc.stores.map((s) => [s.store.id, s.reasons[0]])).toEqual([
      ['s2', 'longest store name (32 wide)'],
      ['s3', 'longest catchphrase (60 wide)'],
    ]);
    expect(wc.captionStore.store.id).toBe('s3');
    expect(wc.groups.map((g) => g.id)).toEqual(['community', 'moms', 'vip']);
    expect(wc.sizes).toEqual(['9x16', '1x1', '3x4']);
    expect(wc.post.id).toBe('p1');
  });

  it('merges the two when one store holds both, measures CJK as double width, and falls back to a sample post', () => {
    const d = fixture();
    d.stores[1]!.catchphrase = '邻里之间'.repeat(20);
    d.posts = [];
    const wc = selectWorstCases(d, findTemplate(d, 'pos'));
    expect(wc.stores).toHaveLength(1);
    expect(wc.stores[0]!.reasons).toHaveLength(2);
    expect(wc.post.id).toBe('proof-sample');
    expect(displayWidth('ab店🧧')).toBe(6);
  });

  it('refuses a workspace without stores or group types', () => {
    const d = fixture();
    d.groupTypes = [];
    expect(() => selectWorstCases(d, findTemplate(d, 'pos'))).toThrow(/no group types/);
    d.stores = [];
    expect(() => selectWorstCases(d, findTemplate(d, 'pos'))).toThrow(/no stores/);
  });

  it('covers group × size × worst store for posters, each group for captions, each worst store for video', () => {
    const d = fixture();
    const wc = selectWorstCases(d, findTemplate(d, 'pos'));
    const posters = proofCases('poster', wc);
    expect(posters).toHaveLength(18);
    expect(new Set(posters.map((c) => `${c.group.id}/${c.size}/${c.store.store.id}`)).size).toBe(18);
    expect(proofCases('caption', wc).map((c) => [c.group.id, c.store.store.id])).toEqual([
      ['community', 's3'],
      ['moms', 's3'],
      ['vip', 's3'],
    ]);
    expect(proofCases('video', wc).map((c) => c.store.store.id)).toEqual(['s2', 's3']);
  });

  it('lays every case out on one sheet with labels, and flags captions over the group limit', async () => {
    const d = fixture();
    addVersion(d, { template: 'cap', source: '长'.repeat(230), by: 'editor' });
    const p = await renderProof(d, 'cap', 2, fakeRenderers());
    expect(p.cells).toHaveLength(3);
    // moms allows 200 characters: the 230+ character caption is flagged there only.
    expect(p.cells.filter((c) => c.includes('OVER THE LIMIT'))).toEqual([expect.stringContaining('宝妈群')]);
    expect(p.sheet.buf.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(p.compare).not.toBeNull();
    const poster = await renderProof(d, 'pos', 1, fakeRenderers());
    expect(poster.compare).toBeNull();
    expect(poster.previousApproved).toBeNull();
    // Six posters a row (3 sizes × 2 stores), three group rows: taller than wide.
    expect(poster.sheet.width).toBe(32 * 2 + 6 * 300 + 5 * 24);
    expect(poster.sheet.height).toBeGreaterThan(3 * 533);
    expect(poster.cells).toContain('VIP群 · 3x4 · 小李店');
  });

  it('reports progress case by case and stops when cancelled', async () => {
    const d = fixture();
    addVersion(d, { template: 'pos', source: 'v2', by: 'editor' });
    const seen: number[] = [];
    await renderProof(d, 'pos', 2, fakeRenderers(), undefined, { onProgress: (p) => seen.push(p.done) });
    // 18 sheet cases + 3 compared with v1, then the final report.
    expect(seen).toEqual([...Array.from({ length: 21 }, (_, i) => i), 21]);
    const ac = new AbortController();
    ac.abort();
    await expect(renderProof(d, 'pos', 2, fakeRenderers(), undefined, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});
