/**
 * Export benchmark (npm run bench:export): the demo brand scaled to 500 stores, one post, two group
 * types per store, posters and captions. Measures the full export into an empty cache, then the
 * re-export after editing one store, their ratio (target < 2%) and the peak RSS of the process
 * (worker threads included). Then, at equal footing with bench:posters: the export's CPU per poster
 * (everything the export spent — compose, keys, posters, QR images, hashing, packing — over the
 * posters it made; target ≤ 1.3× bench:posters' CPU per variant, measured in the same run), and
 * video: BENCH_VIDEO_STORES stores (default 24) exported with video, seconds per store variant
 * with video on this machine's cores. BENCH_STORES=N runs a smaller scale.
 * Exports run as the studio runs them: through the contract (`export.run`) with the open
 * workspace's services; a small export first starts the poster pool's workers (as in a studio
 * that has exported before), so thread start-up is not counted per poster.
 * Last line: {"bench":"export","stores":500,"full_s":…,"incremental_s":…,"ratio":…,"peak_rss_mb":…,
 *   "export_cpu_ms_per_poster":…,"bench_posters_cpu_ms":…,"cpu_ratio":…,"video_s_per_variant":…}
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src/api/dispatcher.js';
import { createServices } from '../src/api/services.js';
import type { ExportResult } from '../src/pack/export.js';
import { initWorkspace } from '../src/setup/init.js';
import { BENCH_POST, scaledStores } from './scaled-demo.js';
import { studioPosters } from './poster-pipeline.js';

const STORES = Number(process.env.BENCH_STORES ?? 500);
const VIDEO_STORES = Number(process.env.BENCH_VIDEO_STORES ?? 24);

/** CPU seconds of this process's finished child processes (ffmpeg), from /proc/self/stat (cutime + cstime). */
function reapedChildrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

async function timed(label: string, fn: () => Promise<ExportResult>): Promise<{ r: ExportResult; s: number; cores: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cores = (cpu.user + cpu.system) / 1e6 / s;
  log(`${label}: ${s.toFixed(2)} s — rendered ${r.counts.rendered}, reused ${r.counts.reused}, failed ${r.counts.failed}; packs written ${r.packs.filter((p) => p.status === 'written').length}, unchanged ${r.packs.filter((p) => p.status === 'reused').length}; CPU ${cores.toFixed(2)} cores busy on average (${availableParallelism()} available)`);
  log(`  phases: compose+keys ${r.phases.compose.toFixed(2)} s, render ${r.phases.render.toFixed(2)} s, write ${r.phases.write.toFixed(2)} s; poster workers busy on average: ${r.parallelism}`);
  for (const f of r.failures.slice(0, 5)) log(`  failed: ${f.store} ${f.post}/${f.groupType} ${f.output}: ${f.reason}`);
  return { r, s, cores, cpu: (cpu.user + cpu.system) / 1000 };
}

