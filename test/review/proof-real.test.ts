// Proofs with the real renderers (src/compose + src/render) on the built-in demo data and templates,
// reduced to two group types (posters: one) so the test stays well under a minute on a shared 2-core machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { loadBuiltinCaptionTemplates } from '../../src/compose/builtins.js';
import { buildDemoStudio, withBuiltinTemplates } from '../../src/demo/index.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { builtinVideoTemplates } from '../../src/video/builtins.js';
import { addDemoReviewQueue } from '../../src/review/demo.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { ctx } from '../helpers/session.js';

let ws: Workspace;
let pending: { template: string; version: number };

beforeAll(async () => {
  const { data, assets } = await buildDemoStudio();
  const d = withBuiltinTemplates(data, [...loadBuiltinCaptionTemplates(), ...builtinPosterTemplates(), ...builtinVideoTemplates()]);
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
    expect(d.groupTypes.length).toBe(2);
    const longestName = [...d.stores].filter((s) => s.active).sort((a, b) => b.storeName.length - a.storeName.length)[0]!;
    // Posters cost ~1 s each here: one group type keeps it to 6 posters + 3 for the comparison.
    const groups = ws.data().groupTypes;
    await ws.update((x) => void (x.groupTypes = x.groupTypes.filter((g) => g.id === 'community')));
    const info = await dispatch('review.proof', { template: pending.template, version: pending.version }, ctx(ws));
    await ws.update((x) => void (x.groupTypes = groups));
    expect(info.problems).toEqual([]);
    // 1 group type × 3 sizes × 2 worst stores.
    expect(info.cells).toHaveLength(6);
    for (const size of ['9x16', '1x1', '3x4']) expect(info.cells.filter((c) => c.includes(`· ${size} ·`))).toHaveLength(2);
    expect(info.cells.filter((c) => c.includes(longestName.storeName))).toHaveLength(3);
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
    const info = await dispatch('review.proof', { template: 'caption-group', version: 1 }, ctx(ws));
    expect(info.problems).toEqual([]);
    expect(info.cells).toHaveLength(2);
    expect(info.cells[0]).toMatch(/社区群 · \d+\/\d+ 字/);
    // Findings of compose's checks on the produced text are carried (e.g. a caption over the group's limit).
    for (const n of info.notes) expect(n).toMatch(/^v1 .+: (error|warning) [a-z_.]+: /);
    expect(info.compare).toBeNull();
  }, 60_000);

  it('renders a storyboard as scene stills and end cards (both video sizes) for each worst-case store', async () => {
    const video = ws.data().templates.find((t) => t.kind === 'video')!;
    const info = await dispatch('review.proof', { template: video.id, version: 1 }, ctx(ws));
    expect(info.problems).toEqual([]);
    const scenes = JSON.parse(video.versions[0]!.source).scenes.length as number;
    // Two worst-case stores, each a row of scene stills + end card 9x16 + end card 1x1.
    expect(info.cells).toHaveLength(2 * (scenes + 2));
    expect(info.cells.filter((c) => c.includes('end card 1x1'))).toHaveLength(2);
    const sheet = await sharp(join(ws.dir, info.sheet)).metadata();
    expect([sheet.width, sheet.height]).toEqual([info.width, info.height]);
  }, 120_000);
});
