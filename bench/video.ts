/**
 * npm run bench:video [-- --full N] [-- --no-loop] [-- --only warm-open|owner-open]
 *
 * Two storyboards: "warm-open" (shared scenes + a per-store end card) and "owner-open" (a 3 s
 * per-store opening with the owner, shared scenes, a per-store end card). For each:
 * 20 store variants of one 15 s post ("温暖开场", 1080×1920, 30 fps) rendered two ways in the same
 * run, through the same pool (one ffmpeg per core), each including its own end-card drawing:
 *   1. full: one whole encode per store (body + card + music). Measured on N stores (default 4)
 *      and reported per store: 20 full encodes take many minutes on 2 shared cores, and every full
 *      encode does the same work, so the mean of a few is a fair per-store figure.
 *   2. join: the body encoded once, the 20 end cards drawn and encoded in one batched run, then
 *      20 stream-copy joins with the music track; wall time / 20.
 * Also prints CPU seconds (this process + ffmpeg children) of each, which depend less on what else
 * runs on the machine. Last line: {"bench":"video","variants":20,"full_s":…,"variant_s":…,"ratio":…}
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVariantContext } from '../src/compose/context.js';
import { buildDemoStudio } from '../src/demo/index.js';
import { memoryVideoAssets } from '../src/video/assets.js';
import { checkBinaries } from '../src/video/binaries.js';
import { builtinStoryboards } from '../src/video/builtins.js';
import { createLayerRenderer } from '../src/video/layers.js';
import { prepareEndCard } from '../src/video/plan.js';
import { renderVariantVideos, type RenderedVideo } from '../src/video/render.js';
import { storyboardSeconds, type Storyboard } from '../src/video/storyboard.js';
import { describeAsset } from '../src/workspace/assets.js';

const VARIANTS = 20;
const args = process.argv.slice(2);
const fullCount = Math.max(1, Math.min(VARIANTS, Number(args[args.indexOf('--full') + 1]) || 4));
const cardLoop = !args.includes('--no-loop');

/** CPU seconds used so far by this process and its waited-for children (ffmpeg), from /proc. */
function cpuSeconds(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return NaN;
  }
}

const { data, assets } = await buildDemoStudio();
// 20 distinct store owners (the demo has 12): copies get their own id, so their own link and QR.
const stores = Array.from({ length: VARIANTS }, (_, i) => {
  const s = data.stores[i % data.stores.length]!;
  return i < data.stores.length ? s : { ...s, id: `${s.id}-b`, ownerName: `${s.ownerName}`, storeName: `${s.storeName}（二店）` };
});
data.stores = stores;
const post = data.posts[0]!;
const group = post.groupTypes[0] ?? data.groupTypes[0]!.id;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const images = new Map(assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
const videoAssets = memoryVideoAssets(images);
const renderer = createLayerRenderer();
const dir = mkdtempSync(join(tmpdir(), 'shequn-bench-video-'));
const ctxs = stores.map((s) => buildVariantContext(data, post, group, s.id));

const bin = await checkBinaries();

async function run(storyboard: Storyboard, source: string, strategy: 'full' | 'join', n: number): Promise<{ wall: number; cpu: number; videos: RenderedVideo[] }> {
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const videos = await renderVariantVideos(
    { storyboard, source, size: '9x16', assets: videoAssets, variants: ctxs.slice(0, n).map((ctx, i) => ({ ctx, output: join(dir, strategy, `${i}-${ctx.store.id}.mp4`) })) },
    { strategy, renderer, tmpRoot: dir, cardLoop },
  );
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - cpu0, videos };
}

/** Full vs joined for one storyboard: per-store wall and CPU, and their ratios. */
async function measure(id: string): Promise<{ full_s: number; variant_s: number; ratio: number; ratio_cpu: number }> {
  const { storyboard, source } = builtinStoryboards().find((b) => b.storyboard.id === id)!;
  // Warm up: fonts parsed, one card drawn (neither approach should pay that alone).
  await prepareEndCard(storyboard, ctxs[0]!, { width: 1080, height: 1920, fps: 30 }, renderer, videoAssets, join(dir, 'warm.png'));
  const perStore = storyboard.scenes.filter((x) => x.perStore).reduce((n, x) => n + x.duration, 0);
  console.log(`${bin.ffmpegVersion.slice(0, 40)}… · storyboard ${storyboard.id} (${storyboardSeconds(storyboard)} s; per store: ${perStore} s of scenes + end card ${storyboard.endCard.duration} s) · 1080×1920 · card loop ${cardLoop ? 'on' : 'off'}`);
  const full = await run(storyboard, source, 'full', fullCount);
  const fullS = full.wall / fullCount;
  console.log(`  full encode per store: ${fullCount} stores in ${full.wall.toFixed(1)} s wall → ${fullS.toFixed(2)} s/store (CPU ${(full.cpu / fullCount).toFixed(2)} s/store)`);
  const joined = await run(storyboard, source, 'join', VARIANTS);
  const variantS = joined.wall / VARIANTS;
  console.log(`  shared scenes once + batched per-store stills: ${VARIANTS} stores in ${joined.wall.toFixed(1)} s wall → ${variantS.toFixed(2)} s/store (CPU ${(joined.cpu / VARIANTS).toFixed(2)} s/store)`);
  const mb = (v: RenderedVideo[]) => (v.reduce((n, x) => n + x.bytes, 0) / v.length / 1e6).toFixed(2);
  console.log(`  mean file size: full ${mb(full.videos)} MB, joined ${mb(joined.videos)} MB; every file probed: ${[...full.videos, ...joined.videos].every((v) => v.probe.profile === 'High') ? 'H.264 High' : 'CHECK'}`);
  const ratio = variantS / fullS;
  const ratioCpu = joined.cpu / VARIANTS / (full.cpu / fullCount);
  console.log(`  ratio (wall) ${ratio.toFixed(3)}, ratio (CPU) ${ratioCpu.toFixed(3)}; target ≤ ${perStore > 0 ? '0.35' : '0.10'} (CPU)`);
  return { full_s: Number(fullS.toFixed(3)), variant_s: Number(variantS.toFixed(3)), ratio: Number(ratio.toFixed(4)), ratio_cpu: Number(ratioCpu.toFixed(4)) };
}

try {
  const cards = only && only !== 'warm-open' ? undefined : await measure('warm-open');
  const opening = only && only !== 'owner-open' ? undefined : await measure('owner-open');
  console.log(JSON.stringify({ bench: 'video', variants: VARIANTS, ...(cards ?? {}), ...(opening ? { opening } : {}) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
