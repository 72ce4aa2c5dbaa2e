import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { gatedPlan, runExport, type ExportEnv, type ExportOptions } from '../../pack/export.js';
import type { Services } from '../services.js';
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
  return { posters: services.posters(), layers: services.layers(), pauseBeforeRenameMs: services.hooks.packPauseMs, now: services.clock().getTime(), clock: services.clock };
}

type Input = MethodInput<'export.run'>;

function options({ queue: _q, storage: _s, endpoint: _e, ...input }: Input): ExportOptions {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ExportOptions;
}

/**
 * Where an export writes: a granted folder (the grant ends here), a folder inside packs/, or packs/.
 * `out` is resolved inside packs/ and refused if it leaves it (`..`, an absolute path, a symlink).
 */
async function outputOf(ws: Workspace, services: Services, input: { out?: string; folder?: string }): Promise<string | undefined> {
  if (input.folder) return services.grants.take(input.folder, 'export-folder', 'folder');
  if (!input.out) return undefined;
  const packs = path.resolve(ws.paths.packs);
  const wanted = path.resolve(packs, input.out);
  const rel = path.relative(packs, wanted);
  const inside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);
  if (!inside(packs, wanted) || rel.split(path.sep).includes('..')) {
    throw new StudioError('forbidden', `out: "${input.out}" is not a folder inside the workspace's packs/ (an export writes only there, or to a folder picked in the studio)`, 'out');
  }
  // A symlink on the way could lead anywhere: the nearest existing folder must really be inside packs/.
  await mkdir(packs, { recursive: true });
  let probe = wanted;
  while (!(await realpath(probe).then(() => true, () => false))) probe = path.dirname(probe);
  if (!inside(await realpath(packs), await realpath(probe))) throw new StudioError('forbidden', `out: "${input.out}" leads outside packs/ through a link`, 'out');
  return wanted;
}

/** Where storage for a queued export is checked (before anything starts), or nothing when it is not asked for. */
function storageOf(input: Input): S3Store | undefined {
  if (input.storage && !input.queue) throw new StudioError('bad_input', '对象存储只用于渲染队列 / object storage is for render workers: give a queue (redis://HOST:PORT) too', 'storage');
  if (input.endpoint && !input.storage) throw new StudioError('bad_input', '端点需要存储地址 / an endpoint needs a storage address (s3://BUCKET/PREFIX)', 'endpoint');
  return input.storage ? new S3Store({ address: input.storage, ...(input.endpoint ? { endpoint: input.endpoint } : {}) }) : undefined;
}

/** The render workers an export asked for: storage checked and the queue reached before anything starts (a wrong address is refused at once), or none. */
async function workersFor(input: Input, services: Services): Promise<{ queue?: QueueClient; storage?: S3Store }> {
  const storage = storageOf(input);
  if (!input.queue) return {}; // storageOf refuses storage without a queue
  const queue = await services.queue(input.queue).catch((err: unknown) => (storage?.close(), Promise.reject(err)));
  return storage ? { queue, storage } : { queue };
}

/** Runs an export here, or with its render stage on the render workers `workersFor` reached. */
async function exportWith(input: Input, ws: Workspace, services: Services, work: { signal?: AbortSignal; onProgress?: ExportEnv['onProgress'] }, { queue, storage }: { queue?: QueueClient; storage?: S3Store }) {
  const env: ExportEnv = { ...work, ...exportEnv(services) };
  if (queue) env.render = queueRenderStage(queue, { ...(storage ? { storage } : {}), ...(services.hooks.queueDownMs ? { downLimitMs: services.hooks.queueDownMs } : {}) });
  try {
    return await runExport(ws, options(input), env);
  } finally {
    storage?.close();
  }
}

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'export.plan': (input, { ws, services }) => {
    // The gate's checks that need no composing (posts, dates, pinned templates, formats); the export
    // itself also refuses variants whose composed texts fail a check.
    const { plan, refusals } = gatedPlan(ws.data(), options(input), services.clock().getTime(), services.compose);
    return { ...plan.counts, posts: plan.posts.map((p) => p.id), empty: plan.empty, refused: refusals.list() };
  },
  'export.start': async ({ folder, out, ...input }, { ws, services }) => {
    assertReadableSchema(ws);
    const where = { ...input, out: await outputOf(ws, services, { folder, out }) };
    // Refuse at once (unknown ids, a queue that cannot be reached) instead of in the background job (refused posts are reported by the job).
    gatedPlan(ws.data(), options(where), services.clock().getTime(), services.compose);
    const workers = await workersFor(input, services);
    const job = services.jobs.start('export', (work) => exportWith(where, ws, services, work, workers));
    return { job: job.id };
  },
  'export.run': async ({ folder, out, ...input }, { ws, services, signal, onProgress }) => {
    assertReadableSchema(ws);
    const where = { ...input, out: await outputOf(ws, services, { folder, out }) };
    return exportWith(where, ws, services, { signal, onProgress }, await workersFor(input, services));
  },
};
