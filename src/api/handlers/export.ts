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

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'export.plan': (input, { ws, services }) => {
    // The gate's checks that need no composing (posts, dates, pinned templates, formats); the export
    // itself also refuses variants whose composed texts fail a check.
    const { plan, refusals } = gatedPlan(ws.data(), options(input), services.clock().getTime(), services.compose);
    return { ...plan.counts, posts: plan.posts.map((p) => p.id), empty: plan.empty, refused: refusals.list() };
  },
  'export.start': (input, { ws, services }) => {
    assertReadableSchema(ws);
    const opts = options(input);
    // Unknown ids are refused at once, not in the background job (refused posts are reported by the job).
    gatedPlan(ws.data(), opts, services.clock().getTime(), services.compose);
    const job = services.jobs.start('export', ({ signal, onProgress }) => runExport(ws, opts, { signal, onProgress, ...exportEnv(services) }));
    return { job: job.id };
  },
  'export.run': (input, { ws, services, signal, onProgress }) => {
    assertReadableSchema(ws);
    return runExport(ws, options(input), { signal, onProgress, ...exportEnv(services) });
  },
};
