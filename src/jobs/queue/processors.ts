import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { VariantContext } from '../../compose/types.js';
import { createPosterPool, type PosterPool } from '../../render/pool/pool.js';
import { loadFonts } from '../../render/text/fonts.js';
import { FolderStore } from '../../storage/folder.js';
import type { ObjectStore } from '../../storage/store.js';
import { createLayerRenderer, type LayerRenderer } from '../../video/layers.js';
import { parseStoryboard, renderVariantVideos } from '../../video/index.js';
import type { VideoAssets } from '../../video/plan.js';
import { sha256 } from '../../workspace/hash.js';
import { jobVersions } from './build-jobs.js';
import { outputObjectKey, type InputRef, type JobProgress, type JobResult, type Place, type PosterJobData, type QrJobData, type StorePart, type Versions, type VideoJobData } from './protocol.js';
import { WorkerInputs } from './worker-inputs.js';

/** How a render worker runs its jobs. */
export interface ProcessorOptions {
  /** Poster render lanes (worker threads). */
  lanes: number;
  /** The object storage this worker was started with (`--storage`), for jobs whose files are there. */
  storage?: ObjectStore;
  /** This worker's scratch folder (downloaded inputs, videos before upload). */
  scratch: string;
}

/** The outputs a video job is working on, its cancel signal and progress. */
export interface VideoRun {
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

/**
 * What a render worker does with each kind of job: fetch the inputs (checked against their
 * hashes), render exactly as a local export would (same renderer, fonts and encoder settings),
 * write each output under its content key and return its sha256 (hashed once, from the bytes).
 * Warm things (poster lanes per font pair, layer renderers, parsed inputs) are kept only as caches.
 */
export class RenderProcessors {
  private readonly inputs: WorkerInputs;
  private readonly pools = new Map<string, Promise<PosterPool>>();
  private readonly layers = new Map<string, Promise<LayerRenderer>>();
  private readonly shared = new LRUCache<string, Promise<Record<string, unknown>>>({ max: 256 });

  constructor(private readonly opts: ProcessorOptions) {
    this.inputs = new WorkerInputs(opts.scratch);
  }

  /** The store a job's files are in; a job this worker cannot reach is an error saying how to start it. */
  storeFor(place: Place): ObjectStore {
    if (place.kind === 'folder') {
      if (!existsSync(join(place.workspace, 'studio.json'))) {
        throw new Error(`工作区在本机不可见 / the workspace ${place.workspace} is not reachable on this worker: mount the shared folder at the same path, or run the export with --storage`);
      }
      return new FolderStore(place.workspace);
    }
    if (!this.opts.storage) throw new Error(`this job's files are in ${place.address}: start the worker with --storage ${place.address} --endpoint URL`);
    if (this.opts.storage.address !== place.address) throw new Error(`this job's files are in ${place.address}, this worker uses ${this.opts.storage.address}`);
    return this.opts.storage;
  }

  /** Refuses a job from a studio whose renderers differ from this worker's (the bytes would differ). */
  checkVersions(v: Versions): void {
    const mine = jobVersions();
    if (v.poster !== mine.poster || v.video !== mine.video || v.qr !== mine.qr) {
      throw new Error(`渲染节点版本不同 / this worker renders ${mine.poster}, ${mine.video}, ${mine.qr}; the job needs ${v.poster}, ${v.video}, ${v.qr}: run the same Shequn Studio version on the studio and its workers`);
    }
  }

  private async fontFiles(store: ObjectStore, fonts: { regular: InputRef; bold: InputRef }): Promise<{ key: string; files: { regular: string; bold: string } }> {
    const [regular, bold] = await Promise.all([this.inputs.path(store, fonts.regular), this.inputs.path(store, fonts.bold)]);
    return { key: `${fonts.regular.sha256}|${fonts.bold.sha256}`, files: { regular, bold } };
  }

  private async poolFor(store: ObjectStore, fonts: { regular: InputRef; bold: InputRef }): Promise<PosterPool> {
    const f = await this.fontFiles(store, fonts);
    let p = this.pools.get(f.key);
    if (!p) this.pools.set(f.key, (p = Promise.resolve(createPosterPool({ workers: this.opts.lanes, fontFiles: f.files }))));
    return p;
  }

  private async layersFor(store: ObjectStore, fonts: { regular: InputRef; bold: InputRef }): Promise<LayerRenderer> {
    const f = await this.fontFiles(store, fonts);
    let p = this.layers.get(f.key);
    if (!p) this.layers.set(f.key, (p = Promise.resolve(createLayerRenderer({ fonts: loadFonts(f.files) }))));
    return p;
  }

  private async text(store: ObjectStore, ref: InputRef): Promise<string> {
    return (await this.inputs.bytes(store, ref)).toString('utf8');
  }

  private async context(store: ObjectStore, ref: InputRef, part: StorePart): Promise<VariantContext> {
    let p = this.shared.get(ref.sha256);
    if (!p) {
      p = this.text(store, ref).then((t) => JSON.parse(t) as Record<string, unknown>);
      p.catch(() => this.shared.delete(ref.sha256));
      this.shared.set(ref.sha256, p);
    }
    return { ...(await p), ...part } as unknown as VariantContext;
  }

