import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Format marker of manifest.json (the portal and the re-exporter only touch folders that carry it). */
export const MANIFEST_FORMAT = 'shequn-pack';
/** Bump when the pack layout changes: every pack is then rebuilt once. */
export const MANIFEST_VERSION = 1;

/** What a pack file is. */
export type FileRole = 'index' | 'caption' | 'channel' | 'poster' | 'video' | 'cover' | 'qr';

/** A template version a variant was made with. */
export interface TemplateUse {
  kind: string;
  id: string;
  version: number;
  hash: string;
}

/** One file of a pack, as listed in manifest.json. */
export interface ManifestFile {
  /** Path inside the pack, `/`-separated. */
  path: string;
  sha256: string;
  size: number;
  role: FileRole;
  store: string;
  post?: string;
  groupType?: string;
  link?: string;
  /** Channel id (caption and channel texts). */
  channel?: string;
  /** Poster size ("9x16"). */
  posterSize?: string;
  validUntil?: string;
}

/** One post × group type of the pack, with what the index page shows. */
export interface ManifestEntry {
  post: { id: string; title: string; validFrom: string; validUntil: string };
  group: { id: string; name: string; tip: string };
  /** Folder of the entry inside the pack. */
  dir: string;
  link: string;
  /** Instant (ms since epoch) after which the content is expired. */
  expiresAt: number;
  templates: TemplateUse[];
  texts: { channel: string; label: string; path: string; primary: boolean }[];
  /** Planned send times of this post in this group type (`YYYY-MM-DD HH:MM`, China time), in order. */
  slots?: string[];
  posters: { size: string; path: string }[];
  video?: string;
  /** The video's cover (its first frame), beside it. */
  cover?: string;
  qr?: string;
}

/** manifest.json of one store's pack. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: number;
  /** Hash of every output key and everything the index shows: equal key = identical pack. */
  packKey: string;
  /** Hash of everything the pack is made from before composing (see input-key.ts). */
  inputKey?: string;
  folder: string;
  store: { id: string; storeName: string; ownerName: string };
  brand: { name: string; color: string };
  createdAt: string;
  /** The latest valid-until of the pack's posts. */
  validUntil: string;
  entries: ManifestEntry[];
  files: ManifestFile[];
}

/** When content dated `validUntil` expires (the model's rule, shared with the UI). */
export { expiryInstant } from '../model/index.js';

/** Reads a pack's manifest.json; undefined when missing or not a Shequn pack. */
export async function readManifest(packDir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(packDir, 'manifest.json'), 'utf8')) as Manifest;
    return m && m.format === MANIFEST_FORMAT && typeof m.packKey === 'string' && m.store?.id ? m : undefined;
  } catch {
    return undefined;
  }
}
