import { StudioError } from '../model/index.js';

/** What is known about one stored object. */
export interface ObjectInfo {
  /** The object's key, relative to the store's root (`renders/cache/ab/abcd….jpg`). */
  key: string;
  size: number;
  /** MIME type, when the store keeps one (S3 does; a folder does not). */
  contentType?: string;
  /** The object's user metadata (lower-case names; values as they were put). */
  metadata: Record<string, string>;
}

/** One object of a listing (listings carry no content type or metadata: `head` has them). */
export interface ListedObject {
  key: string;
  size: number;
}

/** How an object is stored. */
export interface PutOptions {
  contentType?: string;
  metadata?: Record<string, string>;
}

/**
 * A place objects are kept by key: S3-compatible object storage (`S3Store`) or a folder
 * (`FolderStore`). Keys are relative paths with `/` between parts; writes replace an object
 * whole, so a reader sees the old object or the new one, never half of it.
 */
export interface ObjectStore {
  /** Where the store is, for messages (`s3://bucket/prefix` or a folder path); never holds a credential. */
  readonly address: string;
  put(key: string, body: Uint8Array, opts?: PutOptions): Promise<void>;
  /** The object's bytes, or undefined when there is none under `key`. */
  get(key: string): Promise<Buffer | undefined>;
  /** The object's size, type and metadata, or undefined when there is none under `key`. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<ListedObject[]>;
  /** Removes the object (nothing happens when there is none). */
  delete(key: string): Promise<void>;
  /** Releases connections. */
  close(): void;
}

/**
 * Refuses keys that could leave the store's root or mean different things in S3 and on disk:
 * absolute keys, `.`/`..` parts, empty parts, backslashes, control characters.
 */
export function assertObjectKey(key: string): void {
  const parts = key.split('/');
  // eslint-disable-next-line no-control-regex
  const bad = !key || key.length > 900 || key.startsWith('/') || /[\\\u0000-\u001f]/.test(key) || parts.some((p) => !p || p === '.' || p === '..');
  if (bad) throw new StudioError('bad_input', `"${key}" is not a valid object key (relative path, no "..", no backslash)`, 'key');
}

/** Metadata values travel as HTTP headers (ASCII): anything else is percent-encoded on the way in and decoded on the way out. */
export function encodeMetadata(meta: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(meta).map(([k, v]) => [k.toLowerCase(), /^[\x20-\x7e]*$/.test(v) && !v.includes('%') ? v : encodeURIComponent(v)]));
}

/** The inverse of encodeMetadata. */
export function decodeMetadata(meta: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(meta).map(([k, v]) => {
      try {
        return [k.toLowerCase(), decodeURIComponent(v)];
      } catch {
        return [k.toLowerCase(), v];
      }
    }),
  );
}
