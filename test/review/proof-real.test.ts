// Proofs with the real renderers (src/compose + src/render) on the built-in demo data and templates,
// reduced to one group type so the test stays around 20 s on a shared 2-core machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { loadBuiltinCaptionTemplates } from '../../src/compose/builtins.js';
import { buildDemoStudio, withBuiltinTemplates } from '../../src/demo/index.js';
import { builtinPosterTemplates } from '../../src/render/builtins.js';
import { addDemoReviewQueue } from '../../src/review/demo.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';

let ws: Workspace;
let pending: { template: string; version: number };

beforeAll(async () => {
  const { data, assets } = await buildDemoStudio();
  const d = withBuiltinTemplates(data, [...loadBuiltinCaptionTemplates(), ...builtinPosterTemplates()]);
  d.groupTypes = d.groupTypes.filter((g) => g.id === 'community' || g.id === 'vip');
  pending = addDemoReviewQueue(d)!;
  ws = await createWorkspace(mkdtempSync(join(tmpdir(), 'rvreal-')), d, assets);
}, 60_000);

afterAll(async () => {
  await ws.close();
});

describe('proof sheet with the real renderers', () => {
  it('renders the pending poster version against the worst cases on one sheet, and the comparison with v1', async () => {
    expect(ws.data().templates.find((t) => t.id === pending.template)?.kind).toBe('poster');
    const d = ws.data();
    const longestName = [...d.stores].filter((s) => s.active).sort((a, b) => b.storeName.length - a.storeName.length)[0]!;
    const info = await dispatch('review.proof', { template: pending.template, version: pending.version }, { ws });
    expect(info.problems).toEqual([]);
    // 2 group types × 3 sizes × 2 worst stores.
    expect(info.cells).toHaveLength(12);
    for (const size of ['9x16', '1x1', '3x4']) expect(info.cells.filter((c) => c.includes(`· ${size} ·`))).toHaveLength(4);
    expect(info.cells.filter((c) => c.includes(longestName.storeName))).toHaveLength(6);
    expect(info.worstCases[0]).toContain(longestName.id);
    const sheet = await sharp(join(ws.dir, info.sheet)).metadata();
    expect([sheet.format, sheet.width, sheet.height]).toEqual(['jpeg', info.width, info.height]);
    expect(info.width).toBe(32 * 2 + 6 * 300 + 5 * 24);
    // Posters, not blank cells: the sheet has real contrast.
    const stats = await sharp(join(ws.dir, info.sheet)).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(30);
    expect(info.previousApproved).toBe(1);
    expect(info.compare).toBe(`renders/proofs/${pending.template}-v${pending.version}-compare.jpg`);
    expect(info.diff.added).toBeGreaterThan(0);
    expect(info.diff.unified).toContain('#D7261E');
  }, 180_000);

  it('renders a caption template per group type for the worst-case store', async () => {
    const info = await dispatch('review.proof', { template: 'caption-group', version: 1 }, { ws });
    expect(info.problems).toEqual([]);
    expect(info.cells).toHaveLength(2);
    expect(info.cells[0]).toMatch(/社区群 · \d+\/\d+ chars/);
    expect(info.compare).toBeNull();
  }, 60_000);
});
