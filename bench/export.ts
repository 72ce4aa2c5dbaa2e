/**
 * Export benchmark (npm run bench:export): the demo brand scaled to 500 stores, one post, two group
 * types per store, posters and captions (no video: it has its own benchmark). Measures the full
 * export into an empty cache, then the re-export after editing one store, their ratio (target < 2%)
 * and the peak RSS of the process (worker threads included). BENCH_STORES=N runs a smaller scale.
 * Both exports run as the studio runs them: through the contract (`export.run`) with the open
 * workspace's services, so the second one finds the poster pool's workers warm.
 * Last line: {"bench":"export","stores":500,"full_s":…,"incremental_s":…,"ratio":…,"peak_rss_mb":…}
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOwner } from '../src/model/index.js';
import { dispatch } from '../src/api/dispatcher.js';
import { createServices } from '../src/api/services.js';
import type { ExportResult } from '../src/pack/export.js';
import { initWorkspace } from '../src/setup/init.js';

const STORES = Number(process.env.BENCH_STORES ?? 500);
const POST = 'spring-gift';
// Pairs of the post's group types, so every store runs two and all four appear.
const PAIRS = [
  ['community', 'vip'],
  ['community', 'moms'],
  ['moms', 'koc'],
  ['koc', 'vip'],
];

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

function scaledStores(demo: readonly StoreOwner[]): StoreOwner[] {
  const active = demo.filter((s) => s.active);
  return Array.from({ length: STORES }, (_, i) => {
    const b = active[i % active.length]!;
    const n = String(i + 1).padStart(4, '0');
    return { ...b, id: `b${n}`, storeName: `${b.storeName.slice(0, 12)}${i + 1}号店`, groupTypes: [...PAIRS[i % PAIRS.length]!], active: true, cloudStoreUrl: b.cloudStoreUrl ? `${b.cloudStoreUrl.replace(/\/[^/]*$/, '')}/b${n}` : undefined };
  });
}

async function timed(label: string, fn: () => Promise<ExportResult>): Promise<{ r: ExportResult; s: number; cores: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cores = (cpu.user + cpu.system) / 1e6 / s;
  log(`${label}: ${s.toFixed(2)} s — rendered ${r.counts.rendered}, reused ${r.counts.reused}, failed ${r.counts.failed}; packs written ${r.packs.filter((p) => p.status === 'written').length}, unchanged ${r.packs.filter((p) => p.status === 'reused').length}; CPU ${cores.toFixed(2)} cores busy on average (${availableParallelism()} available)`);
  log(`  phases: compose+keys ${r.phases.compose.toFixed(2)} s, render ${r.phases.render.toFixed(2)} s, write ${r.phases.write.toFixed(2)} s; poster workers busy on average: ${r.parallelism}`);
  for (const f of r.failures.slice(0, 5)) log(`  failed: ${f.store} ${f.post}/${f.groupType} ${f.output}: ${f.reason}`);
  return { r, s, cores };
}

const dir = await mkdtemp(join(tmpdir(), 'shequn-bench-export-'));
try {
  const ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  await ws.update((d) => {
    d.posts = d.posts.filter((p) => p.id === POST);
    d.stores = scaledStores(d.stores);
  });
  const out = join(dir, 'packs');
  const plan = { posts: [POST], video: false };
  let last = 0;
  const onProgress = (p: { done: number; total: number; etaSeconds?: number }) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    log(`  ${p.done}/${p.total}${p.etaSeconds !== undefined ? `, ETA ${Math.round(p.etaSeconds)} s` : ''}`);
  };
  log(`export benchmark: ${STORES} stores × 2 group types, post ${POST}, posters + captions, ${availableParallelism()} cores`);
  const services = createServices(ws);
  const run = (onProgress?: (p: { done: number; total: number; etaSeconds?: number }) => void) => dispatch('export.run', { ...plan, folder: services.grants.grant(out, 'export-folder') }, { ws, services, onProgress }) as Promise<ExportResult>;
  const full = await timed('full export', () => run(onProgress));
  await ws.update((d) => {
    d.stores[Math.floor(STORES / 2)]!.catchphrase = '改了一家店：只有这家店的内容重新生成';
  });
  const inc = await timed('re-export after editing one store', () => run());
  await services.close();
  await ws.close();
  const peak = process.resourceUsage().maxRSS / 1024;
  const ratio = inc.s / full.s;
  log(`ratio ${(ratio * 100).toFixed(2)}% (target < 2%), peak RSS ${peak.toFixed(0)} MB`);
  console.log(JSON.stringify({ bench: 'export', stores: STORES, full_s: Number(full.s.toFixed(2)), incremental_s: Number(inc.s.toFixed(3)), ratio: Number(ratio.toFixed(4)), peak_rss_mb: Math.round(peak) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
