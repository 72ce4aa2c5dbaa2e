import { MIGRATION_SUMMARIES, SCHEMA_VERSION } from '../model/index.js';

/** A raw, not yet validated studio.json value. */
export type RawStudio = Record<string, unknown>;

/** One step of the studio.json layout: turns a `from` document into a `to` document. */
export interface Migration {
  from: number;
  to: number;
  /** One line saying what changes, shown in notices. */
  summary: string;
  /** Returns the migrated document; must not mutate its argument. */
  migrate(raw: RawStudio): RawStudio;
}

function renameKey(obj: unknown, from: string, to: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const { [from]: value, ...rest } = obj as Record<string, unknown>;
  if (value === undefined || to in rest) return obj;
  return { ...rest, [to]: value };
}

/**
 * Schema 1 (the first studio.json layout, before review and the store portal) was:
 * `{ schemaVersion: 1, brand, channels, groups: GroupType[], stores: (StoreOwner with
 * `groups: string[]` instead of `groupTypes`)[], templates, posts (with `groups`), assets }`:
 * group types were called "groups", and there were no `users`, `audit` or `portal`.
 */
export const v1ToV2: Migration = {
  from: 1,
  to: 2,
  summary: MIGRATION_SUMMARIES['1→2']!.en,
  migrate(raw) {
    const doc = renameKey(raw, 'groups', 'groupTypes') as RawStudio;
    const mapList = (v: unknown) => (Array.isArray(v) ? v.map((x) => renameKey(x, 'groups', 'groupTypes')) : v);
    return {
      ...doc,
      schemaVersion: 2,
      stores: mapList(doc.stores),
      posts: mapList(doc.posts),
      users: Array.isArray(doc.users) ? doc.users : [],
      audit: Array.isArray(doc.audit) ? doc.audit : [],
      portal: doc.portal ?? { tokens: [], lan: false },
    };
  },
};

/** Every migration, in order; add one whenever SCHEMA_VERSION is bumped. */
export const MIGRATIONS: readonly Migration[] = [v1ToV2];

/** The schema version a raw document declares, or undefined when it has none. */
export function versionOf(raw: unknown): number | undefined {
  const v = raw && typeof raw === 'object' ? (raw as RawStudio).schemaVersion : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** Applies the migrations from `raw`'s version up to `target`; returns the steps applied. */
export function migrate(raw: RawStudio, target = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): { doc: RawStudio; applied: Migration[] } {
  let version = versionOf(raw);
  if (version === undefined) throw new Error('schemaVersion: missing or not a positive integer');
  if (version > target) throw new Error(`schemaVersion: ${version} is newer than this code knows (${target})`);
  let doc = raw;
  const applied: Migration[] = [];
  while (version < target) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new Error(`schemaVersion: no migration from schema ${version}`);
    doc = step.migrate(doc);
    if (versionOf(doc) !== step.to) doc = { ...doc, schemaVersion: step.to };
    applied.push(step);
    version = step.to;
  }
  return { doc, applied };
}
