import path from 'node:path';
import { StudioError, type Progress } from '../../model/index.js';
import { parseOrThrow, ValidationError } from '../../model/validate.js';
import { importResults, overviewXlsx, readMapping, reportResults, ResultMapping, resultsOverview } from '../../results/index.js';
import type { Services } from '../services.js';
import type { Workspace } from '../../workspace/types.js';
import type { HandlersFor } from '../handler.js';
import type { resultsMethods } from '../methods/results.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** An uploaded file's bytes and name, and its mapping checked; a bad one is refused naming the field. */
function uploaded({ name, base64, mapping }: { name: string; base64: string; mapping?: Record<string, unknown> | undefined }): { name: string; bytes: Buffer; mapping: ResultMapping | undefined } {
  if (!BASE64.test(base64)) throw new StudioError('bad_input', 'base64: not base64', 'base64');
  try {
    return { name: path.basename(name), bytes: Buffer.from(base64, 'base64'), mapping: mapping ? parseOrThrow(ResultMapping, mapping, '映射 / mapping') : undefined };
  } catch (err) {
    if (err instanceof ValidationError) throw new StudioError('bad_input', err.message, `mapping.${err.field}`);
    throw err;
  }
}

/** Imports a table into the workspace's results with the studio's clock and section reader (the three ways a file arrives). */
function importInto(ws: Workspace, services: Services, input: Parameters<typeof importResults>[2], opts: { dryRun?: boolean | undefined; mapping?: ResultMapping | undefined; onProgress?: ((p: Progress) => void) | undefined; signal?: AbortSignal | undefined }) {
  return importResults(ws, services.results, input, { ...opts, now: services.clock(), reader: services.compose.sections });
}

/** results.*: imports into the workspace's results files, reports read from them. */
export const resultsHandlers: HandlersFor<typeof resultsMethods> = {
  'results.import': async ({ grant, mapGrant, dryRun }, { ws, services, onProgress, signal }) => {
    // Files reach the core only as grants a shell issued for the user's pick (the CLI for the files on its command line).
    const file = services.grants.peek(grant, 'import-file');
    const mapping = mapGrant ? await readMapping(services.grants.peek(mapGrant, 'import-file', 'mapGrant')) : undefined;
    const r = await importInto(ws, services, { path: file }, { dryRun, mapping, onProgress, signal });
    if (!dryRun) for (const g of [grant, mapGrant]) if (g) services.grants.end(g);
    return r;
  },
  'results.importData': async (input, { ws, services, onProgress, signal }) => {
    const { bytes, name, mapping } = uploaded(input);
    return importInto(ws, services, { name, bytes }, { dryRun: input.dryRun, mapping, onProgress, signal });
  },
  'results.startImport': async (input, { ws, services }) => {
    // A bad upload or mapping is refused at once (a read-only workspace by the dispatcher); the rows are read in the job.
    const { bytes, name, mapping } = uploaded(input);
    const job = services.jobs.start('resultsImport', ({ signal, onProgress }) => importInto(ws, services, { name, bytes }, { dryRun: input.dryRun, mapping, onProgress, signal }));
    return { job: job.id };
  },
  'results.report': async ({ by, ...filter }, { ws, services }) => reportResults(ws.data(), await services.results.read(), by, filter, services.compose.sections),
  'results.overview': async (range, { ws, services }) => resultsOverview(ws.data(), await services.results.read(), range, services.clock(), services.compose.sections),
  'results.exportXlsxData': async (range, { ws, services }) => {
    const o = resultsOverview(ws.data(), await services.results.read(), range, services.clock(), services.compose.sections);
    const name = `效果-${range.from ?? 'all'}-${range.to ?? services.clock().toISOString().slice(0, 10)}.xlsx`;
    return { name, base64: (await overviewXlsx(o)).toString('base64') };
  },
};