  private async put(store: ObjectStore, key: string, ext: string, bytes: Buffer, contentType: string, notes: string[] = []): Promise<JobResult['outputs'][number]> {
    const digest = sha256(bytes);
    await store.put(outputObjectKey(key, ext), bytes, { contentType, metadata: { sha256: digest } });
    return { key, sha256: digest, size: bytes.length, notes };
  }

  /**
   * Renders the posters of a job (JPEG) and stores each under its key. A poster the renderer
   * refuses (a text that does not fit, an unreadable image, a QR that does not decode) is returned
   * as failed with the reason; trouble reaching inputs or storage fails the job (it is retried).
   */
  async poster(data: PosterJobData): Promise<JobResult> {
    this.checkVersions(data.versions);
    const store = this.storeFor(data.place);
    const pool = await this.poolFor(store, data.fonts);
    const template = { id: data.template.id, version: data.template.version, source: await this.text(store, data.template.source) };
    const result: JobResult = { outputs: [], failed: [] };
    await Promise.all(
      data.items.map(async (it) => {
        const ctx = await this.context(store, it.shared, it.variant);
        const images = new Map(await Promise.all(it.images.map(async (i) => [i.id, { path: await this.inputs.path(store, i.ref), name: i.name }] as const)));
        let poster;
        try {
          poster = await pool.render({ template, size: it.size, ctx, images, format: 'jpg' }, { lane: 'workers' });
        } catch (err) {
          result.failed.push({ key: it.key, reason: err instanceof Error ? err.message : String(err) });
          return;
        }
        result.outputs.push(await this.put(store, it.key, '.jpg', poster.bytes, 'image/jpeg', poster.notes));
      }),
    );
    return result;
  }

  /** Draws one standalone QR image (PNG) and stores it under its key. */
  async qr(data: QrJobData): Promise<JobResult> {
    this.checkVersions(data.versions);
    const store = this.storeFor(data.place);
    const pool = await this.poolFor(store, data.fonts);
    const png = await pool.qrImage(data.link, data.px, { lane: 'workers' });
    return { outputs: [await this.put(store, data.key, '.png', png, 'image/png')], failed: [] };
  }

  /** Renders the videos of stores sharing one body (body once, cards in the same batches as a local export). */
  async video(data: VideoJobData, run: VideoRun): Promise<JobResult> {
    this.checkVersions(data.versions);
    const store = this.storeFor(data.place);
    const renderer = await this.layersFor(store, data.fonts);
    const source = await this.text(store, data.template.source);
    const storyboard = parseStoryboard(source, `video template "${data.template.id}" v${data.template.version}`);
    const files = new Map(await Promise.all(data.files.map(async (f) => [f.rel, await this.inputs.path(store, f.ref)] as const)));
    const byId = new Map(data.images.map((i) => [i.id, i]));
    const read = new Map<string, Promise<{ bytes: Buffer; name: string } | undefined>>();
    const assets: VideoAssets = {
      image: (id) => {
        let p = read.get(id);
        if (!p) {
          const img = byId.get(id);
          p = img ? this.inputs.path(store, img.ref).then(async (path) => ({ bytes: await readFile(path), name: img.name })) : Promise.resolve(undefined);
          read.set(id, p);
        }
        return p;
      },
      file: (rel) => {
        const path = files.get(rel);
        if (!path) throw new Error(`storyboard file "${rel}" was not sent with the job (is it missing from the studio's assets folder?)`);
        return path;
      },
    };
    // On a shared folder the videos go straight into the render cache (renamed into place when
    // accepted); for object storage they are made here, then uploaded.
    const local = store instanceof FolderStore ? undefined : join(this.opts.scratch, `videos-${sha256(data.items.map((i) => i.key).join())}`);
    if (local) await mkdir(local, { recursive: true });
    const output = (key: string) => (local ? join(local, `${key}.mp4`) : (store as FolderStore).pathOf(outputObjectKey(key, '.mp4')));
    try {
      const variants = await Promise.all(data.items.map(async (it) => ({ ctx: await this.context(store, it.shared, it.variant), output: output(it.key) })));
      if (!local) for (const v of variants) await mkdir(join(v.output, '..'), { recursive: true });
      await renderVariantVideos(
        { storyboard, source, size: data.size, variants, assets },
        { signal: run.signal, renderer, encoder: { threads: data.threads }, tmpRoot: this.opts.scratch, ...(data.format ? { format: data.format } : {}), onProgress: (p) => run.progress({ percent: p.percent, done: p.done, total: p.total }) },
      );
      const outputs = [];
      for (const it of data.items) {
        const bytes = await readFile(output(it.key));
        if (local) outputs.push(await this.put(store, it.key, '.mp4', bytes, 'video/mp4'));
        else outputs.push({ key: it.key, sha256: sha256(bytes), size: bytes.length, notes: [] });
      }
      return { outputs, failed: [] };
    } finally {
      if (local) await rm(local, { recursive: true, force: true });
    }
  }

  /** Stops the poster lanes. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map(async (p) => (await p).close()));
  }
}
