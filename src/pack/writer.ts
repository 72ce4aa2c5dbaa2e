import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempName, swapIntoPlace } from './atomic.js';
import { hashFile, placeFile } from './cache.js';
import { sha256 } from '../workspace/hash.js';
import { renderIndexHtml } from './index-html.js';
import { MANIFEST_FORMAT, MANIFEST_VERSION, readManifest, type FileRole, type Manifest, type ManifestEntry, type ManifestFile } from './manifest.js';
import { writeZipAtomic, zipComment, zipPackKey, type ZipItem } from './zip.js';

/** A file of an entry: text to write, or a rendered file to place (hard link or copy from the cache). */
export type EntryFile =
  | { name: string; role: FileRole; text: string; channel?: string; label?: string; primary?: boolean }
  | { name: string; role: FileRole; from: string; sha256?: string; posterSize?: string };

/** One post × group type of a pack, ready to write. */
export interface EntryInput {
  meta: Omit<ManifestEntry, 'texts' | 'posters' | 'video' | 'cover' | 'qr'>;
  files: EntryFile[];
}

/** Everything one store's pack is written from. */
export interface PackInput {
  folder: string;
  packKey: string;
  inputKey?: string;
  store: Manifest['store'];
  brand: Manifest['brand'];
  createdAt: string;
  entries: EntryInput[];
}

/** A pack already in the output folder. */
export interface ExistingPack {
  folder: string;
  packKey: string;
  inputKey?: string;
  /** Rendered files in it (posters, videos, QR images). */
  outputs: number;
  /** Its entries' post × group type, as its manifest lists them. */
  entries: { post: string; group: string }[];
}

/** Packs in `outDir` by store id (a store can have more than one folder after a rename). */
export async function scanPacks(outDir: string): Promise<Map<string, ExistingPack[]>> {
  const out = new Map<string, ExistingPack[]>();
  let names: string[] = [];
  try {
    names = await readdir(outDir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.endsWith('.zip')) continue;
    const m = await readManifest(join(outDir, name));
    if (!m || m.formatVersion !== MANIFEST_VERSION) continue;
    const list = out.get(m.store.id) ?? [];
    list.push({
      folder: name,
      packKey: m.packKey,
      ...(m.inputKey ? { inputKey: m.inputKey } : {}),
      outputs: m.files.filter((f) => f.role === 'poster' || f.role === 'video' || f.role === 'cover' || f.role === 'qr').length,
      entries: m.entries.map((e) => ({ post: e.post.id, group: e.group.id })),
    });
    out.set(m.store.id, list);
  }
  return out;
}

/** Builds the manifest and writes every file of a pack into `dir`. */
async function fill(dir: string, input: PackInput): Promise<Manifest> {
  const files: ManifestFile[] = [];
  const entries: ManifestEntry[] = [];
  const texts = new Map<string, string>();
  for (const e of input.entries) {
    await mkdir(join(dir, ...e.meta.dir.split('/')), { recursive: true });
    const entry: ManifestEntry = { ...e.meta, texts: [], posters: [] };
    const common = { store: input.store.id, post: e.meta.post.id, groupType: e.meta.group.id, link: e.meta.link, validUntil: e.meta.post.validUntil };
    for (const f of e.files) {
      const rel = `${e.meta.dir}/${f.name}`;
      const abs = join(dir, ...rel.split('/'));
      if ('text' in f) {
        await writeFile(abs, f.text, 'utf8');
        const bytes = Buffer.from(f.text, 'utf8');
        files.push({ path: rel, sha256: sha256(bytes), size: bytes.length, role: f.role, ...common, ...(f.channel ? { channel: f.channel } : {}) });
        entry.texts.push({ channel: f.channel ?? '', label: f.label ?? f.name, path: rel, primary: !!f.primary });
        texts.set(rel, f.text);
        continue;
      }
      await placeFile(f.from, abs);
      const digest = f.sha256 ?? (await hashFile(abs));
      const { size } = await stat(abs);
      files.push({ path: rel, sha256: digest, size, role: f.role, ...common, ...(f.posterSize ? { posterSize: f.posterSize } : {}) });
      if (f.role === 'poster') entry.posters.push({ size: f.posterSize ?? '', path: rel });
      if (f.role === 'video') entry.video = rel;
      if (f.role === 'cover') entry.cover = rel;
      if (f.role === 'qr') entry.qr = rel;
    }
    entries.push(entry);
  }
  const validUntil = entries.map((e) => e.post.validUntil).sort().at(-1) ?? '';
  const head = { store: input.store, brand: input.brand, createdAt: input.createdAt, entries };
  const html = renderIndexHtml(head, { texts, now: Date.parse(input.createdAt) });
  await writeFile(join(dir, 'index.html'), html, 'utf8');
  const htmlBytes = Buffer.from(html, 'utf8');
  files.unshift({ path: 'index.html', sha256: sha256(htmlBytes), size: htmlBytes.length, role: 'index', store: input.store.id });
  const manifest: Manifest = { format: MANIFEST_FORMAT, formatVersion: MANIFEST_VERSION, packKey: input.packKey, ...(input.inputKey ? { inputKey: input.inputKey } : {}), folder: input.folder, ...head, validUntil, files };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  return manifest;
}

