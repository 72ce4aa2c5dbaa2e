import { assertPostShippable } from '../../review/pins.js';
import { assertShippable, runExport, type ExportEnv, type ExportOptions } from '../../pack/export.js';
import type { Services } from '../services.js';
import { planExport } from '../../pack/plan.js';
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

/** What an export takes from the workspace's services: its poster pool, layer renderer and test hooks. */
function exportEnv(services: Services): ExportEnv {
  return { posters: services.posters(), layers: services.layers(), pauseBeforeRenameMs: services.hooks.packPauseMs };
}

function options(input: ExportOptions): ExportOptions {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ExportOptions;
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
  'export.start': (input, { ws, services }) => {
    assertReadableSchema(ws);
    const opts = options(input);
    // Refuse at once (unknown ids, unapproved versions) instead of in the background job.
    const data = ws.data();
    assertShippable(data, planExport(data, opts).posts);
    const job = services.jobs.start('export', ({ signal, onProgress }) => runExport(ws, opts, { signal, onProgress, ...exportEnv(services) }));
    return { job: job.id };
  },
  'export.run': (input, { ws, services, signal, onProgress }) => {
    assertReadableSchema(ws);
    return runExport(ws, options(input), { signal, onProgress, ...exportEnv(services) });
  },
};
