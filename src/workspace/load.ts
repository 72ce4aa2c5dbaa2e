import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { StudioError } from '../model/index.js';
import { SCHEMA_VERSION, StudioData } from '../model/index.js';
import { ValidationError, parseOrThrow } from '../model/validate.js';
import { listBackups, preserveFile } from './backups.js';
import { migrate, versionOf, type Migration, type RawStudio } from './migrations.js';
import type { WorkspacePaths } from './paths.js';

/** Outcome of reading one studio.json text (the live file or a backup). */
type Interpreted =
  | { ok: true; data: StudioData; version: number; applied: Migration[]; newer: boolean }
  | { ok: false; problem: string };

/** What the workspace opens with. */
export interface Loaded {
  db: Low<StudioData>;
  readOnly: boolean;
  notices: string[];
}

const isObject = (v: unknown): v is RawStudio => !!v && typeof v === 'object' && !Array.isArray(v);

/** Migrates (when older) and validates a parsed document; never throws. */
export function interpret(raw: unknown): Interpreted {
  if (!isObject(raw)) return { ok: false, problem: 'it is empty or not a JSON object' };
  const version = versionOf(raw);
  if (version === undefined) return { ok: false, problem: 'schemaVersion is missing' };
  try {
    if (version > SCHEMA_VERSION) {
      // Read what this code understands; the file itself is never written back.
      return { ok: true, data: parseOrThrow(StudioData, raw, 'studio.json'), version, applied: [], newer: true };
    }
    const { doc, applied } = migrate(raw);
    return { ok: true, data: parseOrThrow(StudioData, doc, 'studio.json'), version, applied, newer: false };
  } catch (err) {
    const message = err instanceof ValidationError || err instanceof Error ? err.message : String(err);
    return { ok: false, problem: `${message}${version > SCHEMA_VERSION ? ` (written by a newer Shequn Studio, schema ${version})` : ''}` };
  }
}

const rel = (paths: WorkspacePaths, file: string) => path.relative(path.dirname(paths.studio), file) || file;

/** The newest backup that parses, migrates and validates, with its path. */
async function newestGoodBackup(paths: WorkspacePaths): Promise<{ file: string; data: StudioData } | undefined> {
  for (const file of await listBackups(paths.backups)) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    const r = interpret(raw);
    if (r.ok && !r.newer) return { file, data: r.data };
  }
  return undefined;
}

/**
 * Reads studio.json through lowdb, migrating an older schema (after a byte-exact backup) and
 * restoring the newest good backup when the file is damaged (the damaged file is kept in
 * .backups/, never replaced by defaults). A newer schema is opened read-only.
 */
export async function loadStudio(paths: WorkspacePaths, readOnly: boolean): Promise<Loaded> {
  const EMPTY = {} as StudioData;
  const db = new Low<StudioData>(new JSONFile<StudioData>(paths.studio), EMPTY);
  const notices: string[] = [];
  let interpreted: Interpreted;
  try {
    await db.read();
    interpreted = interpret(db.data === EMPTY ? null : db.data);
  } catch (err) {
    const reason = (err as Error).message || String(err);
    interpreted = { ok: false, problem: /end of JSON input/i.test(reason) || reason === '' ? `it is empty or cut short (${reason})` : `it is not valid JSON (${reason})` };
  }

  if (interpreted.ok) {
    db.data = interpreted.data;
    if (interpreted.newer) {
      notices.push(`studio.json was written by a newer Shequn Studio (schema ${interpreted.version}); opened read-only`);
      return { db, readOnly: true, notices };
    }
    if (interpreted.applied.length) {
      const steps = interpreted.applied.map((m) => `${m.from}→${m.to}: ${m.summary}`).join('; ');
      if (readOnly) {
        notices.push(`studio.json uses schema ${interpreted.version}; migrated in memory only (${steps}) because it was opened read-only`);
      } else {
        const copy = await preserveFile(paths.backups, paths.studio, 'premigrate', `v${interpreted.version}`);
        await db.write();
        notices.push(`studio.json was migrated from schema ${interpreted.version} to ${SCHEMA_VERSION} (${steps}); the original is kept as ${rel(paths, copy)}`);
      }
    }
    return { db, readOnly, notices };
  }

  const backup = await newestGoodBackup(paths);
  if (!backup) {
    throw new StudioError(
      'bad_input',
      `${paths.studio} is damaged (${interpreted.problem}) and no usable backup was found in ${paths.backups}; the file was left as it is`,
      undefined,
      { file: paths.studio },
    );
  }
  db.data = backup.data;
  if (readOnly) {
    notices.push(`studio.json is damaged (${interpreted.problem}); showing the backup ${rel(paths, backup.file)} (read-only: nothing was changed on disk)`);
    return { db, readOnly, notices };
  }
  const damaged = await preserveFile(paths.backups, paths.studio, 'damaged');
  await db.write();
  notices.push(`studio.json was damaged (${interpreted.problem}); restored the backup ${rel(paths, backup.file)}; the damaged file is kept as ${rel(paths, damaged)}`);
  return { db, readOnly, notices };
}
