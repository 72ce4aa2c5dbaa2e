import { assertPostShippable } from '../../review/pins.js';
import { assertShippable, runExport, type ExportEnv, type ExportOptions } from '../../pack/export.js';
import type { Services } from '../services.js';
import { planExport } from '../../pack/plan.js';
import { SCHEMA_VERSION } from '../../model/index.js';
import type { Workspace } from '../../workspace/types.js';
import { StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
import type { MethodInput } from '../contract.js';
import { queueRenderStage, type QueueClient } from '../../jobs/queue/index.js';
import { S3Store } from '../../storage/s3.js';
import type { exportMethods } from '../methods/export.js';

/**
 * Export reads studio.json and writes only packs/ and renders/, so it runs on a workspace opened
 * read-only by request (e.g. from the CLI while the studio holds the lock) — but not on one written
 * by a newer studio, whose data this version may misread.
 */
function assertReadableSchema(ws: Workspace): void {
  const version = ws.data().schemaVersion;
  if (version > SCHEMA_VERSION) {
    throw new StudioError('read_only', `studio.json was written by a newer Shequn Studio (schema ${version}; this one knows ${SCHEMA_VERSION}): update the studio to export from it`);
  }
}

/** What an export takes from the workspace's services: its poster pool, layer renderer, clock and test hooks. */
function exportEnv(services: Services): ExportEnv {
  return { posters: services.posters(), layers: services.layers(), pauseBeforeRenameMs: services.hooks.packPauseMs, clock: services.clock };
}

type Input = MethodInput<'export.run'>;

function options({ queue: _q, storage: _s, endpoint: _e, ...input }: Input): ExportOptions {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ExportOptions;
}

/** Where storage for a queued export is checked (before anything starts), or nothing when it is not asked for. */
function storageOf(input: Input): S3Store | undefined {
  if (input.storage && !input.queue) throw new StudioError('bad_input', '对象存储只用于渲染队列 / object storage is for render workers: give a queue (redis://HOST:PORT) too', 'storage');
  if (input.endpoint && !input.storage) throw new StudioError('bad_input', '端点需要存储地址 / an endpoint needs a storage address (s3://BUCKET/PREFIX)', 'endpoint');
  return input.storage ? new S3Store({ address: input.storage, ...(input.endpoint ? { endpoint: input.endpoint } : {}) }) : undefined;
}

/**
 * Runs an export here, or with its render stage on render workers when a queue is given (the
 * queue is reached before the export starts, so a wrong address is refused at once).
 */
async function exportWith(input: Input, ws: Workspace, services: Services, work: { signal?: AbortSignal; onProgress?: ExportEnv['onProgress'] }, queue?: QueueClient, storage?: S3Store) {
  const env: ExportEnv = { ...work, ...exportEnv(services) };
  if (queue) env.render = queueRenderStage(queue, { ...(storage ? { storage } : {}), ...(services.hooks.queueDownMs ? { downLimitMs: services.hooks.queueDownMs } : {}) });
  try {
    return await runExport(ws, options(input), env);
  } finally {
    storage?.close();
  }
}

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'export.plan': (input, { ws }) => {
    const data = ws.data();
    const plan = planExport(data, options(input));
    const blocked: { post: string; message: string }[] = [];
    for (const p of plan.posts) {
      try {
        assertPostShippable(data, p);
      } catch (err) {
        if (!(err instanceof StudioError)) throw err;
        blocked.push({ post: p.id, message: err.message });
      }
    }
    return { ...plan.counts, posts: plan.posts.map((p) => p.id), empty: plan.empty, blocked };
  },
  'export.start': async (input, { ws, services }) => {
    assertReadableSchema(ws);
    const opts = options(input);
    // Refuse at once (unknown ids, unapproved versions, a queue that cannot be reached) instead of in the background job.
    const data = ws.data();
    assertShippable(data, planExport(data, opts).posts);
    const storage = storageOf(input);
    const queue = input.queue ? await services.queue(input.queue).catch((err: unknown) => (storage?.close(), Promise.reject(err))) : undefined;
    const job = services.jobs.start('export', (work) => exportWith(input, ws, services, work, queue, storage));
    return { job: job.id };
  },
  'export.run': async (input, { ws, services, signal, onProgress }) => {
    assertReadableSchema(ws);
    const storage = storageOf(input);
    const queue = input.queue ? await services.queue(input.queue).catch((err: unknown) => (storage?.close(), Promise.reject(err))) : undefined;
    return exportWith(input, ws, services, { signal, onProgress }, queue, storage);
  },
};
