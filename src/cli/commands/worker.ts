import { startRenderWorker } from '../../jobs/queue/index.js';
import { S3Store } from '../../storage/s3.js';
import { positiveInt } from '../int-flag.js';
import type { CliCommand } from '../types.js';
import { parseFlags, required, UsageError } from '../util.js';

const USAGE = 'shequn worker --redis redis://HOST:PORT[/DB] [--concurrency N] [--storage s3://BUCKET/PREFIX --endpoint URL]';

/**
 * `shequn worker`: a stateless render worker. Takes poster, QR and video jobs of queued exports
 * from Redis until SIGTERM (or Ctrl-C), which lets the posters in hand finish and hands running
 * videos back to the queue. Inputs and outputs: the workspace folder named by each job (mounted at
 * the same path), or object storage (`--storage`; credentials from AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY / AWS_REGION). It prints its counts every 10 s when they changed, and at
 * once on SIGUSR2.
 */
async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { redis: { type: 'string' }, concurrency: { type: 'string' }, storage: { type: 'string' }, endpoint: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (usage: ${USAGE})`);
  const redis = required(values.redis, '--redis redis://HOST:PORT[/DB]');
  const concurrency = positiveInt(values.concurrency, '--concurrency') ?? 1;
  if (values.endpoint && !values.storage) throw new UsageError('--endpoint needs --storage s3://BUCKET/PREFIX');
  const storage = values.storage ? new S3Store({ address: values.storage, ...(values.endpoint ? { endpoint: values.endpoint } : {}) }) : undefined;
  const lockMs = process.env.SHEQUN_WORKER_LOCK_MS ? positiveInt(process.env.SHEQUN_WORKER_LOCK_MS, 'SHEQUN_WORKER_LOCK_MS') : undefined;
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const worker = await startRenderWorker({ redis, concurrency, ...(storage ? { storage } : {}), ...(lockMs ? { lockMs } : {}), log });
  log(`渲染节点已就绪 / render worker ready: ${worker.address}, ${worker.lanes} poster lane(s), files from ${storage ? storage.address : 'the workspace folder each job names'} (pid ${process.pid})`);
  let last = '';
  const report = (always: boolean) => {
    const c = worker.counts();
    const line = `outputs written ${c.outputs}, failed attempts ${c.failed}`;
    if (always || line !== last) log(line);
    last = line;
  };
  // Every 10 s when the counts changed, and at once on SIGUSR2 (an operator's "how far are you?").
  const summary = setInterval(() => report(false), 10_000);
  const onUsr2 = () => report(true);
  if (process.platform !== 'win32') process.on('SIGUSR2', onUsr2);
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      log(`${sig}: 停止接单，完成手头的海报，视频交回队列 / stopping: finishing the posters in hand, handing running videos back`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  clearInterval(summary);
  process.off('SIGUSR2', onUsr2);
  await worker.stop();
  storage?.close();
  const c = worker.counts();
  log(`stopped: outputs written ${c.outputs}, failed attempts ${c.failed}`);
  return 0;
}

export const command: CliCommand = {
  name: 'worker',
  summary: 'Render worker for queued exports (BullMQ on Redis): posters, QR images and videos, until SIGTERM.',
  usage: USAGE,
  run,
};
