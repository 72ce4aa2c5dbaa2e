import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { coded, StudioError, type CodedText } from '../../model/index.js';
import type { Progress } from '../../model/index.js';
import type { AssetRecord, StoreOwner } from '../../model/index.js';
import { addAssetRecord, describeAsset, writeAssetFile } from '../assets.js';
import { assertDecodable } from '../decode-check.js';
import type { Workspace } from '../types.js';
import type { AvatarSource } from './avatar.js';
import { mapHeader, labelFor, type HeaderMap } from './columns.js';
import { CsvSyntaxError } from './csv.js';
import { encodingLabel, type TextEncoding } from './decode.js';
import { changedFields, isBlankRow, parseStoreRow, type ParsedRow, type RowIssue } from './rows.js';
import { inputName, openTable, type TableInput } from './table.js';

/** How an import runs. */
export interface ImportOptions {
  /** Import the good rows even when some rows are bad (the bad ones are skipped and reported). */
  skipInvalid?: boolean;
  /** Check and preview only; nothing is written. */
  dryRun?: boolean;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** One store the import creates or updates (or would, in a dry run). */
export interface ImportPreviewRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  store: StoreOwner;
  /** Fields that change, for updates. */
  changes: string[];
}

/** What an import did, or would do. */
export interface ImportResult {
  file: string;
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  /** Non-blank data rows read. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Bad rows (left out when skipInvalid; otherwise they stopped the import). */
  skipped: number;
  /** True when studio.json was written. */
  saved: boolean;
  dryRun: boolean;
  errors: RowIssue[];
  warnings: RowIssue[];
  preview: ImportPreviewRow[];
}

/** Most store rows one import takes (50,000 stores: a CSV of about 11 MB); bigger lists import in several files. */
export const MAX_IMPORT_ROWS = 50_000;

type GoodRow = ParsedRow & { avatar?: { path: string; record: AssetRecord } };

/** Resolves a row's avatar (cached per path); returns the issue text when it cannot be used. */
async function resolveAvatar(p: string, avatars: AvatarSource, cache: Map<string, AssetRecord | CodedText | { message: string }>): Promise<AssetRecord | CodedText | { message: string }> {
  if (!cache.has(p)) {
    try {
      const { name, bytes } = await avatars.read(p);
      const record = describeAsset(bytes, name);
      // Decoded here, in the dry run too: a pixel bomb or a damaged image fails its own row, never the save.
      await assertDecodable(bytes, record);
      cache.set(p, record);
    } catch (err) {
      const e = err as Error;
      cache.set(p, e instanceof StudioError && e.messageCode ? { code: e.messageCode, ...(e.params ? { params: e.params } : {}), message: e.message } : { message: e.message });
    }
  }
  return cache.get(p)!;
}

/**
 * Imports store owners from a CSV or XLSX table: stores are matched by id (created or updated),
 * every bad row is reported with its row number, column and reason, and nothing is saved when a
 * row is bad unless `skipInvalid`. Avatars are stored in the workspace's asset store.
 */
