import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { StudioError } from '../../model/index.js';
import { parseRedisUrl, redisOptions, type RedisAddress } from './connection.js';
import { JobProgress, JobResult, QUEUE_PREFIX, QUEUES } from './protocol.js';

/** Which queue a job goes to. */
export type QueueName = keyof typeof QUEUES;

/** What happens to a job the studio waits for, as BullMQ's events tell it. */
export interface JobWatcher {
  completed(jobId: string, result: JobResult): void;
  failed(jobId: string, reason: string): void;
  progress(jobId: string, p: JobProgress): void;
}

/**
 * The studio's side of the render queue on one Redis: the two BullMQ queues, their event streams
 * (each job's end and progress reach whichever export waits for it), and a plain connection that
 * notices when Redis goes away and comes back. One per queue address, kept in the workspace's
 * services and closed with them.
 */
export class QueueClient {
  readonly queues: Record<QueueName, Queue>;
  private readonly events: Record<QueueName, QueueEvents>;
  private readonly watchers = new Map<string, JobWatcher>();
  private downSince: number | undefined;
  /** Times the connection came back after it was lost (a waiting export then checks its jobs again). */
  reconnects = 0;

  private constructor(
    readonly address: RedisAddress,
    readonly redis: Redis,
  ) {
    const connection = redisOptions(address);
    const q = (name: QueueName) => new Queue(QUEUES[name], { connection, prefix: QUEUE_PREFIX });
    const e = (name: QueueName) => new QueueEvents(QUEUES[name], { connection, prefix: QUEUE_PREFIX });
    this.queues = { posters: q('posters'), videos: q('videos') };
    this.events = { posters: e('posters'), videos: e('videos') };
    for (const ev of Object.values(this.events)) {
      ev.on('completed', ({ jobId, returnvalue }) => {
        const w = this.watchers.get(jobId);
        if (!w) return;
        const parsed = JobResult.safeParse(typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue);
        if (parsed.success) w.completed(jobId, parsed.data);
        else w.failed(jobId, `the worker answered with an unreadable result (${parsed.error.issues[0]?.message})`);
      });
      ev.on('failed', ({ jobId, failedReason }) => this.watchers.get(jobId)?.failed(jobId, failedReason));
      ev.on('progress', ({ jobId, data }) => {
        const p = JobProgress.safeParse(data);
        if (p.success) this.watchers.get(jobId)?.progress(jobId, p.data);
      });
      // Connection trouble is the plain connection's to report; QueueEvents reconnects by itself.
      ev.on('error', () => undefined);
    }
    for (const queue of Object.values(this.queues)) queue.on('error', () => undefined);
    redis.on('close', () => (this.downSince ??= Date.now()));
    redis.on('ready', () => {
      if (this.downSince !== undefined) this.reconnects++;
      this.downSince = undefined;
    });
    redis.on('error', () => undefined);
  }

  /** Connects to `url` (redis://HOST:PORT[/DB]); a server that does not answer within `timeoutMs` is a clear error. */
  static async open(url: string, opts: { timeoutMs?: number; field?: string } = {}): Promise<QueueClient> {
    const address = parseRedisUrl(url, opts.field);
    const redis = new Redis({ ...redisOptions(address), lazyConnect: true });
    let lastError = '';
    redis.on('error', (err: Error) => (lastError = err.message));
    const ms = opts.timeoutMs ?? 10_000;
    try {
      await Promise.race([
        redis.connect(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(lastError || `no answer in ${ms / 1000} s`)), ms).unref()),
      ]);
      await redis.ping();
    } catch (err) {
      redis.disconnect();
      throw new StudioError('bad_input', `无法连接队列 ${address.shown} / cannot reach the queue at ${address.shown}: ${lastError || (err as Error).message}; start Redis or check the address`, opts.field ?? 'queue');
    }
    const client = new QueueClient(address, redis);
    await Promise.all([...Object.values(client.events).map((e) => e.waitUntilReady()), ...Object.values(client.queues).map((q) => q.waitUntilReady())]);
    return client;
  }

  /** Routes the events of `jobIds` to `w` until `unwatch`. */
  watch(jobIds: Iterable<string>, w: JobWatcher): void {
    for (const id of jobIds) this.watchers.set(id, w);
  }

  /** Stops routing the events of `jobIds`. */
  unwatch(jobIds: Iterable<string>): void {
    for (const id of jobIds) this.watchers.delete(id);
  }

  /** Milliseconds since the connection to Redis was lost (0 while connected). */
  unreachableMs(): number {
    return this.downSince === undefined ? 0 : Date.now() - this.downSince;
  }

  /** Workers connected to each queue (BullMQ names its worker connections; Redis lists them). */
  async workers(): Promise<Record<QueueName, number>> {
    const [posters, videos] = await Promise.all([this.queues.posters.getWorkersCount(), this.queues.videos.getWorkersCount()]);
    return { posters, videos };
  }

  /** Closes the queues, event streams and the connection. */
  async close(): Promise<void> {
    this.watchers.clear();
    // A Redis that is gone must not hold the studio's shutdown: closing waits 5 s at most.
    const closing = Promise.allSettled([...Object.values(this.events).map((e) => e.close()), ...Object.values(this.queues).map((q) => q.close())]);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5000).unref())]);
    this.redis.disconnect();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
