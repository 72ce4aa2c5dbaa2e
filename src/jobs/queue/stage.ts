import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { isCancelled, ProgressMeter, runPool, StudioError } from '../../model/index.js';
import type { RenderCache } from '../../pack/cache.js';
import type { PendingOutput, RenderStage, RenderStageResult, StageOptions } from '../../pack/render-stage.js';
import { renderVideos } from '../../pack/video-stage.js';
import { FolderStore } from '../../storage/folder.js';
import type { ObjectStore } from '../../storage/store.js';
import { sha256 } from '../../workspace/hash.js';
import type { Workspace } from '../../workspace/types.js';
import { buildJobs, type QueuedJob } from './build-jobs.js';
import type { QueueClient, QueueName } from './client.js';
import { InputStager } from './inputs.js';
import { ATTEMPTS, cancelKey, outputObjectKey, type JobResult } from './protocol.js';

/** Options of the queue stage. */
export interface QueueStageOptions {
  /** Object storage for inputs and outputs; default: the workspace folder itself (workers mount it at the same path). */
  storage?: ObjectStore;
  /** How long Redis may stay unreachable before the export stops (default 60 s). */
  downLimitMs?: number;
  /** How often the wait checks workers and connection (default 1 s). */
  tickMs?: number;
}

/** The words shown while no render worker is connected. */
export const WAITING_FOR_WORKERS = '等待渲染节点 / waiting for workers';

const BULK = 500;

/**
 * The render stage of an export on render workers (`shequn worker`) over a BullMQ queue: stages
 * the inputs, queues one job per output (its content key as job id, so queueing twice or a result
 * coming twice changes nothing), waits for the workers' results with their progress, and puts
 * every output in the workspace's render cache, where the pack writer finds them exactly as after
 * a local render. It never renders here: with no worker it waits and says so. A job that fails
 * ATTEMPTS times is that output's failure. Redis restarted (jobs lost): the missing jobs are
 * queued again; Redis gone longer than the limit: the export stops with a clear error, no pack is
 * written. Cancel removes the export's waiting jobs and tells workers to drop its running videos.
 */
export function queueRenderStage(client: QueueClient, opts: QueueStageOptions = {}): RenderStage {
  return async (ws, cache, pending, o) => {
    // A video's cover.jpg is one still picture (no ffmpeg, a few ms): the studio draws it with its
    // own layer renderer, as a local export does, instead of shipping its context to a worker.
    const covers = pending.filter((p) => p.spec.kind === 'cover');
    const queued = covers.length ? pending.filter((p) => p.spec.kind !== 'cover') : pending;
    const base = o.offset ?? { done: 0, total: pending.length };
    const result = await new QueueExport(client, opts, ws, cache, queued, { ...o, offset: base }).run();
    if (!covers.length) return result;
    if (o.signal?.aborted) throw new StudioError('cancelled', 'export cancelled');
    const jobs = covers.map((p) => ({ key: p.spec.key, outPath: cache.pathOf(p.spec.key, p.spec.ext), variant: p.variant, spec: p.spec }));
    const r = await renderVideos(ws, jobs, { ...(o.signal ? { signal: o.signal } : {}), ...(o.video ? { overrides: o.video } : {}), ...(o.layers ? { layers: o.layers } : {}) });
    for (const p of covers) {
      const err = r.errors.get(p.spec.key);
      const c = p.variant.ctx;
      if (err) result.failed.push({ key: p.spec.key, output: 'cover', store: c.store.id, post: c.post.id, groupType: c.group.id, reason: err.message });
      else result.rendered++;
    }
    o.onProgress?.({ done: base.done + pending.length, total: base.total, current: 'cover' });
    return result;
  };
}

