import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../model/index.js';
import { AssetId, type AssetRecord, type StudioData } from '../model/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { assertDecodable } from './decode-check.js';
import { requireImage } from './mime.js';
import type { AssetStore } from './types.js';

/** Longest original name kept in a record. */
const MAX_NAME = 200;

/** sha256 of `bytes`, hex: the asset id. */
export function assetId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The record `bytes` would get (checks the image type; writes nothing). */
export function describeAsset(bytes: Buffer, originalName: string): AssetRecord {
  const type = requireImage(bytes, originalName);
  const name = path.basename(originalName.replace(/\\/g, '/')).slice(0, MAX_NAME) || `asset${type.ext}`;
  return { id: assetId(bytes), name, mime: type.mime, size: bytes.length, ext: type.ext };
}

/**
 * Writes `bytes` to `<assetsDir>/<sha256><ext>` (temp + rename; skipped when already there)
 * and returns the record to add to `data.assets`. Lets a caller store files first and add
 * the records in the same update as the entities that use them.
 */
export async function writeAssetFile(assetsDir: string, bytes: Buffer, originalName: string): Promise<AssetRecord> {
  const record = describeAsset(bytes, originalName);
  await assertDecodable(bytes, record);
  const file = path.join(assetsDir, record.id + record.ext);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.size === bytes.length) return record;
  await writeFileAtomic(file, bytes);
  return record;
}

/** Adds `record` to `draft.assets` unless an asset with that id is there; returns the kept record. */
export function addAssetRecord(draft: StudioData, record: AssetRecord): AssetRecord {
  const found = draft.assets.find((a) => a.id === record.id);
  if (found) return found;
  draft.assets.push(record);
  return record;
}

/** What the asset store needs from its workspace. */
export interface AssetHost {
  readonly readOnly: boolean;
  data(): StudioData;
  update<T>(fn: (draft: StudioData) => T): Promise<T>;
}

/** The content-addressed asset store of a workspace (assets/<sha256><ext>, records in data.assets). */
export function createAssetStore(assetsDir: string, host: AssetHost): AssetStore {
  const get = (id: string) => host.data().assets.find((a) => a.id === id);
  const pathOf = (id: string) => {
    if (!AssetId.safeParse(id).success) throw new StudioError('bad_input', `"${id}" is not an asset id (sha256 hex)`, 'id');
    const record = get(id);
    if (!record) throw new StudioError('not_found', `asset ${id} is not in this workspace`, 'id');
    return path.join(assetsDir, id + record.ext);
  };
  return {
    async put(bytes, originalName) {
      if (host.readOnly) throw StudioError.coded('read_only', 'asset.readOnly', { name: originalName });
      const record = await writeAssetFile(assetsDir, bytes, originalName);
      if (get(record.id)) return get(record.id)!;
      return host.update((d) => addAssetRecord(d, record));
    },
    get,
    path: pathOf,
    async read(id) {
      const file = pathOf(id);
      try {
        return await readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `asset ${id} is recorded but its file ${file} is missing`, 'id');
        throw err;
      }
    },
  };
}