export async function importStores(ws: Workspace, input: TableInput, avatars: AvatarSource, opts: ImportOptions = {}): Promise<ImportResult> {
  const dryRun = !!opts.dryRun;
  if (!dryRun && ws.readOnly) throw StudioError.coded('read_only', 'import.readOnly', { dir: ws.dir });
  const file = inputName(input);
  const progress = (done: number, total: number, current: string) => opts.onProgress?.({ done, total, current });
  const table = await openTable(input, (done, total) => progress(done, total, `reading ${file}`));
  const snapshot = ws.data();
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const good: GoodRow[] = [];
  const cache = new Map<string, AssetRecord | CodedText | { message: string }>();
  const badRows = new Set<number>();
  let header: HeaderMap | undefined;
  let rows = 0;
  const ctxBase = { groupTypes: snapshot.groupTypes, existing: new Map(snapshot.stores.map((s) => [s.id, s])), existingByLower: new Map(snapshot.stores.map((s) => [s.id.toLowerCase(), s.id])), seen: new Map<string, { id: string; row: number }>(), encoding: table.encoding ? encodingLabel(table.encoding) : 'UTF-8' };

  try {
    for await (const r of table.rows) {
      if (opts.signal?.aborted) throw new StudioError('cancelled', 'import cancelled');
      if (isBlankRow(r)) continue;
      if (!header) {
        header = mapHeader(r.cells);
        for (const p of header.problems) errors.push({ row: r.row, ...p });
        for (const u of header.unknown) warnings.push({ row: r.row, column: u, ...coded('import.unknownColumn') });
        if (header.problems.length) break;
        continue;
      }
      if (++rows > MAX_IMPORT_ROWS) {
        // Every good row is kept for the preview and the save: the cap keeps a whole import well under 700 MB.
        throw StudioError.coded('bad_input', 'import.tooManyRows', { file, max: MAX_IMPORT_ROWS }, 'file');
      }
      const parsed = parseStoreRow(r, { ...ctxBase, header });
      if (!parsed.ok) {
        errors.push(...parsed.issues);
        badRows.add(r.row);
        continue;
      }
      const row: GoodRow = parsed.value;
      if (row.avatarPath) {
        const got = await resolveAvatar(row.avatarPath, avatars, cache);
        if (!('id' in got)) {
          errors.push({ row: r.row, column: labelFor(header, 'avatar'), ...got });
          badRows.add(r.row);
          continue;
        }
        row.store = { ...row.store, avatar: got.id };
        row.avatar = { path: row.avatarPath, record: got };
      }
      good.push(row);
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    errors.push({ row: err.row, column: '', message: err.message.replace(/^row \d+: /, ''), ...(err.text ? { code: err.text.code, params: err.text.params } : {}) });
    badRows.add(err.row);
  }
  if (!header) errors.push({ row: 1, column: '', ...coded('import.noHeader', { file }) });

  const preview: ImportPreviewRow[] = good.map((g) => {
    const changes = changedFields(g.previous, g.store);
    return { row: g.row, action: !g.previous ? 'create' : changes.length ? 'update' : 'unchanged', store: g.store, changes };
  });
  const headerBad = !header || header.problems.length > 0;
  const allowed = !headerBad && (errors.length === 0 || !!opts.skipInvalid);
  const count = (a: ImportPreviewRow['action']) => preview.filter((p) => p.action === a).length;
  const result: ImportResult = {
    file,
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    rows,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    skipped: badRows.size,
    saved: false,
    dryRun,
    errors,
    warnings,
    preview,
  };
  if (dryRun || !allowed || preview.every((p) => p.action === 'unchanged')) return result;

  progress(table.size, table.size, 'saving stores');
  await save(ws, good, preview, avatars);
  return { ...result, saved: true };
}

/** Writes the avatars in use and the stores in one update; on any failure the avatar files it added are removed. */
async function save(ws: Workspace, good: GoodRow[], preview: ImportPreviewRow[], avatars: AvatarSource): Promise<void> {
  const created: string[] = [];
  try {
    const records = await storeAvatars(ws, good, avatars, created);
    const changed = good.filter((_, i) => preview[i]!.action !== 'unchanged'); // preview[i] describes good[i]
    await ws.update((d) => {
      for (const rec of records) addAssetRecord(d, rec);
      const at = new Map(d.stores.map((s, i) => [s.id, i]));
      for (const { row, store, previous } of changed) {
        const i = at.get(store.id);
        // The rows were checked against a snapshot: refuse to overwrite a store someone changed since.
        const now = i === undefined ? undefined : d.stores[i];
        if (JSON.stringify(now) !== JSON.stringify(previous)) {
          throw new StudioError('conflict', `store "${store.id}" (row ${row}) was changed by someone else during the import; nothing was imported, import again`);
        }
        if (i !== undefined) d.stores[i] = store;
        else at.set(store.id, d.stores.push(store) - 1);
      }
    });
  } catch (err) {
    // Nothing was saved: avatar files this import added would be orphans.
    await Promise.all(created.map((f) => rm(f, { force: true })));
    throw err;
  }
}

/** Second pass over the avatars in use: re-read, check they did not change, write them to assets/ (new files listed in `created`). */
async function storeAvatars(ws: Workspace, good: GoodRow[], avatars: AvatarSource, created: string[]): Promise<AssetRecord[]> {
  const done = new Map<string, AssetRecord>();
  for (const g of good) {
    if (!g.avatar || done.has(g.avatar.path)) continue;
    const { row, avatar } = g;
    const fail = (err: unknown): never => {
      if (err instanceof StudioError && err.code === 'conflict') throw err;
      throw new StudioError('bad_input', `row ${row}: avatar "${avatar.path}": ${err instanceof Error ? err.message : String(err)}; nothing was imported`, 'file');
    };
    const { name, bytes } = await avatars.read(avatar.path).catch(fail);
    if (describeAsset(bytes, name).id !== avatar.record.id) throw new StudioError('conflict', `avatar "${avatar.path}" (row ${row}) changed while importing; import again`);
    const file = path.join(ws.paths.assets, avatar.record.id + avatar.record.ext);
    const existed = await stat(file).then(() => true, () => false);
    const record = await writeAssetFile(ws.paths.assets, bytes, name).catch(fail);
    if (!existed) created.push(file);
    done.set(avatar.path, record);
  }
  return [...done.values()];
}