class QueueExport {
  private readonly result: RenderStageResult = { rendered: 0, failed: [], digests: new Map(), notes: [], parallelism: 0 };
  private readonly notes = new Set<string>();
  private readonly store: ObjectStore;
  private readonly s3: boolean;
  private readonly exportId = randomUUID();
  private readonly outstanding = new Map<string, QueuedJob>();
  private readonly fetches = new Set<Promise<void>>();
  /** Outputs already counted (rendered or failed), so a job that fails half-way is not counted twice. */
  private readonly done = new Set<string>();
  private meter!: ProgressMeter;
  private lastEvent = Date.now();
  private seenReconnects: number;
  private current = '';

  constructor(
    private readonly client: QueueClient,
    private readonly opts: QueueStageOptions,
    private readonly ws: Workspace,
    private readonly cache: RenderCache,
    private readonly pending: PendingOutput[],
    private readonly o: StageOptions,
  ) {
    this.s3 = !!opts.storage;
    this.store = opts.storage ?? new FolderStore(dirname(ws.paths.studio));
    this.seenReconnects = client.reconnects;
  }

  private emit(current = this.current): void {
    this.current = current;
    this.meter.report(current);
  }

  async run(): Promise<RenderStageResult> {
    const base = this.o.offset ?? { done: 0, total: this.pending.length };
    this.meter = new ProgressMeter(this.pending.length, (p) => this.o.onProgress?.({ ...p, done: base.done + p.done, total: base.total }));
    if (!this.pending.length) return this.result;
    let todo = this.pending;
    if (this.s3) todo = await this.fetchExisting(todo);
    this.emit(`上传输入 / staging inputs in ${this.store.address}`);
    const jobs = await buildJobs(todo, { ws: this.ws, stager: new InputStager(this.store), place: this.s3 ? { kind: 's3', address: this.store.address } : { kind: 'folder', workspace: dirname(this.ws.paths.studio) }, exportId: this.exportId, ...(this.o.video ? { video: this.o.video } : {}) });
    for (const j of jobs) this.outstanding.set(j.id, j);
    this.client.watch(this.outstanding.keys(), {
      completed: (id, r) => this.completed(id, r),
      failed: (id, reason) => this.failed(id, reason),
      progress: (id, p) => {
        const j = this.outstanding.get(id);
        if (j) this.emit(`${j.label} (${Math.round(p.percent)}%)`);
        this.lastEvent = Date.now();
      },
    });
    try {
      await this.enqueue(jobs);
      this.emit(`已排队 ${jobs.length} 个任务 / ${jobs.length} job(s) queued on ${this.client.address.shown}`);
      await this.wait();
      await Promise.all(this.fetches);
    } catch (err) {
      if (isCancelled(err) || this.o.signal?.aborted) await this.cancel();
      throw err;
    } finally {
      this.client.unwatch(jobs.map((j) => j.id));
    }
    this.result.notes = [...this.notes];
    return this.result;
  }

  /** Object storage: outputs already there (another export, another studio) are fetched, not rendered again. */
  private async fetchExisting(pending: PendingOutput[]): Promise<PendingOutput[]> {
    const left: PendingOutput[] = [];
    await runPool(
      pending,
      async (p) => {
        const head = await this.store.head(outputObjectKey(p.spec.key, p.spec.ext));
        if (head && (await this.fetch(p, head.metadata.sha256))) {
          this.result.rendered++;
          this.meter.tick(`${p.spec.kind} (from ${this.store.address})`);
        } else left.push(p);
      },
      { concurrency: 8, signal: this.o.signal },
    );
    const rest = new Set(left);
    return pending.filter((p) => rest.has(p));
  }

  /** Copies an output from object storage into the render cache, checked against its sha256; false when it is missing or wrong. */
  private async fetch(p: PendingOutput, expected: string | undefined): Promise<boolean> {
    const bytes = await this.store.get(outputObjectKey(p.spec.key, p.spec.ext));
    if (!bytes) return false;
    const digest = sha256(bytes);
    if (expected && digest !== expected) return false;
    await this.cache.put(p.spec.key, p.spec.ext, bytes);
    this.result.digests.set(p.spec.key, digest);
    return true;
  }

