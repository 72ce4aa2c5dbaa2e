import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { StudioError } from '../../model/index.js';
import type { ObjectStore } from '../../storage/store.js';
import { parseRedisUrl, redisOptions } from './connection.js';
import { RenderProcessors } from './processors.js';
import { cancelKey, JobProgress, QUEUE_PREFIX, QUEUES, RenderJobData, type JobResult } from './protocol.js';

/** How a render worker is started (`shequn worker`). */
export interface RenderWorkerOptions {
  /** redis://HOST:PORT[/DB] */
  redis: string;
  /** Poster render lanes (worker threads; default 1). Videos run one job at a time (ffmpeg uses every core). */
  concurrency?: number;
  /** Object storage for jobs whose files are there (`--storage s3://BUCKET/PREFIX --endpoint URL`). */
  storage?: ObjectStore;
  /** How long a job's lock lasts without a heartbeat before other workers take the job back (default 30 s). */
  lockMs?: number;
  /** One line per event worth telling (jobs failed, videos done, a summary every 10 s). */
  log?: (line: string) => void;
}

/** A running render worker. */
export interface RenderWorker {
  /** The queue it serves (password hidden). */
  readonly address: string;
  readonly lanes: number;
  /** Outputs written and jobs failed so far. */
  counts(): { outputs: number; failed: number };
  /**
   * Stops taking jobs; lets the posters in hand finish and hands running videos back to the queue
   * (another worker starts them again), then closes everything.
   */
  stop(): Promise<void>;
}

interface Running {
  controller: AbortController;
}

/**
 * Starts a stateless render worker: BullMQ workers on the posters and videos queues of one Redis,
 * rendering each job from its inputs (a shared workspace folder or object storage) into its output
 * key. A worker killed mid-job loses nothing: its lock lapses and BullMQ hands the job to another
 * worker (stalled jobs); a job that fails ATTEMPTS times is reported to the studio with its error.
 */
export async function startRenderWorker(opts: RenderWorkerOptions): Promise<RenderWorker> {
  const address = parseRedisUrl(opts.redis, 'redis');
  const connection = redisOptions(address);
  const redis = new Redis({ ...connection, lazyConnect: true });
  let lastError = '';
  redis.on('error', (err: Error) => (lastError = err.message));
  try {
    await Promise.race([redis.connect(), new Promise((_, reject) => setTimeout(() => reject(new Error(lastError || 'no answer in 10 s')), 10_000).unref())]);
  } catch (err) {
    redis.disconnect();
    throw new StudioError('bad_input', `无法连接队列 ${address.shown} / cannot reach the queue at ${address.shown}: ${lastError || (err as Error).message}`, 'redis');
  }
  const lanes = Math.max(1, opts.concurrency ?? 1);
  const log = opts.log ?? (() => undefined);
  const scratch = await mkdtemp(join(tmpdir(), `shequn-worker-${process.pid}-`));
  const processors = new RenderProcessors({ lanes, scratch, ...(opts.storage ? { storage: opts.storage } : {}) });
  const running = new Map<string, Running>();
  let outputs = 0;
  let failed = 0;
  let stopping = false;

  const processor = async (job: Job, token?: string): Promise<JobResult> => {
    const parsed = RenderJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`unreadable job ${job.id}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    if (data.kind === 'poster') return processors.poster(data);
    if (data.kind === 'qr') return processors.qr(data);
    const controller = new AbortController();
    running.set(job.id!, { controller });
    // The studio cancels an export by setting a key: a long video job looks for it every second.
    const watch = setInterval(() => {
      redis.get(cancelKey(data.export)).then((v) => v && controller.abort('cancelled'), () => undefined);
    }, 1000);
    let last = 0;
    try {
      log(`video job ${job.id!.slice(0, 12)}: ${data.items.length} store(s)`);
      return await processors.video(data, {
        signal: controller.signal,
        progress: (p) => {
          if (Date.now() - last < 1000 && p.done < p.total) return;
          last = Date.now();
          void job.updateProgress(JobProgress.parse(p)).catch(() => undefined);
        },
      });
    } catch (err) {
      if (controller.signal.reason === 'handback') {
        // Stopping: the job goes back to the queue untouched (no attempt counted) for another worker.
        await job.moveToWait(token);
        log(`video job ${job.id!.slice(0, 12)}: handed back to the queue`);
        throw new WaitingError();
      }
      if (controller.signal.reason === 'cancelled') throw new UnrecoverableError('cancelled by the studio');
      throw err;
    } finally {
      clearInterval(watch);
      running.delete(job.id!);
    }
  };

  const lockDuration = opts.lockMs ?? 30_000;
  const common = { connection, prefix: QUEUE_PREFIX, lockDuration, stalledInterval: lockDuration, maxStalledCount: 3, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } } as const;
  // Two posters in hand per lane: one rendering, one waiting, so a lane never idles between jobs.
  const workers = [new Worker(QUEUES.posters, processor, { ...common, concurrency: 2 * lanes }), new Worker(QUEUES.videos, processor, { ...common, concurrency: 1 })];
  for (const w of workers) {
    w.on('completed', (_job, result: JobResult) => (outputs += result.outputs.length));
    w.on('failed', (job, err) => {
      if (err instanceof WaitingError || err.name === 'WaitingError') return;
      failed++;
      log(`job ${job?.id?.slice(0, 12) ?? '?'} (${(job?.data as { kind?: string })?.kind ?? '?'}) failed, attempt ${job?.attemptsMade ?? '?'}: ${err.message.split('\n')[0]}`);
    });
    w.on('error', (err) => log(`queue: ${err.message.split('\n')[0]}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    address: address.shown,
    lanes,
    counts: () => ({ outputs, failed }),
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const r of running.values()) r.controller.abort('handback');
      await Promise.allSettled(workers.map((w) => w.close()));
      await processors.close();
      redis.disconnect();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
