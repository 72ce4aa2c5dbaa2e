import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { QueueClient, queueRenderStage, WAITING_FOR_WORKERS } from '../../src/jobs/queue/index.js';
import { runExport, type ExportOptions, type ExportResult } from '../../src/pack/export.js';
import { initWorkspace } from '../../src/setup/init.js';
import { S3Store } from '../../src/storage/s3.js';
import type { Workspace } from '../../src/workspace/types.js';
import { startRedis, startS3, type TestRedis } from '../helpers/servers.js';
import { ctx } from '../helpers/session.js';
import { spawnWorker, type SpawnedWorker } from '../helpers/workers.js';
import { clearRenderedOutputs, treeDigest, waitFor } from './queue-helpers.js';

// Real Redis (Debian's redis-server on a free loopback port), real `shequn worker` processes, real
// renders: every queued export is compared file by file, byte by byte, with a local export of the
// same selection (packs are stamped with one fixed clock, so manifests can be compared too).
const clock = () => new Date('2026-12-01T08:00:00.000Z');
const VIDEO = { stores: ['lc001', 'lc003', 'lc007'], posts: ['spring-gift'], videoOverrides: { format: { width: 360, height: 640, fps: 30 } } } satisfies ExportOptions;
const POSTERS = { posts: ['spring-gift'], video: false } satisfies ExportOptions;
const LOCK = { SHEQUN_WORKER_LOCK_MS: '2000' };

let dir: string;
let ws: Workspace;
let redis: TestRedis;
let client: QueueClient;
const workers: SpawnedWorker[] = [];
const references = new Map<string, Record<string, string>>();
let outs = 0;

/** The packs a local export of `sel` writes (computed once per selection). */
async function reference(sel: ExportOptions): Promise<Record<string, string>> {
  const k = JSON.stringify(sel);
  if (!references.has(k)) {
    const out = join(dir, `local-${references.size}`);
    const r = await runExport(ws, { ...sel, out, workers: 1 }, { clock });
    expect(r.failures).toEqual([]);
    references.set(k, await treeDigest(out));
  }
  return references.get(k)!;
}

/** A queued export of `sel` into a fresh folder, after emptying the render cache so workers render everything. */
async function queued(sel: ExportOptions, opts: { storage?: S3Store; signal?: AbortSignal; progress?: string[]; clear?: boolean } = {}): Promise<{ r: ExportResult; out: string }> {
  if (opts.clear !== false) await clearRenderedOutputs(ws);
  const out = join(dir, `queued-${outs++}`);
  const r = await runExport(ws, { ...sel, out }, {
    clock,
    render: queueRenderStage(client, { tickMs: 200, ...(opts.storage ? { storage: opts.storage } : {}) }),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (p) => opts.progress?.push(`${p.done}/${p.total} ${p.current ?? ''}`),
  });
  return { r, out };
}

function worker(args: string[] = [], env: NodeJS.ProcessEnv = LOCK): SpawnedWorker {
  const w = spawnWorker(redis.url, args, env);
  workers.push(w);
  return w;
}