  private async enqueue(jobs: QueuedJob[]): Promise<void> {
    const opts = { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: true };
    for (const name of ['posters', 'videos'] as QueueName[]) {
      const mine = jobs.filter((j) => j.queue === name);
      for (let i = 0; i < mine.length; i += BULK) {
        if (this.o.signal?.aborted) throw new StudioError('cancelled', 'cancelled by the user');
        await this.client.queues[name].addBulk(mine.slice(i, i + BULK).map((j) => ({ name: j.data.kind, data: j.data, opts: { ...opts, jobId: j.id } })));
      }
    }
  }

  private completed(id: string, r: JobResult): void {
    const job = this.outstanding.get(id);
    if (!job) return; // a duplicate result, or one for another export: nothing changes
    this.outstanding.delete(id);
    this.lastEvent = Date.now();
    const task = this.accept(job, r).catch((err: unknown) => this.failOutputs({ ...job, outputs: job.outputs.filter((p) => !this.done.has(p.spec.key)) }, err instanceof Error ? err.message : String(err)));
    this.fetches.add(task);
    void task.finally(() => this.fetches.delete(task));
  }

  /** Takes a finished job's outputs into the render cache (a shared folder: they are there already). */
  private async accept(job: QueuedJob, r: JobResult): Promise<void> {
    for (const p of job.outputs) {
      const refused = r.failed.find((x) => x.key === p.spec.key);
      if (refused) {
        this.failOutputs({ ...job, outputs: [p] }, refused.reason);
        continue;
      }
      const out = r.outputs.find((x) => x.key === p.spec.key);
      if (!out) throw new Error(`the worker did not return ${p.spec.kind} ${p.spec.key.slice(0, 12)}`);
      if (this.s3) {
        if (!(await this.fetch(p, out.sha256))) throw new Error(`${p.spec.kind} ${p.spec.key.slice(0, 12)} is missing or damaged in ${this.store.address}`);
      } else {
        if (!(await this.cache.get(p.spec.key, p.spec.ext))) throw new Error(`${p.spec.kind} ${p.spec.key.slice(0, 12)} is not in the render cache (is the workspace folder shared at the same path?)`);
        this.result.digests.set(p.spec.key, out.sha256);
      }
      this.result.rendered++;
      this.done.add(p.spec.key);
      const c = p.variant.ctx;
      for (const n of out.notes) this.notes.add(`${p.spec.kind === 'poster' ? `poster ${p.spec.size}` : p.spec.kind} · ${c.post.id}/${c.group.id}: ${n}`);
      this.meter.tick(job.label);
    }
  }

  private failed(id: string, reason: string): void {
    const job = this.outstanding.get(id);
    if (!job) return;
    this.outstanding.delete(id);
    this.lastEvent = Date.now();
    this.failOutputs(job, `${reason} (渲染节点尝试 ${ATTEMPTS} 次 / after ${ATTEMPTS} attempts on workers)`);
  }

  private failOutputs(job: QueuedJob, reason: string): void {
    for (const p of job.outputs) {
      this.done.add(p.spec.key);
      const c = p.variant.ctx;
      this.result.failed.push({ key: p.spec.key, output: p.spec.kind === 'poster' ? `poster-${p.spec.size}` : p.spec.kind, store: c.store.id, post: c.post.id, groupType: c.group.id, reason });
      this.meter.tick(job.label);
    }
  }

