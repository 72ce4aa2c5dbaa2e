import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { exportStoresCsv, folderAvatars, importStores, storesToCsv, uploadedAvatars } from '../../workspace/import/index.js';
import { StudioError } from '../../model/index.js';
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

export const storesIoHandlers: HandlersFor<typeof storesIoMethods> = {
  'stores.import': async ({ file, skipInvalid, dryRun, sha256 }, { ws, onProgress, signal }) => {
    const full = path.resolve(file);
    // What the file is now; a missing or unreadable file is left to the import's own clear error.
    const now = await fileSha256(full).catch(() => undefined);
    if (sha256 && now && sha256 !== now) throw new StudioError('conflict', `${full} has changed since it was checked: check it again before importing`, 'file');
    const result = await importStores(ws, { path: full }, folderAvatars(path.dirname(full)), { skipInvalid, dryRun, onProgress, signal });
    return now ? { ...result, sha256: now } : result;
  },
  'stores.importData': ({ name, base64, files, skipInvalid, dryRun }, { ws, onProgress, signal }) => {
    const bytes = fromBase64(base64, 'base64');
    const avatars = uploadedAvatars((files ?? []).map((f, i) => ({ path: f.path, bytes: fromBase64(f.base64, `files[${i}].base64`) })));
    return importStores(ws, { name: path.basename(name), bytes }, avatars, { skipInvalid, dryRun, onProgress, signal });
  },
  'stores.exportCsv': async ({ file }, { ws }) => {
    const full = path.resolve(file);
    const d = ws.data();
    return { file: full, count: await exportStoresCsv(d.stores, d.groupTypes, full) };
  },
  'stores.exportCsvData': (_in, { ws }) => {
    const d = ws.data();
    return { name: 'stores.csv', base64: Buffer.from(storesToCsv(d.stores, d.groupTypes), 'utf8').toString('base64'), count: d.stores.length };
  },
};