async function queueCounts(): Promise<number> {
  const c = await Promise.all(Object.values(client.queues).map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
  return c.reduce((n, x) => n + Object.values(x).reduce((a, b) => a + b, 0), 0);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shequn-queue-'));
  redis = await startRedis();
  ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  client = await QueueClient.open(redis.url);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await client?.close();
  await redis?.stop();
  await ws?.close();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('exports on render workers (BullMQ over a real Redis)', () => {
  it('refuses a queue it cannot reach, naming the address', async () => {
    await expect(QueueClient.open('redis://127.0.0.1:1', { timeoutMs: 3000 })).rejects.toThrow(/cannot reach the queue at redis:\/\/127\.0\.0\.1:1/);
    await expect(QueueClient.open('http://127.0.0.1:6379')).rejects.toThrow(/redis:\/\/HOST:PORT\[\/DB\]/);
    await expect(dispatch('export.run', { queue: 'redis://127.0.0.1:1', out: 'never' }, ctx(ws))).rejects.toThrow(/cannot reach the queue/);
    await expect(dispatch('export.run', { storage: 's3://bucket/x', out: 'never' }, ctx(ws))).rejects.toMatchObject({ field: 'storage' });
  });

  it('with no worker it waits and says so, never renders here; previews still render at once; cancel removes its jobs and writes nothing', async () => {
    const progress: string[] = [];
    const controller = new AbortController();
    const run = queued(POSTERS, { signal: controller.signal, progress });
    run.catch(() => undefined);
    await waitFor(() => progress.some((p) => p.includes(WAITING_FOR_WORKERS)), 60_000, 'the waiting message');
    expect(await queueCounts()).toBeGreaterThan(0);
    // An interactive preview draws on the studio's own lane: it does not wait behind the queued export.
    const preview = await dispatch('render.poster', { post: 'spring-gift', group: 'community', store: 'lc001', size: '1x1' }, ctx(ws));
    expect(preview).toBeTruthy();
    expect(progress.at(-1)).toMatch(/^0\//); // nothing was rendered while it waited
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await queueCounts()).toBe(0);
    const folders = await readdir(join(dir, `queued-${outs - 1}`)).catch(() => []);
    expect(folders).toEqual([]);
  }, 180_000);

  it('two workers give packs identical to a local export (posters, QR images, videos), byte for byte', async () => {
    const want = await reference(VIDEO);
    const a = worker();
    const b = worker();
    await Promise.all([a.ready, b.ready]);
    const { r, out } = await queued(VIDEO);
    expect(r.failures).toEqual([]);
    expect(r.counts.rendered).toBeGreaterThan(8);
    expect(Object.keys(want).some((f) => f.endsWith('video.mp4'))).toBe(true);
    expect(await treeDigest(out)).toEqual(want);
    // Both took part (stopping b hands nothing back: it has nothing in hand).
    expect(await b.stop()).toBeGreaterThan(0);
    expect(await a.written()).toBeGreaterThan(0);
  }, 600_000);

  it('queueing the same outputs twice renders each once (job ids are the output keys); both exports get the same packs', async () => {
    const want = await reference(POSTERS);
    await clearRenderedOutputs(ws);
    const before = await workers[0]!.written();
    const [one, two] = await Promise.all([queued(POSTERS, { clear: false }), queued(POSTERS, { clear: false })]);
    expect(await treeDigest(one.out)).toEqual(want);
    expect(await treeDigest(two.out)).toEqual(want);
    const distinct = one.r.counts.rendered;
    expect(two.r.counts.rendered).toBe(distinct);
    // The worker counts an output when BullMQ tells it the job completed, a moment after the studio can see it.
    let now = before;
    await waitFor(async () => (now = await workers[0]!.written()) >= before + distinct || undefined, 30_000, 'the worker\'s count');
    expect(now).toBe(before + distinct);
  }, 600_000);

  it('a job that fails 3 times is reported as that output\'s failure, with the error', async () => {
    // Files in object storage, but the running worker was started without --storage: every attempt fails.
    const s3 = await startS3();
    const storage = new S3Store({ address: `s3://${s3.bucket}/fails`, endpoint: s3.endpoint, env: s3.env });
    try {
      const { r } = await queued({ stores: ['lc007'], posts: ['spring-gift'], sizes: ['1x1'], video: false }, { storage });
      expect(r.counts.rendered).toBe(0);
      expect(r.failures.length).toBeGreaterThan(0);
      for (const f of r.failures) expect(f.reason).toMatch(/start the worker with --storage s3:\/\/shequn-test\/fails.*after 3 attempts/);
      expect(r.packs.every((p) => p.status === 'failed')).toBe(true);
    } finally {
      storage.close();
      await s3.stop();
    }
  }, 300_000);

  it('Redis restarted mid-export (its jobs lost): the export queues them again and finishes with the same packs', async () => {
    const want = await reference(POSTERS);
    const progress: string[] = [];
    const run = queued(POSTERS, { progress });
    run.catch(() => undefined);
    await waitFor(() => progress.some((p) => /^[1-9]\d*\//.test(p)), 120_000, 'the first finished output');
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    const { r, out } = await run;
    expect(r.failures).toEqual([]);
    expect(await treeDigest(out)).toEqual(want);
    expect(progress.some((p) => /unreachable|re-queueing/.test(p))).toBe(true);
  }, 600_000);

  it('a worker killed with SIGKILL mid-export loses nothing: its jobs return to the queue and finish on another worker', async () => {
    const want = await reference(POSTERS);
    await workers[0]!.stop();
    const victim = worker();
    await victim.ready;
    const progress: string[] = [];
    const run = queued(POSTERS, { progress });
    run.catch(() => undefined);
    await waitFor(() => progress.some((p) => /^[2-9]\d*\//.test(p)), 180_000, 'outputs from the first worker');
    await victim.kill();
    const rescuer = worker();
    const { r, out } = await run;
    expect(r.failures).toEqual([]);
    expect(await treeDigest(out)).toEqual(want);
    expect(await rescuer.stop()).toBeGreaterThan(0);
  }, 600_000);

  it('SIGTERM hands a running video back to the queue at once; another worker finishes it with the same bytes', async () => {
    const want = await reference({ ...VIDEO, sizes: ['9x16'] });
    for (const w of workers) await w.stop();
    const leaving = worker();
    await leaving.ready;
    const run = queued({ ...VIDEO, sizes: ['9x16'] });
    run.catch(() => undefined);
    await waitFor(() => /video job/.test(leaving.log()) || undefined, 240_000, 'a video job on the worker');
    const t0 = Date.now();
    await leaving.stop();
    expect(Date.now() - t0).toBeLessThan(30_000); // it did not wait for the encode to end
    expect(leaving.log()).toMatch(/video job [0-9a-f]{12}: handed back to the queue/);
    const next = worker();
    const { r, out } = await run;
    expect(r.failures).toEqual([]);
    expect(await treeDigest(out)).toEqual(want);
    expect(await next.stop()).toBeGreaterThan(0);
  }, 600_000);

  it('S3 mode: inputs uploaded once, content-addressed; outputs written back by hash; packs identical; a second export fetches them without any worker', async () => {
    const want = await reference(VIDEO);
    const s3 = await startS3();
    const address = `s3://${s3.bucket}/studio`;
    const storage = new S3Store({ address, endpoint: s3.endpoint, env: s3.env });
    try {
      const w = worker(['--storage', address, '--endpoint', s3.endpoint], { ...LOCK, ...s3.env });
      await w.ready;
      const { r, out } = await queued(VIDEO, { storage });
      expect(r.failures).toEqual([]);
      expect(await treeDigest(out)).toEqual(want);
      const keys = (await storage.list('')).map((o) => o.key);
      expect(keys.some((k) => /^assets\/[0-9a-f]{64}\.(png|jpg|webp)$/.test(k))).toBe(true);
      const inputs = keys.filter((k) => k.startsWith('renders/cache/inputs/'));
      expect(inputs.length).toBeGreaterThanOrEqual(3); // fonts, templates, shared contexts (each once)
      const outputs = keys.filter((k) => /^renders\/cache\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|mp4)$/.test(k));
      // Covers (cover.jpg, one still picture per video) are drawn in the studio, not on workers.
      const covers = Object.keys(want).filter((f) => f.endsWith('cover.jpg')).length;
      expect(covers).toBeGreaterThan(0);
      expect(outputs.length).toBe(r.counts.rendered - covers);
      const one = await storage.head(outputs[0]!);
      const { createHash } = await import('node:crypto');
      expect(one!.metadata.sha256).toBe(createHash('sha256').update((await storage.get(outputs[0]!))!).digest('hex'));
      expect(await w.stop()).toBe(r.counts.rendered - covers);
      // Everything is in storage now: with no worker at all, a fresh cache is filled from it.
      const again = await queued(VIDEO, { storage });
      expect(again.r.failures).toEqual([]);
      expect(await treeDigest(again.out)).toEqual(want);
    } finally {
      storage.close();
      await s3.stop();
    }
  }, 600_000);
});
