/**
 * The first frame and per-store scenes (issue 16, points 3 and 7), on real renders at reduced size:
 * the first frame is the hook, not black; a per-store opening shows each store's own owner while the
 * shared scenes are encoded once (their frames are identical across stores) and joined by stream copy.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVariantContext } from '../../src/compose/context.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import type { StudioData } from '../../src/model/index.js';
import { memoryVideoAssets } from '../../src/video/assets.js';
import { checkBinaries, type Binaries } from '../../src/video/binaries.js';
import { decodeErrors, extractFrame, probe } from '../../src/video/ffmpeg.js';
import { createLayerRenderer, type LayerImage } from '../../src/video/layers.js';
import { renderVariantVideos } from '../../src/video/render.js';
import { parseStoryboard } from '../../src/video/storyboard.js';
import { outputProblems } from '../../src/video/verify.js';
import { describeAsset } from '../../src/workspace/assets.js';

const FMT = { width: 540, height: 960, fps: 30 };
let dir: string;
let bin: Binaries;
let data: StudioData;
let images: Map<string, LayerImage>;
const renderer = createLayerRenderer();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/video/${name}.json`, import.meta.url), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shequn-opening-test-'));
  bin = await checkBinaries();
  const demo = await buildDemoStudio();
  data = demo.data;
  images = new Map(demo.assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A frame of a video at `seconds`: its raw grey pixels and mean luma (0..255). */
async function frameAt(file: string, seconds: number): Promise<{ grey: Buffer; luma: number }> {
  const png = join(dir, `f-${Math.random().toString(36).slice(2)}.png`);
  await extractFrame(bin, file, seconds, png);
  const grey = await sharp(png).greyscale().raw().toBuffer();
  return { grey, luma: grey.reduce((n, v) => n + v, 0) / grey.length };
}

const meanDiff = (a: Buffer, b: Buffer) => a.reduce((n, v, i) => n + Math.abs(v - b[i]!), 0) / a.length;

function variants(source: string, stores: string[], out: string) {
  const post = data.posts[0]!;
  return {
    storyboard: parseStoryboard(source),
    source,
    size: '9x16' as const,
    assets: memoryVideoAssets(images),
    variants: stores.map((s) => ({ ctx: buildVariantContext(data, post, 'community', s), output: join(out, `${s}.mp4`) })),
  };
}

describe('the first frame and per-store scenes', () => {
  it('the first frame of a storyboard whose first scene has a crossfade is its hook, not black', async () => {
    const [v] = await renderVariantVideos(variants(fixture('tiny'), ['lc001'], join(dir, 'first')), { format: FMT, renderer, tmpRoot: dir });
    const first = await frameAt(v!.path, 0);
    expect(first.luma).toBeGreaterThan(60);
  });

  it("a per-store opening: each store's own first seconds, the shared scenes identical, one checked file each", async () => {
    const source = fixture('tiny-opening');
    const labels: string[] = [];
    const done = await renderVariantVideos(variants(source, ['lc001', 'lc002'], join(dir, 'open')), { format: FMT, renderer, tmpRoot: dir, onProgress: (p) => labels.push(p.current) });
    for (const v of done) {
      const p = await probe(bin, v.path);
      expect(outputProblems(p, { ...FMT, duration: 4 })).toEqual([]);
      expect(await decodeErrors(bin, v.path)).toBe('');
    }
    const [a, b] = done.map((v) => v.path) as [string, string];
    // Opening (0.5 s): differs by store (another owner, avatar and name); never black.
    const [oa, ob] = [await frameAt(a, 0), await frameAt(b, 0)];
    expect(oa.luma).toBeGreaterThan(60);
    expect(meanDiff(oa.grey, ob.grey)).toBeGreaterThan(1);
    // Shared waist (1.5 s) and leg (2.5 s): the same encoded frames for both stores.
    for (const t of [1.5, 2.5]) expect(meanDiff((await frameAt(a, t)).grey, (await frameAt(b, t)).grey)).toBeLessThan(0.5);
    // The shared scenes were one encode for both stores ("body 1"), the openings a batched still run.
    expect(new Set(labels.filter((l) => / body /.test(l)))).toEqual(new Set([expect.stringMatching(/ body 1$/)]));
    expect(labels.some((l) => / scene0 0$/.test(l))).toBe(true);
  });

  it('a per-store scene must be still and cut in and out (stream copy), and only it may show the avatar', () => {
    const sb = JSON.parse(fixture('tiny-opening'));
    sb.scenes[1].transition = { kind: 'crossfade', duration: 0.3 };
    expect(() => parseStoryboard(sb)).toThrow(/scenes\[1\] \(waist\)\.transition: the scene after a per-store scene starts with a cut/);
    const moving = JSON.parse(fixture('tiny-opening'));
    moving.scenes[0].motion = { kind: 'zoom', from: 1, to: 1.1 };
    expect(() => parseStoryboard(moving)).toThrow(/per-store scene is still/);
    const shared = JSON.parse(fixture('tiny-opening'));
    shared.scenes[0].perStore = false;
    expect(() => parseStoryboard(shared)).toThrow(/only a per-store scene/);
  });
});
