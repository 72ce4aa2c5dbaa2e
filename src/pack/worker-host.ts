import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-pool.js';

/**
 * The worker side of WorkerPool: calls `setup(init)` once, reports ready, then answers each task
 * with `handle(task)`. Errors are sent back as messages (the worker keeps running).
 */
export function serveWorker<I, T, R>(setup: (init: I) => Promise<(task: T) => Promise<R>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  const send = (m: FromWorker<R>) => port.postMessage(m);
  setup((workerData as { init: I }).init).then(
    (handle) => {
      send({ ready: true });
      port.on('message', (msg: ToWorker<T>) => {
        handle(msg.task).then(
          (result) => send({ id: msg.id, ok: true, result }),
          (err: unknown) => send({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
        );
      });
    },
    (err: unknown) => send({ ready: false, error: err instanceof Error ? err.message : String(err) }),
  );
}
