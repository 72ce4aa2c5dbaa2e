import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { folderAvatars, importColumns, importStores, sampleStoresCsv, storesToCsv, uploadedAvatars, type ImportResult } from '../../workspace/import/index.js';
import { StudioError } from '../../model/index.js';
import { issueMissingTokens } from '../../portal/tokens.js';
import type { Workspace } from '../../workspace/types.js';
import type { HandlersFor } from '../handler.js';
import type { storesIoMethods } from '../methods/stores-io.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decodes base64 from the api, refusing text that is not base64 (Buffer.from would skip it silently). */
function fromBase64(text: string, field: string): Buffer {
  if (!BASE64.test(text)) throw new StudioError('bad_input', `${field}: not base64`, field);
  return Buffer.from(text, 'base64');
}

/** sha256 of a file, read as a stream. */
function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** After a saved import every new active store has its portal token, so a links listing is complete. */
async function afterImport(ws: Workspace, result: ImportResult): Promise<ImportResult> {
  if (result.saved) await issueMissingTokens(ws);
  return result;
}

export const storesIoHandlers: HandlersFor<typeof storesIoMethods> = {
  'stores.import': async ({ grant, skipInvalid, dryRun, sha256 }, { ws, services, onProgress, signal }) => {
    const full = services.grants.peek(grant, 'import-file');
    const name = path.basename(full);
    // What the file is now; a missing or unreadable file is left to the import's own clear error.
    const now = await fileSha256(full).catch(() => undefined);
    if (sha256 && now && sha256 !== now) throw new StudioError('conflict', `${name} has changed since it was checked: check it again before importing`, 'grant');
    const result = await importStores(ws, { path: full }, folderAvatars(path.dirname(full)), { skipInvalid, dryRun, onProgress, signal }).catch((err: unknown) => {
      // Messages name the file, never the folder the user picked it from.
      if (err instanceof StudioError) {
        const params = err.params && Object.fromEntries(Object.entries(err.params).map(([k, v]) => [k, typeof v === 'string' ? v.split(full).join(name) : v]));
        const named = new StudioError(err.code, err.message.split(full).join(name), err.field, err.details);
        throw err.messageCode ? named.withCode(err.messageCode, params) : named;
      }
      throw err;
    });
    if (result.saved) services.grants.end(grant);
    return afterImport(ws, { ...result, file: name, ...(now ? { sha256: now } : {}) });
  },
  'stores.importData': async ({ name, base64, files, skipInvalid, dryRun }, { ws, onProgress, signal }) => {
    const bytes = fromBase64(base64, 'base64');
    const avatars = uploadedAvatars((files ?? []).map((f, i) => ({ path: f.path, bytes: fromBase64(f.base64, `files[${i}].base64`) })));
    return afterImport(ws, await importStores(ws, { name: path.basename(name), bytes }, avatars, { skipInvalid, dryRun, onProgress, signal }));
  },
  'stores.importColumns': (_in, { ws }) => {
    const groups = ws.data().groupTypes;
    return { columns: importColumns(groups), sample: { name: '门店导入示例.csv', base64: Buffer.from(sampleStoresCsv(groups), 'utf8').toString('base64') } };
  },
  'stores.exportCsvData': (_in, { ws }) => {
    const d = ws.data();
    return { name: 'stores.csv', base64: Buffer.from(storesToCsv(d.stores, d.groupTypes), 'utf8').toString('base64'), count: d.stores.length };
  },
};
