import { jobsFor } from '../../jobs/index.js';
import { assertPostShippable } from '../../review/pins.js';
import { assertShippable, runExport, type ExportOptions } from '../../pack/export.js';
import { planExport } from '../../pack/plan.js';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../handler.js';
import type { exportMethods } from '../methods/export.js';

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
        if (!(err instanceof ApiError)) throw err;
        blocked.push({ post: p.id, message: err.message });
      }
    }
    return { ...plan.counts, posts: plan.posts.map((p) => p.id), empty: plan.empty, blocked };
  },
  'export.start': (input, { ws }) => {
    const opts = options(input);
    // Refuse at once (unknown ids, unapproved versions) instead of in the background job.
    const data = ws.data();
    assertShippable(data, planExport(data, opts).posts);
    const job = jobsFor(ws).start('export', ({ signal, onProgress }) => runExport(ws, opts, { signal, onProgress }));
    return { job: job.id };
  },
  'export.run': (input, { ws, signal, onProgress }) => runExport(ws, options(input), { signal, onProgress }),
};
