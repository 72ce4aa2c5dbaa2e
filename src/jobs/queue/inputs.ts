import { readFile } from 'node:fs/promises';
import type { ObjectStore } from '../../storage/store.js';
import { sha256 } from '../../workspace/hash.js';
import type { Workspace } from '../../workspace/types.js';
import { inputObjectKey, type InputRef } from './protocol.js';

/**
 * Puts a job's inputs where workers find them, content-addressed and each once: template sources,
 * the shared part of variant contexts, fonts and storyboard files under
 * `renders/cache/inputs/<sha256>`, images under `assets/<id><ext>` (the workspace's own layout).
 * An object already there (an earlier export, or the workspace folder itself) is not sent again.
 */
export class InputStager {
  private readonly staged = new Map<string, Promise<InputRef>>();
  /** Objects this export actually uploaded (the rest were there already). */
  uploaded = 0;

  constructor(private readonly store: ObjectStore) {}

  /** Stages bytes by their hash. */
  blob(bytes: Buffer, contentType: string): Promise<InputRef> {
    const hash = sha256(bytes);
    return this.once(inputObjectKey(hash), hash, async () => bytes, contentType);
  }

  /** Stages a file by the hash of its bytes (read once per path and export). */
  file(path: string, contentType: string): Promise<InputRef> {
    let p = this.staged.get(`file:${path}`);
    if (!p) {
      p = readFile(path).then((bytes) => this.blob(bytes, contentType));
      this.staged.set(`file:${path}`, p);
    }
    return p;
  }

  /** Stages a workspace asset under its own name (`assets/<sha256><ext>`; the id is the content hash). */
  asset(ws: Workspace, id: string): Promise<InputRef> {
    const record = ws.assets.get(id);
    const key = `assets/${id}${record?.ext ?? ''}`;
    return this.once(key, id, () => ws.assets.read(id), record?.mime ?? 'application/octet-stream');
  }

  private once(key: string, hash: string, bytes: () => Promise<Buffer>, contentType: string): Promise<InputRef> {
    let p = this.staged.get(key);
    if (!p) {
      p = (async () => {
        if (!(await this.store.head(key))) {
          await this.store.put(key, await bytes(), { contentType, metadata: { sha256: hash } });
          this.uploaded++;
        }
        return { sha256: hash, key };
      })();
      p.catch(() => this.staged.delete(key));
      this.staged.set(key, p);
    }
    return p;
  }
}
