/**
 * Previews made on demand (issue 17) on the demo workspace: the template gallery's thumbnails (every
 * poster layout, cold then from the content-keyed cache) and the editor's preview video (270×480)
 * against the real alternative, the full-size video export of the same variant. Wall and CPU time
 * side by side (the machine is shared). Ends with one JSON line.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src/api/dispatcher.js';
import { createServices } from '../src/api/services.js';
import { initWorkspace } from '../src/setup/init.js';

/** CPU ms of the children this process has waited for (ffmpeg): cutime + cstime of /proc/self/stat, at 100 ticks a second. */
function childCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}

/** Wall and CPU (user + system of this process and of the ffmpeg children it waited for) of one run. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const k0 = childCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs: Math.round(wallMs), cpuMs: Math.round((c.user + c.system) / 1000 + childCpuMs() - k0) };
}

const dir = await mkdtemp(join(tmpdir(), 'shequn-bench-previews-'));
const ws = await initWorkspace(join(dir, 'ws'), { demo: true });
const services = createServices(ws, { posterWorkers: 0 });
const ctx = { ws, services, user: { id: 'bench', role: 'editor' as const } } as unknown as Parameters<typeof dispatch>[2];
try {
  const posters = (await dispatch('templates.list', {}, ctx)).filter((t) => t.kind === 'poster');
  const cold = await measure(async () => {
    for (const t of posters) await dispatch('templates.thumbnail', { template: t.id }, ctx);
  });
  const warm = await measure(async () => {
    for (const t of posters) await dispatch('templates.thumbnail', { template: t.id }, ctx);
  });

  const wait = async (job: string) => {
    for (;;) {
      const s = await dispatch('jobs.get', { id: job }, ctx);
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Both at 9:16 (the preview otherwise follows the group type: 社区群 gets 1:1).
  const variant = { post: 'spring-gift', group: 'community', store: 'lc002', size: '9x16' as const };
  const preview = await measure(async () => wait((await dispatch('video.previewStart', variant, ctx)).job));
  const previewAgain = await measure(async () => wait((await dispatch('video.previewStart', variant, ctx)).job));
  const full = await measure(() => dispatch('video.render', variant, ctx));
  const p = preview.value.kind === 'videoPreview' ? preview.value.result : undefined;

  console.log(
    JSON.stringify({
      bench: 'previews',
      load: loadavg()[0]!.toFixed(1),
      layouts: posters.length,
      thumbnailsColdMs: cold.wallMs,
      thumbnailsColdCpuMs: cold.cpuMs,
      thumbnailsCachedMs: warm.wallMs,
      previewVideoMs: preview.wallMs,
      previewVideoCpuMs: preview.cpuMs,
      previewVideoBytes: p?.bytes,
      previewVideoSize: p && `${p.width}x${p.height}`,
      previewVideoCachedMs: previewAgain.wallMs,
      fullVideoMs: full.wallMs,
      fullVideoCpuMs: full.cpuMs,
      fullVideoBytes: full.value.bytes,
    }),
  );
} finally {
  await services.close();
  await ws.close();
  await rm(dir, { recursive: true, force: true });
}
