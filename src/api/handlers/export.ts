import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { gatedPlan, runExport, type ExportEnv, type ExportOptions } from '../../pack/export.js';
import type { Services } from '../services.js';
import { SCHEMA_VERSION } from '../../model/index.js';
import type { Workspace } from '../../workspace/types.js';
import { StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
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
  return { posters: services.posters(), layers: services.layers(), pauseBeforeRenameMs: services.hooks.packPauseMs, now: services.clock().getTime() };
}

function options(input: ExportOptions): ExportOptions {
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

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'export.plan': (input, { ws, services }) => {
    // The gate's checks that need no composing (posts, dates, pinned templates, formats); the export
    // itself also refuses variants whose composed texts fail a check.
    const { plan, refusals } = gatedPlan(ws.data(), options(input), services.clock().getTime(), services.compose);
    return { ...plan.counts, posts: plan.posts.map((p) => p.id), empty: plan.empty, refused: refusals.list() };
  },
  'export.start': async ({ folder, out, ...input }, { ws, services }) => {
    assertReadableSchema(ws);
    const opts = options({ ...input, out: await outputOf(ws, services, { folder, out }) });
    // Unknown ids are refused at once, not in the background job (refused posts are reported by the job).
    gatedPlan(ws.data(), opts, services.clock().getTime(), services.compose);
    const job = services.jobs.start('export', ({ signal, onProgress }) => runExport(ws, opts, { signal, onProgress, ...exportEnv(services) }));
    return { job: job.id };
  },
  'export.run': async ({ folder, out, ...input }, { ws, services, signal, onProgress }) => {
    assertReadableSchema(ws);
    return runExport(ws, options({ ...input, out: await outputOf(ws, services, { folder, out }) }), { signal, onProgress, ...exportEnv(services) });
  },
};