/**
 * Writes one store's pack atomically: built under a temporary name in `outDir`, renamed into
 * place, older folders of the same store (renamed store) removed. Returns the manifest.
 */
export async function writePack(outDir: string, input: PackInput, stale: readonly string[] = [], opts: { pauseBeforeRenameMs?: number } = {}): Promise<Manifest> {
  const tmp = join(outDir, tempName());
  try {
    await mkdir(tmp, { recursive: true });
    const manifest = await fill(tmp, input);
    // Tests only (kill tests): hold the finished temporary pack before its rename.
    if (opts.pauseBeforeRenameMs) await new Promise((r) => setTimeout(r, opts.pauseBeforeRenameMs));
    await swapIntoPlace(outDir, tmp, input.folder);
    for (const old of stale) {
      if (old === input.folder) continue;
      await rm(join(outDir, old), { recursive: true, force: true });
      await rm(join(outDir, `${old}.zip`), { force: true });
    }
    return manifest;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Takes the entries `drop` picks out of the pack already in `outDir/folder` (content an export
 * refused since: an Advertising-Law term, an expiry, a store's own words), writing the pack again
 * from what its manifest and files hold, atomically, under a new pack key and without an input key
 * (the next export composes it). Its zip goes with the old content. Returns the entries taken
 * out (none: the pack was left alone).
 */
export async function withdrawEntries(outDir: string, folder: string, drop: (e: ManifestEntry) => boolean, createdAt: string): Promise<ManifestEntry[]> {
  const dir = join(outDir, folder);
  const m = await readManifest(dir);
  if (!m) return [];
  const gone = m.entries.filter(drop);
  if (!gone.length) return [];
  const entries: EntryInput[] = [];
  for (const e of m.entries.filter((x) => !drop(x))) {
    const files: EntryFile[] = [];
    for (const f of m.files.filter((x) => x.path.startsWith(`${e.dir}/`))) {
      const name = f.path.slice(e.dir.length + 1);
      const abs = join(dir, ...f.path.split('/'));
      const text = e.texts.find((t) => t.path === f.path);
      if (text) files.push({ name, role: f.role, text: await readFile(abs, 'utf8'), channel: text.channel, label: text.label, primary: text.primary });
      else files.push({ name, role: f.role, from: abs, sha256: f.sha256, ...(f.posterSize ? { posterSize: f.posterSize } : {}) });
    }
    const { texts: _t, posters: _p, video: _v, cover: _c, qr: _q, ...meta } = e;
    entries.push({ meta, files });
  }
  const packKey = sha256(Buffer.from(['withdrawn', m.packKey, ...gone.map((g) => `${g.post.id}\u0000${g.group.id}`)].join('\n')));
  await writePack(outDir, { folder, packKey, store: m.store, brand: m.brand, createdAt, entries });
  await rm(join(outDir, `${folder}.zip`), { force: true });
  return gone;
}

/** Writes `<folder>.zip` (entries under `<folder>/`) next to the pack unless a zip of the same pack key is already there; true when written. */
export async function ensureZip(outDir: string, folder: string, signal?: AbortSignal): Promise<boolean> {
  const dir = join(outDir, folder);
  const m = await readManifest(dir);
  if (!m) throw new Error(`no pack manifest in ${dir}`);
  const zipPath = join(outDir, `${folder}.zip`);
  if ((await zipPackKey(zipPath)) === m.packKey) return false;
  // Entries sit under one top folder, so unzipping never scatters files.
  const items: ZipItem[] = [{ rel: `${folder}/manifest.json`, abs: join(dir, 'manifest.json') }];
  for (const f of m.files) items.push({ rel: `${folder}/${f.path}`, abs: join(dir, ...f.path.split('/')) });
  await writeZipAtomic(items, zipPath, join(outDir, tempName('.zip')), { comment: zipComment(m.packKey), mtime: new Date(m.createdAt), ...(signal ? { signal } : {}) });
  return true;
}
