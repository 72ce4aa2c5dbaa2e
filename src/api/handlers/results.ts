import path from 'node:path';
import { StudioError } from '../../model/index.js';
import { parseOrThrow, ValidationError } from '../../model/validate.js';
import { importResults, overviewXlsx, readMapping, reportResults, ResultMapping, resultsOverview } from '../../results/index.js';
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

/** results.*: imports into the workspace's results files, reports read from them. */
export const resultsHandlers: HandlersFor<typeof resultsMethods> = {
  'results.import': async ({ grant, mapGrant, dryRun }, { ws, services, onProgress, signal }) => {
    // Files reach the core only as grants a shell issued for the user's pick (the CLI for the files on its command line).
    const file = services.grants.peek(grant, 'import-file');
    const mapping = mapGrant ? await readMapping(services.grants.peek(mapGrant, 'import-file', 'mapGrant')) : undefined;
    const r = await importResults(ws, services.results, { path: file }, { dryRun, mapping, onProgress, signal, now: services.clock(), reader: services.compose.sections });
    if (!dryRun) for (const g of [grant, mapGrant]) if (g) services.grants.end(g);
    return r;
  },
  'results.importData': async (input, { ws, services, onProgress, signal }) => {
    const { bytes, name, mapping } = uploaded(input);
    return importResults(ws, services.results, { name, bytes }, { dryRun: input.dryRun, mapping, onProgress, signal, now: services.clock(), reader: services.compose.sections });
  },
  'results.startImport': async (input, { ws, services }) => {
    // Refuse a bad upload or mapping at once; the rows are read in the job.
    const { bytes, name, mapping } = uploaded(input);
    if (!input.dryRun && ws.readOnly) throw new StudioError('read_only', `工作区只读，不能导入 / the workspace ${ws.dir} is open read-only; cannot import results`);
    const job = services.jobs.start('resultsImport', ({ signal, onProgress }) =>
      importResults(ws, services.results, { name, bytes }, { dryRun: input.dryRun, mapping, onProgress, signal, now: services.clock(), reader: services.compose.sections }),
    );
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
