/**
 * Scale benchmark (npm run bench:scale): the same poster export — the demo brand scaled to
 * BENCH_STORES stores (default 110) × 2 group types = 220 store variants, posters and QR images,
 * no video — rendered through the queue (BullMQ on a Redis of its own, Debian's redis-server on a
 * free loopback port) by 1 `shequn worker`, then by 2 workers, one render lane each, in one run.
 * Each worker is held to one core of its own (Linux taskset: a worker stands for a one-core
 * machine, so 2 workers have twice the cores of 1 — what adding machines adds). Each worker count
 * runs the export cold (workers just started: fonts, lanes, base layers), then warm after emptying
 * the render cache (the timed run: long-lived workers are warm), then warm again with the same
 * workers let loose on every core (printed beside: on 2 cores one worker's threads — its lane,
 * libvips, the queue client — already overlap on the core a second worker would get).
 * Prints wall time and the CPU of the studio, the workers and Redis; the last line is
 *   {"bench":"scale","workers":[1,2],"s":[…],"speedup":…,"cores_per_worker":1,"all_cores_s":[…],…}
 * (target speedup ≥ 1.6 on 2 cores)
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/api/services.js';
import { dispatch } from '../src/api/dispatcher.js';
import type { ExportResult } from '../src/pack/export.js';
import { initWorkspace } from '../src/setup/init.js';
import { BENCH_POST, scaledStores } from './scaled-demo.js';
import { clearRenderedOutputs } from '../test/jobs/queue-helpers.js';
import { startRedis } from '../test/helpers/servers.js';
import { spawnWorker, type SpawnedWorker } from '../test/helpers/workers.js';

const STORES = Number(process.env.BENCH_STORES ?? 110);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** CPU seconds (user + system, all threads) a process has used, from /proc. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
/** Whether this machine can hold a process to a CPU (util-linux taskset). */
function canPin(): Promise<boolean> {
  return new Promise((resolve) => execFile('taskset', ['--cpu-list', '0', 'true'], (err) => resolve(!err)));
}

/** Lets every thread of `pid` run on every core again. */
function unpin(pid: number): Promise<void> {
  return new Promise((resolve, reject) => execFile('taskset', ['--all-tasks', '--cpu-list', '--pid', `0-${availableParallelism() - 1}`, String(pid)], (err) => (err ? reject(err) : resolve())));
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const dir = await mkdtemp(join(tmpdir(), 'shequn-bench-scale-'));
const redis = await startRedis();
try {
  const ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  await ws.update((d) => {
    d.posts = d.posts.filter((p) => p.id === BENCH_POST);
    d.stores = scaledStores(d.stores, STORES, 's');
  });
  const services = createServices(ws);
  const plan = (await dispatch('export.plan', { posts: [BENCH_POST], video: false }, { ws, services })) as { variants: number; posters: number; qr: number };
  log(`scale benchmark: ${STORES} stores × 2 group types = ${plan.variants} store variants (${plan.posters} posters + ${plan.qr} QR images), through the queue at ${redis.url}; ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  // Each worker count runs with every worker held to one core of its own (taskset; a worker = a
  // one-core machine: what adding machines adds), then with the same warm workers let loose on all
  // cores (one worker's threads — its lane, libvips, the queue client — then overlap on both cores).
  const pinnedOk = process.platform === 'linux' && (await canPin());
  const seconds: number[] = [];
  const loose: number[] = [];
  const cpu: Record<string, { studio: number; workers: number; redis: number }> = {};
  const counts = [1, 2];
  for (const k of counts) {
    const workers: SpawnedWorker[] = Array.from({ length: k }, (_, i) => spawnWorker(redis.url, ['--concurrency', '1'], {}, pinnedOk ? { cpus: String(i % availableParallelism()) } : {}));
    await Promise.all(workers.map((w) => w.ready));
    const pids = workers.map((w) => w.child.pid!);
    const run = async (key: string, label: string): Promise<number> => {
      await clearRenderedOutputs(ws);
      const out = `packs-${k}-${key}`; // inside the workspace's packs/
      const c0 = ownCpu();
      const w0 = pids.map(cpuOf);
      const r0 = cpuOf(redis.pid());
      const t0 = performance.now();
      const r = (await dispatch('export.run', { posts: [BENCH_POST], video: false, out, queue: redis.url }, { ws, services })) as ExportResult;
      const s = (performance.now() - t0) / 1000;
      const studio = ownCpu() - c0;
      const wcpu = pids.map((p, i) => cpuOf(p) - w0[i]!);
      const rcpu = cpuOf(redis.pid()) - r0;
      if (r.failures.length) throw new Error(`failures: ${r.failures.slice(0, 3).map((f) => f.reason).join('; ')}`);
      const outputs = r.counts.rendered;
      cpu[`${k}w_${key}`] = { studio: Number(studio.toFixed(2)), workers: Number(wcpu.reduce((a, b) => a + b, 0).toFixed(2)), redis: Number(rcpu.toFixed(2)) };
      log(
        `  ${k} worker(s), ${label}: ${s.toFixed(2)} s for ${outputs} outputs (${((s * 1000) / outputs).toFixed(1)} ms/output); CPU: studio ${studio.toFixed(1)} s, workers ${wcpu.map((c) => c.toFixed(1)).join(' + ')} s (${((wcpu.reduce((a, b) => a + b, 0) * 1000) / outputs).toFixed(1)} ms/output), redis ${rcpu.toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)}`,
      );
      return s;
    };
    const held = pinnedOk ? 'one core each' : 'not pinned (no taskset here)';
    await run('cold', `cold, ${held}`);
    seconds.push(await run('warm', `warm, ${held}`));
    if (pinnedOk) {
      // The same warm workers on every core (all their threads: taskset -a).
      for (const pid of pids) await unpin(pid);
      loose.push(await run('warm_all_cores', 'warm, all cores'));
    }
    await Promise.all(workers.map((w) => w.stop()));
  }
  await services.close();
  await ws.close();
  const speedup = seconds[0]! / seconds[1]!;
  log(`speedup 1 → 2 workers${pinnedOk ? ', one core each' : ''}: ${speedup.toFixed(2)}× (target ≥ 1.6 on ${availableParallelism()} cores)`);
  if (loose.length) log(`the same workers on all ${availableParallelism()} cores: ${loose.map((s) => s.toFixed(2)).join(' s → ')} s, ${(loose[0]! / loose[1]!).toFixed(2)}× (one worker's threads already overlap on the cores a second worker would use)`);
  console.log(
    JSON.stringify({
      bench: 'scale',
      workers: counts,
      s: seconds.map((s) => Number(s.toFixed(2))),
      speedup: Number(speedup.toFixed(2)),
      cores_per_worker: pinnedOk ? 1 : null,
      ...(loose.length ? { all_cores_s: loose.map((s) => Number(s.toFixed(2))), all_cores_speedup: Number((loose[0]! / loose[1]!).toFixed(2)) } : {}),
      cpu_s: cpu,
    }),
  );
} finally {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}
