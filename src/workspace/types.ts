import type { AssetRecord, StudioData } from '../model/index.js';

/** Content-addressed asset store under `<workspace>/assets/`. */
export interface AssetStore {
  /** Stores bytes (deduplicated by sha256) and records the original name; returns the record. */
  put(bytes: Buffer, originalName: string): Promise<AssetRecord>;
  /** The record of an asset, or undefined. */
  get(id: string): AssetRecord | undefined;
  /** Absolute path of the stored file. */
  path(id: string): string;
  /** The stored bytes; throws an ApiError('not_found') naming the id when missing. */
  read(id: string): Promise<Buffer>;
}

/** An open workspace folder: studio.json (single writer), assets/, renders/, packs/. */
export interface Workspace {
  readonly dir: string;
  /** True when opened read-only (newer schema, or asked for): update() then throws ApiError('read_only'). */
  readonly readOnly: boolean;
  /** Things the user must be told (e.g. "studio.json was damaged; restored backup ..."). */
  readonly notices: string[];
  /** The current data. Treat as read-only; change it only through update(). */
  data(): StudioData;
  /** Applies `fn` to a copy, validates the result, writes studio.json atomically (backup first). */
  update<T>(fn: (draft: StudioData) => T): Promise<T>;
  readonly assets: AssetStore;
  readonly paths: { studio: string; assets: string; renders: string; packs: string; results: string; backups: string };
  /** Releases the write lock. */
  close(): Promise<void>;
}
