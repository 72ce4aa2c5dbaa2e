import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { StoreOwner } from '../model/index.js';
import { renderIndexHtml } from '../pack/index-html.js';
import type { Manifest, ManifestFile } from '../pack/manifest.js';
import { streamZip, type ZipItem } from '../pack/zip.js';
import { entryOf, isExpired, type ServedPack } from '../portal/packs.js';
import { sha256, stableStringify } from '../workspace/hash.js';
import { cacheControlOf, contentTypeOf, fileKey, MANIFEST, PAGE, ZIP, zipDisposition } from './layout.js';
import { publishedPage } from './page.js';

/** One object to put under a store's root, with how it is served. */
export interface PlannedObject {
  /** Key relative to the store's root (`f/<sha>/<name>`, `index.html`…). */
  key: string;
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
  contentDisposition?: string;
  read(): Promise<Buffer>;
}

/** manifest.json as published: the pack's manifest cut to what is still valid, plus where each file went. */
export interface PublishedManifest extends Manifest {
  published: {
    /** When this content was first published (kept while the content stays the same). */
    at: string;
    /** sha256 of everything here but `at`: equal content = nothing to publish. */
    content: string;
    /** The key (relative to the store's root) of each pack path. */
    keys: Record<string, string>;
    zip?: { sha256: string; size: number; source: string };
  };
}

/** What one store's published pack should be. */
export interface StorePlan {
  store: StoreOwner;
  token: string;
  folder: string;
  packKey: string;
  /** False when every entry has expired. */
  live: boolean;
  /** Content-addressed files of the entries still valid (one per key). */
  files: PlannedObject[];
  /** The zip, identified by `source` (a hash of what goes in it) so an unchanged zip is never rebuilt. */
  zip?: { source: string; build(): Promise<Buffer> };
  page: PlannedObject;
  /** The manifest, once the zip's sha256 is known (from this run or the published manifest). */
  manifest(zip: PublishedManifest['published']['zip'], previous?: PublishedManifest): { object: PlannedObject; manifest: PublishedManifest };
}

const bytesObject = (key: string, body: Buffer, extra: Partial<PlannedObject> = {}): PlannedObject => ({
  key,
  sha256: sha256(body),
  size: body.length,
  contentType: contentTypeOf(key),
  cacheControl: cacheControlOf(key),
  read: async () => body,
  ...extra,
});

/** Reads a published manifest.json; undefined when missing or not one of ours. */
export function parsePublishedManifest(body: Buffer | undefined): PublishedManifest | undefined {
  if (!body) return undefined;
  try {
    const m = JSON.parse(body.toString('utf8')) as PublishedManifest;
    return m && m.format === 'shequn-pack' && typeof m.published?.content === 'string' && m.published.keys && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Plans one store's published pack at `now`: the files of entries still valid (expired ones are
 * never published), their zip, the static page and the manifest. Reads only the pack folder.
 */
export async function planStore(pack: ServedPack, store: StoreOwner, token: string, now: number, beacon: string | undefined): Promise<StorePlan> {
  const m = pack.manifest;
  const liveEntries = m.entries.filter((e) => !isExpired(e, now));
  const liveFiles: ManifestFile[] = m.files.filter((f) => {
    if (f.role === 'index') return false;
    const e = entryOf(m, f);
    return !!e && !isExpired(e, now);
  });
  const texts = new Map<string, string>();
  for (const e of liveEntries) for (const t of e.texts) texts.set(t.path, await readFile(join(pack.dir, ...t.path.split('/')), 'utf8'));
  const keys: Record<string, string> = {};
  const files = new Map<string, PlannedObject>();
  for (const f of liveFiles) {
    const key = fileKey(f.sha256, f.path);
    keys[f.path] = key;
    if (!files.has(key)) files.set(key, { key, sha256: f.sha256, size: f.size, contentType: contentTypeOf(key), cacheControl: cacheControlOf(key), read: () => readFile(join(pack.dir, ...f.path.split('/'))) });
  }
  const live = liveEntries.length > 0;
  const pageHtml = publishedPage(m, { texts, now, keyOf: (p) => keys[p] ?? p, zip: live, pack: m.packKey.slice(0, 16), ...(beacon ? { beacon } : {}) });
  const page = bytesObject(PAGE, Buffer.from(pageHtml, 'utf8'));
  const liveView: Manifest = { ...m, entries: liveEntries, validUntil: liveEntries.map((e) => e.post.validUntil).sort().at(-1) ?? m.validUntil, files: liveFiles };

  // The zip holds the live files under the pack's folder, with a page of relative links and the
  // manifest of what it holds: the same layout as an exported zip, minus what has expired.
  const zipHtml = renderIndexHtml(liveView, { texts, now, withdrawExpired: true });
  const zipManifest = JSON.stringify({ ...liveView, files: [{ path: 'index.html', sha256: sha256(zipHtml), size: Buffer.byteLength(zipHtml), role: 'index', store: m.store.id }, ...liveFiles] }, null, 2) + '\n';
  const zipSource = sha256(stableStringify({ folder: pack.folder, html: sha256(zipHtml), manifest: sha256(zipManifest), files: liveFiles.map((f) => [f.path, f.sha256]) }));
  const zip = live
    ? {
        source: zipSource,
        build: async () => {
          const items: ZipItem[] = [
            { rel: `${pack.folder}/index.html`, bytes: Buffer.from(zipHtml, 'utf8') },
            { rel: `${pack.folder}/manifest.json`, bytes: Buffer.from(zipManifest, 'utf8') },
            ...liveFiles.map((f) => ({ rel: `${pack.folder}/${f.path}`, abs: join(pack.dir, ...f.path.split('/')) })),
          ];
          const out = new PassThrough();
          const chunks: Buffer[] = [];
          out.on('data', (c: Buffer) => chunks.push(c));
          await streamZip(items, out, { mtime: new Date(m.createdAt) });
          return Buffer.concat(chunks);
        },
      }
    : undefined;

  const manifest = (zipInfo: PublishedManifest['published']['zip'], previous?: PublishedManifest) => {
    const pageFile: ManifestFile = { path: PAGE, sha256: page.sha256, size: page.size, role: 'index', store: m.store.id };
    const body: Omit<PublishedManifest, 'published'> & { published: Omit<PublishedManifest['published'], 'at' | 'content'> } = {
      ...liveView,
      files: [pageFile, ...liveFiles],
      published: { keys: { ...keys, [PAGE]: PAGE, ...(zipInfo ? { [ZIP]: ZIP } : {}) }, ...(zipInfo ? { zip: zipInfo } : {}) },
    };
    const content = sha256(stableStringify(body));
    const at = previous?.published.content === content ? previous.published.at : new Date(now).toISOString();
    const full: PublishedManifest = { ...body, published: { ...body.published, at, content } };
    return { manifest: full, object: bytesObject(MANIFEST, Buffer.from(JSON.stringify(full, null, 2) + '\n', 'utf8')) };
  };

  return { store, token, folder: pack.folder, packKey: m.packKey, live, files: [...files.values()], ...(zip ? { zip } : {}), page, manifest };
}

/** The zip as an object to put (its Content-Disposition names the pack in UTF-8). */
export function zipObject(folder: string, body: Buffer): PlannedObject {
  return bytesObject(ZIP, body, { contentDisposition: zipDisposition(folder) });
}
