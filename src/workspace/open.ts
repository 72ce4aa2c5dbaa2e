import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { StudioError } from '../model/index.js';
import { SCHEMA_VERSION, StudioData } from '../model/index.js';
import { addAssetRecord, writeAssetFile } from './assets.js';
import { KEEP_BACKUPS } from './backups.js';
import { interpret, loadStudio } from './load.js';
import { acquireLock, type WriteLock } from './lock.js';
import { workspacePaths } from './paths.js';
import type { Workspace } from './types.js';
import { StudioWorkspace } from './workspace.js';

/** Options of openWorkspace. */
export interface OpenOptions {
  /** Open without the write lock; update() then throws StudioError('read_only'). */
  readOnly?: boolean;
  /** Routine backups kept in .backups/ (default 10). */
  keepBackups?: number;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

async function makeFolders(dir: string): Promise<void> {
  const p = workspacePaths(dir);
  for (const sub of [p.assets, p.renders, p.packs, p.backups]) await mkdir(sub, { recursive: true });
}

/** Opens the workspace folder `dir` (write lock taken unless read-only). */
export async function openWorkspace(dir: string, opts: OpenOptions = {}): Promise<Workspace> {
  const root = path.resolve(dir);
  const paths = workspacePaths(root);
  if (!(await exists(paths.studio))) {
    throw new StudioError('not_found', `${root} is not a Shequn Studio workspace (no studio.json); create one with "shequn init ${dir}"`);
  }
  const lock = opts.readOnly ? undefined : await acquireLock(paths.lock, `the workspace ${root}`);
  try {
    const loaded = await loadStudio(paths, !!opts.readOnly);
    if (!opts.readOnly) await makeFolders(root);
    const held: WriteLock | undefined = loaded.readOnly ? undefined : lock;
    if (lock && !held) await lock.release(); // a newer schema: nothing will be written
    return new StudioWorkspace(root, paths, loaded.db, loaded.readOnly, loaded.notices, held, opts.keepBackups ?? KEEP_BACKUPS);
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

/**
 * Creates a workspace in `dir` (made if missing) from `data` (migrated first when it declares an
 * older schema), storing `assets` by content; refuses a folder that already has studio.json.
 */
export async function createWorkspace(dir: string, data: StudioData, assets: { name: string; bytes: Buffer }[] = []): Promise<Workspace> {
  const root = path.resolve(dir);
  const paths = workspacePaths(root);
  if (await exists(paths.studio)) throw new StudioError('conflict', `${paths.studio} already exists; open that workspace instead of creating one`);
  const checked = interpret({ ...data, schemaVersion: data.schemaVersion ?? SCHEMA_VERSION });
  if (!checked.ok) throw new StudioError('bad_input', `the new workspace's data is not valid: ${checked.problem}`);
  if (checked.newer) throw new StudioError('bad_input', `the data declares schema ${checked.version}, newer than this Shequn Studio knows (${SCHEMA_VERSION})`);
  await mkdir(root, { recursive: true });
  const lock = await acquireLock(paths.lock, `the workspace ${root}`);
  try {
    await makeFolders(root);
    const doc = structuredClone(checked.data);
    for (const a of assets) addAssetRecord(doc, await writeAssetFile(paths.assets, a.bytes, a.name));
    // Another creator may have won the race while assets were written.
    if (await exists(paths.studio)) throw new StudioError('conflict', `${paths.studio} already exists; open that workspace instead of creating one`);
    const db = new Low<StudioData>(new JSONFile<StudioData>(paths.studio), StudioData.parse(doc));
    await db.write();
    return new StudioWorkspace(root, paths, db, false, [], lock, KEEP_BACKUPS);
  } catch (err) {
    await lock.release();
    throw err;
  }
}
