import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreOwner } from '../model/index.js';
import { expiryInstant, readManifest, type Manifest, type ManifestEntry, type ManifestFile } from '../pack/manifest.js';
import { packFolderName } from '../pack/names.js';

/** A store's pack as the portal serves it. */
export interface ServedPack {
  dir: string;
  folder: string;
  manifest: Manifest;
}

/**
 * Finds store packs in the workspace's packs folder, keeping parsed manifests while the file is
 * unchanged (a re-export swaps the folder, which changes the manifest's inode and mtime).
 */
export class PackLocator {
  private readonly cache = new Map<string, { stamp: string; manifest: Manifest }>();
  constructor(readonly packsDir: string) {}

  /** The store's current pack, or undefined. */
  async find(store: StoreOwner): Promise<ServedPack | undefined> {
    const expected = packFolderName(store);
    const hit = await this.load(expected, store.id);
    if (hit) return hit;
    // The store was renamed since its last export: look for any folder of its id.
    let names: string[] = [];
    try {
      names = await readdir(this.packsDir);
    } catch {
      return undefined;
    }
    for (const name of names) {
      if (name.startsWith(`${store.id}-`) && name !== expected) {
        const other = await this.load(name, store.id);
        if (other) return other;
      }
    }
    return undefined;
  }

  private async load(folder: string, storeId: string): Promise<ServedPack | undefined> {
    const dir = join(this.packsDir, folder);
    let stamp: string;
    try {
      const s = await stat(join(dir, 'manifest.json'));
      stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(folder);
    let manifest = cached?.stamp === stamp ? cached.manifest : undefined;
    if (!manifest) {
      manifest = await readManifest(dir);
      if (!manifest) return undefined;
      this.cache.set(folder, { stamp, manifest });
    }
    return manifest.store.id === storeId ? { dir, folder, manifest } : undefined;
  }
}

/** True when the entry is past its post's valid-until. */
export function isExpired(e: ManifestEntry, now = Date.now()): boolean {
  return now > (Number.isFinite(e.expiresAt) ? e.expiresAt : expiryInstant(e.post.validUntil));
}

/** The entry a pack file belongs to (by folder), or undefined for pack-level files. */
export function entryOf(m: Manifest, file: ManifestFile): ManifestEntry | undefined {
  return m.entries.find((e) => file.path.startsWith(`${e.dir}/`));
}
