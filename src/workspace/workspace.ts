import { AsyncLocalStorage } from 'node:async_hooks';
import type { Low } from 'lowdb';
import { StudioError } from '../model/index.js';
import { StudioData } from '../model/index.js';
import { parseOrThrow } from '../model/validate.js';
import { createAssetStore } from './assets.js';
import { writeBackup } from './backups.js';
import type { WriteLock } from './lock.js';
import type { WorkspacePaths } from './paths.js';
import type { AssetStore, Workspace } from './types.js';

/** The Workspace implementation: one lowdb document, a backup before each write, updates queued. */
export class StudioWorkspace implements Workspace {
  readonly assets: AssetStore;
  readonly paths: Workspace['paths'];
  private queue: Promise<unknown> = Promise.resolve();
  /** Set while this workspace's update function runs (in that async context). */
  private readonly inUpdate = new AsyncLocalStorage<true>();
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly allPaths: WorkspacePaths,
    private readonly db: Low<StudioData>,
    readonly readOnly: boolean,
    readonly notices: string[],
    private readonly lock: WriteLock | undefined,
    private readonly keepBackups: number,
  ) {
    const { studio, assets, renders, packs, results, backups } = allPaths;
    this.paths = { studio, assets, renders, packs, results, backups };
    this.assets = createAssetStore(assets, this);
  }

  data(): StudioData {
    return this.db.data;
  }

  update<T>(fn: (draft: StudioData) => T): Promise<T> {
    if (this.readOnly) {
      const why = this.notices.length ? ` (${this.notices.join('; ')})` : '';
      return Promise.reject(new StudioError('read_only', `the workspace ${this.dir} is open read-only${why}; it cannot be changed`));
    }
    if (this.inUpdate.getStore()) {
      // A nested update would wait for the one that is running it, forever.
      return Promise.reject(new StudioError('internal', 'ws.update() (or assets.put) was called inside ws.update(); change the draft instead, or store files first'));
    }
    const run = this.queue.then(() => this.apply(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One update: copy, change, validate, back up the previous document, write atomically. */
  private async apply<T>(fn: (draft: StudioData) => T): Promise<T> {
    if (this.closed) throw new StudioError('conflict', `the workspace ${this.dir} was closed`);
    if (this.lock && !(await this.lock.isHeld())) {
      throw new StudioError('conflict', `the write lock ${this.lock.file} is no longer held by this process; reopen the workspace`);
    }
    const previous = this.db.data;
    const draft = structuredClone(previous);
    const result = await this.inUpdate.run(true, () => fn(draft));
    const next = parseOrThrow(StudioData, draft, 'studio.json');
    await writeBackup(this.allPaths.backups, JSON.stringify(previous, null, 2), this.keepBackups);
    this.db.data = next;
    try {
      await this.db.write();
    } catch (err) {
      this.db.data = previous;
      throw err;
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    await this.lock?.release();
  }
}