  /** Waits until every job has ended, watching workers, the connection and the cancel signal. */
  private wait(): Promise<void> {
    const downLimit = this.opts.downLimitMs ?? 60_000;
    return new Promise<void>((resolve, reject) => {
      let busy = false;
      let lastWorkers = 0;
      const finish = (err?: unknown) => {
        clearInterval(timer);
        this.o.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => finish(new StudioError('cancelled', 'cancelled by the user'));
      this.o.signal?.addEventListener('abort', onAbort, { once: true });
      const tick = async () => {
        if (!this.outstanding.size) return finish();
        const down = this.client.unreachableMs();
        if (down > downLimit) {
          return finish(new StudioError('internal', `队列 ${this.client.address.shown} 已 ${Math.round(down / 1000)} 秒无法连接，导出已停止 / the queue at ${this.client.address.shown} has been unreachable for ${Math.round(down / 1000)} s: the export stopped, no pack was changed; run it again when Redis is back (outputs already rendered are kept)`, 'queue'));
        }
        if (down > 0) return this.emit(`队列连接中断，重连中 / queue unreachable, reconnecting (${Math.round(down / 1000)} s)`);
        if (busy) return;
        busy = true;
        try {
          const workers = await this.client.workers();
          const needed = new Set([...this.outstanding.values()].map((j) => j.queue));
          const count = [...needed].reduce((n, q) => n + workers[q], 0);
          this.result.parallelism = Math.max(this.result.parallelism, count);
          if (count === 0) this.emit(`${WAITING_FOR_WORKERS} (${this.outstanding.size} job(s) queued on ${this.client.address.shown}; start one with: shequn worker --redis ${this.client.address.shown})`);
          else if (lastWorkers === 0) this.emit(`${count} worker(s) rendering`);
          lastWorkers = count;
          // After a reconnect (Redis may have restarted empty), or when nothing was heard for a while, look at every job.
          if (this.client.reconnects !== this.seenReconnects || (count > 0 && Date.now() - this.lastEvent > 30_000)) {
            this.seenReconnects = this.client.reconnects;
            this.lastEvent = Date.now();
            await this.sweep();
          }
          if (!this.outstanding.size) finish();
        } catch (err) {
          if (this.client.unreachableMs() === 0) finish(err);
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(() => void tick(), this.opts.tickMs ?? 1000);
      void tick();
    });
  }

  /** Looks at every outstanding job: finished ones whose event was missed are taken, lost ones queued again. */
  private async sweep(): Promise<void> {
    const lost: QueuedJob[] = [];
    const jobs = [...this.outstanding.values()];
    for (let i = 0; i < jobs.length; i += 200) {
      await Promise.all(
        jobs.slice(i, i + 200).map(async (job) => {
          const state = await this.client.queues[job.queue].getJobState(job.id);
          if (state !== 'unknown' || !this.outstanding.has(job.id)) return;
          // Gone from Redis: finished (results are removed) if every output is in the store, else lost.
          const outs = await Promise.all(job.outputs.map((p) => this.store.head(outputObjectKey(p.spec.key, p.spec.ext))));
          if (!outs.every((h) => h)) return void lost.push(job);
          const outputs = await Promise.all(
            job.outputs.map(async (p, k) => {
              const sha = outs[k]!.metadata.sha256 ?? sha256((await this.store.get(outputObjectKey(p.spec.key, p.spec.ext))) ?? Buffer.alloc(0));
              return { key: p.spec.key, sha256: sha, size: outs[k]!.size, notes: [] };
            }),
          );
          this.completed(job.id, { outputs, failed: [] });
        }),
      );
    }
    if (lost.length) {
      this.emit(`重新排队 ${lost.length} 个丢失的任务 / re-queueing ${lost.length} job(s) the queue lost`);
      await this.enqueue(lost);
    }
  }

  /** Removes the export's jobs that have not started, and asks workers to drop its running videos. */
  private async cancel(): Promise<void> {
    if (this.client.unreachableMs() > 0) return;
    await this.client.redis.set(cancelKey(this.exportId), '1', 'EX', 24 * 3600).catch(() => undefined);
    const ids = [...this.outstanding.values()];
    for (let i = 0; i < ids.length; i += BULK) {
      await Promise.all(ids.slice(i, i + BULK).map((j) => this.client.queues[j.queue].remove(j.id).catch(() => 0)));
    }
  }
}