const dir = await mkdtemp(join(tmpdir(), 'shequn-bench-export-'));
try {
  const ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  await ws.update((d) => {
    d.posts = d.posts.filter((p) => p.id === BENCH_POST);
    d.stores = [...scaledStores(d.stores, STORES, 'b'), ...d.stores.filter((s) => s.active).slice(0, 4).map((s) => ({ ...s, id: `warm-${s.id}` }))];
  });
  const benchStores = ws.data().stores.filter((s) => !s.id.startsWith('warm-')).map((s) => s.id);
  const warmStores = ws.data().stores.filter((s) => s.id.startsWith('warm-')).map((s) => s.id);
  const out = join(dir, 'packs');
  const plan = { posts: [BENCH_POST], video: false, stores: benchStores };
  let last = 0;
  const onProgress = (p: { done: number; total: number; etaSeconds?: number }) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    log(`  ${p.done}/${p.total}${p.etaSeconds !== undefined ? `, ETA ${Math.round(p.etaSeconds)} s` : ''}`);
  };
  log(`export benchmark: ${STORES} stores × 2 group types, post ${BENCH_POST}, posters + captions, ${availableParallelism()} cores`);
  const services = createServices(ws);
  const run = (onProgress?: (p: { done: number; total: number; etaSeconds?: number }) => void) => dispatch('export.run', { ...plan, folder: services.grants.grant(out, 'export-folder') }, { ws, services, onProgress }) as Promise<ExportResult>;
  // The poster pool's worker threads start once per open workspace: a small export first (not counted).
  await dispatch('export.run', { posts: [BENCH_POST], video: false, stores: warmStores, folder: services.grants.grant(join(dir, 'warm'), 'export-folder') }, { ws, services });
  const full = await timed('full export', () => run(onProgress));
  const posters = (await dispatch('export.plan', { posts: [BENCH_POST], video: false, stores: benchStores }, { ws, services })) as { posters: number; qr: number };
  await ws.update((d) => {
    d.stores[Math.floor(STORES / 2)]!.catchphrase = '改了一家店：只有这家店的内容重新生成';
  });
  const inc = await timed('re-export after editing one store', () => run());
  const peak = process.resourceUsage().maxRSS / 1024;
  const ratio = inc.s / full.s;
  log(`ratio ${(ratio * 100).toFixed(2)}% (target < 2%), peak RSS ${peak.toFixed(0)} MB`);

  // Equal footing with bench:posters: what the export spent per poster against the bare pipeline, same run.
  const exportCpu = full.cpu / posters.posters;
  const bare = await studioPosters({ n: 50, workers: 2, concurrency: 4, size: '9x16', quiet: true });
  const cpuRatio = exportCpu / bare.cpu;
  log(`export CPU per poster: ${exportCpu.toFixed(1)} ms (${(full.cpu / 1000).toFixed(1)} s over ${posters.posters} posters, with ${posters.qr} QR images, compose, keys, hashing and packing) vs bench:posters ${bare.cpu.toFixed(1)} ms per variant: ${cpuRatio.toFixed(2)}× (target ≤ 1.3×)`);

  // Video: a smaller set of stores with video at full size (1080×1920 / 1080×1080), on this machine's cores.
  const videoStores = benchStores.slice(0, VIDEO_STORES);
  const videoPlan = (await dispatch('export.plan', { posts: [BENCH_POST], stores: videoStores }, { ws, services })) as { variants: number; videos: number };
  const children0 = reapedChildrenCpu();
  const video = await timed(`export with video (${VIDEO_STORES} stores, ${videoPlan.variants} variants, ${videoPlan.videos} videos)`, () => dispatch('export.run', { posts: [BENCH_POST], stores: videoStores, out: 'bench-video' }, { ws, services }) as Promise<ExportResult>);
  const perVideo = video.s / Math.max(1, videoPlan.videos);
  const ffmpegCpu = reapedChildrenCpu() - children0;
  log(`video: ${perVideo.toFixed(2)} s per store variant with video on ${availableParallelism()} cores (${videoPlan.videos} videos; those stores' posters and QR images were cached); CPU per video: studio ${(video.cpu / 1000 / Math.max(1, videoPlan.videos)).toFixed(2)} s + ffmpeg ${(ffmpegCpu / Math.max(1, videoPlan.videos)).toFixed(2)} s`);
  await services.close();
  await ws.close();
  console.log(
    JSON.stringify({
      bench: 'export',
      stores: STORES,
      full_s: Number(full.s.toFixed(2)),
      incremental_s: Number(inc.s.toFixed(3)),
      ratio: Number(ratio.toFixed(4)),
      peak_rss_mb: Math.round(peak),
      export_cpu_ms_per_poster: Number(exportCpu.toFixed(1)),
      bench_posters_cpu_ms: Number(bare.cpu.toFixed(1)),
      cpu_ratio: Number(cpuRatio.toFixed(2)),
      video_s_per_variant: Number(perVideo.toFixed(2)),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
