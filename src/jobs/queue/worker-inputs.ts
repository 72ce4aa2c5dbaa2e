import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { FolderStore } from '../../storage/folder.js';
import type { ObjectStore } from '../../storage/store.js';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import { sha256 } from '../../workspace/hash.js';
import type { InputRef } from './protocol.js';

/**
 * A render worker's inputs: fetched from the job's store once each and checked against their
 * content hash. Small ones (template sources, shared contexts) stay in memory; files (fonts,
 * images, music) are read in place from a shared folder, or downloaded once into this worker's
 * scratch folder from object storage. Only a cache: a worker keeps no state a job depends on.
 */
export class WorkerInputs {
  private readonly blobs = new LRUCache<string, Promise<Buffer>>({ max: 512 });
  private readonly files = new LRUCache<string, Promise<string>>({ max: 4096 });

  constructor(private readonly scratch: string) {}

  /** The bytes of a small input, checked against its hash. */
  bytes(store: ObjectStore, ref: InputRef): Promise<Buffer> {
    let p = this.blobs.get(ref.sha256);
    if (!p) {
      p = this.fetch(store, ref);
      p.catch(() => this.blobs.delete(ref.sha256));
      this.blobs.set(ref.sha256, p);
    }
    return p;
  }

  /** A local path of an input file: in place on a shared folder, else downloaded (and checked) once. */
  path(store: ObjectStore, ref: InputRef): Promise<string> {
    if (store instanceof FolderStore) return Promise.resolve(store.pathOf(ref.key));
    const k = `${store.address}\u0000${ref.sha256}`;
    let p = this.files.get(k);
    if (!p) {
      p = (async () => {
        const local = join(this.scratch, 'inputs', ref.sha256);
        const have = await readFile(local).catch(() => undefined);
        if (have && sha256(have) === ref.sha256) return local;
        await writeFileAtomic(local, await this.fetch(store, ref));
        return local;
      })();
      p.catch(() => this.files.delete(k));
      this.files.set(k, p);
    }
    return p;
  }

  private async fetch(store: ObjectStore, ref: InputRef): Promise<Buffer> {
    const bytes = await store.get(ref.key);
    if (!bytes) throw new Error(`输入文件缺失 / input ${ref.key} is missing from ${store.address} (was the render cache cleared during the export?)`);
    if (sha256(bytes) !== ref.sha256) throw new Error(`输入文件内容不符 / input ${ref.key} in ${store.address} does not match its hash`);
    return bytes;
  }
}
