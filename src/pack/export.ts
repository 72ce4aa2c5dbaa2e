import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { runPool, throwIfCancelled, type LongWork, type Progress } from '../model/index.js';
import { ComposeCache } from '../compose/cache.js';
import type { StudioData } from '../model/index.js';
import { createPosterPool, type PosterPool } from '../render/pool/pool.js';
import { RENDERER_VERSION } from '../render/renderer.js';
import { posterCacheDir } from '../render/workspace.js';
import type { LayerRenderer } from '../video/layers.js';
import type { Workspace } from '../workspace/types.js';
import { recoverOutDir, type Recovery } from './atomic.js';
import { RenderCache } from './cache.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { readManifest } from './manifest.js';
import { sharedLayerHint, type OutputSpec, type RenderVersions } from './outputs.js';
import type { VariantContext } from '../compose/types.js';
import { planExport, type ExportPlan, type PlanOptions } from './plan.js';
import { gatePlan, Refusals, type RefusedPost } from './gate.js';
import { renderPending, type PendingOutput, type RenderStage, type RenderStageResult } from './render-stage.js';
import { InputKeys } from './input-key.js';
import { packFolderName } from './names.js';
import { buildStore, BuildMemo, PACK_LAYOUT_VERSION, packInput, type StoreBuild } from './store-build.js';
import { VIDEO_RENDERER_VERSION, type VideoOverrides } from './video-stage.js';
import { ensureZip, scanPacks, withdrawEntries, writePack } from './writer.js';
import { ExportEta, readCosts, saveCosts } from './eta.js';

/** What to export and where. */
export interface ExportOptions extends PlanOptions {
  /** Output folder (default: the workspace's packs/). */
  out?: string;
  /** Also write `<pack>.zip` next to each pack folder. */
  zip?: boolean;
  /** Poster worker threads when the export makes its own pool (default: one per core; 0 = this thread only). */
  workers?: number;
  /** Tests only (not in the api): render videos at a reduced frame size. */
  videoOverrides?: VideoOverrides;
}

/** What an export runs with besides its options: progress and cancel, and the workspace's test hooks. */
export interface ExportEnv extends LongWork {
  /** The workspace's poster pool (its services'); without one the export makes its own and closes it. */
  posters?: PosterPool;
  /** The workspace's layer renderer for video frames (fonts parsed once); default: one for this export. */
  layers?: LayerRenderer;
  /** Tests only: milliseconds a finished temporary pack waits before its rename (kill tests). */
  pauseBeforeRenameMs?: number;
  /** "Now" for validity (ms; the workspace's clock): expired posts are refused, the default selection is what is valid now. */
  now?: number;
  /** Where the missing outputs are rendered; default: the poster pool and src/video here (a queue of render workers is the other one). */
  render?: RenderStage;
  /** The time packs are stamped with (the workspace's clock). */
  clock?: () => Date;
}

/** One store's pack in the result. */
export interface PackReport {
  store: string;
  folder: string;
  status: 'written' | 'reused' | 'failed';
  zip?: string;
}

/** What an export did: outputs rendered / reused / failed (with reasons), packs written or kept. */
export interface ExportResult {
  out: string;
  /** `failed` counts failed outputs and refused variants; `refused` the variants the gate kept out. */
  counts: { rendered: number; reused: number; failed: number; refused: number };
  packs: PackReport[];
  failures: RenderStageResult['failed'];
  /** Posts (or some of their variants) not exported because the checks found errors, with the findings. */
  refused: RefusedPost[];
  /** Entries taken out of packs already on disk because this export refused them (see step 4b). */
  withdrawn: { store: string; folder: string; entries: { post: string; group: string }[] }[];
  empty: ExportPlan['empty'];
  notes: string[];
  recovered: Recovery;
  seconds: number;
  /** Seconds spent composing and keying, rendering, and writing packs and zips. */
  phases: { compose: number; render: number; write: number };
  /** Average number of poster worker threads busy during the render phase. */
  parallelism: number;
}

const require = createRequire(import.meta.url);

/** Versions every output key includes: poster renderer, video renderer, fonts package. */
export function renderVersions(): RenderVersions {
  const fonts = (require('@expo-google-fonts/noto-sans-sc/package.json') as { version: string }).version;
  return { poster: RENDERER_VERSION, video: VIDEO_RENDERER_VERSION, fonts: `noto-sans-sc@${fonts}` };
}

/** The export gate in one pass: the plan of an export and what the checks refuse before composing (export.plan shows it). */
export function gatedPlan(data: StudioData, opts: PlanOptions, now: number, compose = new ComposeCache()): { plan: ExportPlan; refusals: Refusals } {
  const refusals = new Refusals();
  const plan = gatePlan(data, planExport(data, opts, now), now, compose, refusals);
  return { plan, refusals };
}

/**
 * Exports one pack per store (see docs/packs.md): plans, runs the export gate (the checks of
 * `shequn check` and validity; a post with error findings is refused, the others still ship),
 * composes and keys every output, renders only what the cache lacks, writes each changed pack
 * atomically and leaves unchanged packs alone.
 */
export async function runExport(ws: Workspace, opts: ExportOptions = {}, ctx: ExportEnv = {}): Promise<ExportResult> {
  const started = Date.now();
  const data = ws.data();
  const now = ctx.now ?? Date.now();
  const compose = new ComposeCache();
  // 0. The gate, before anything is composed or written: refused posts leave the plan.
  const { plan, refusals } = gatedPlan(data, opts, now, compose);
  const out = resolve(opts.out ?? ws.paths.packs);
  await mkdir(out, { recursive: true });
  const recovered = await recoverOutDir(out);
  const existing = await scanPacks(out);
  const cache = new RenderCache(join(ws.paths.renders, 'cache'));
  const memo = new BuildMemo(data, plan.posts, renderVersions(), opts.videoOverrides?.format, compose);
  const report = (current: string, done = 0, total = 0) => ctx.onProgress?.({ done, total, current });

  // 1. Compose and key everything; a pack whose key matches the one on disk is kept as is.
  const packs: PackReport[] = [];
  const builds: { build: StoreBuild; stale: string[] }[] = [];
  const failures: ExportResult['failures'] = [];
  let reused = 0;
  const inputs = new InputKeys(data, plan, memo.versions, PACK_LAYOUT_VERSION, { ...opts, videoFormat: opts.videoOverrides?.format });
  for (const sp of plan.stores) {
    throwIfCancelled(ctx.signal);
    const have = existing.get(sp.store.id) ?? [];
    const inputKey = inputs.of(sp.store);
    if (have.length === 1 && have[0]!.folder === packFolderName(sp.store) && have[0]!.inputKey === inputKey) {
      // Nothing it is made from changed: kept without composing.
      reused += have[0]!.outputs;
      packs.push({ store: sp.store.id, folder: have[0]!.folder, status: 'reused' });
      continue;
    }
    report(`composing ${sp.store.id}`);
    const built = buildStore(memo, sp);
    for (const r of built.refused) refusals.add([r.variant], r.findings);
    // A pack that left variants out is never taken as up to date: the next export checks it again (and reports it).
    const build: StoreBuild = built.refused.length ? built : { ...built, inputKey };
    if (build.broken.length) {
      // A text compose cannot render: the store keeps its previous pack.
      for (const b of build.broken) failures.push({ key: '', output: 'caption', store: sp.store.id, post: b.post, groupType: b.group, reason: b.reason });
      packs.push({ store: sp.store.id, folder: build.folder, status: 'failed' });
      continue;
    }
    if (!build.variants.length) {
      // Every variant refused: nothing to write; the store keeps its previous pack.
      packs.push({ store: sp.store.id, folder: build.folder, status: 'failed' });
      continue;
    }
    if (have.length === 1 && have[0]!.folder === build.folder && have[0]!.packKey === build.packKey) {
      // Same pack from changed inputs (e.g. a field no text or poster shows): remember the new input key
      // (not when it left variants out: those are checked and reported again next time).
      if (build.inputKey) await refreshInputKey(join(out, build.folder), build.inputKey);
      reused += build.variants.reduce((n, v) => n + v.outputs.length, 0);
      packs.push({ store: sp.store.id, folder: build.folder, status: 'reused' });
      continue;
    }
    builds.push({ build, stale: have.map((h) => h.folder) });
  }

  // 2. Outputs of changed packs that the cache lacks (each key once).
  const pending: PendingOutput[] = [];
  const seen = new Set<string>();
  for (const { build } of builds) {
    for (const v of build.variants) {
      for (const o of v.outputs) {
        if (seen.has(o.key)) {
          reused++;
          continue;
        }
        seen.add(o.key);
        if (await cache.get(o.key, o.ext)) reused++;
        else pending.push({ spec: o, variant: v });
      }
    }
  }
  // Posters of one post × group type × size in a row: each worker renders the shared base layer once.
  pending.sort((a, b) => order(a.spec, a.variant).localeCompare(order(b.spec, b.variant)));
  const total = pending.length + builds.length;

  const composed = Date.now();
  // The time left, from what each kind of output costs (videos included), not from the count of items done.
  const isVideo = (p: PendingOutput) => p.spec.kind === 'video' || p.spec.kind === 'cover';
  const videoCount = pending.filter(isVideo).length;
  const eta = new ExportEta({ image: pending.length - videoCount, video: videoCount, pack: builds.length }, await readCosts(ws.paths.renders));
  const progress = (p: Progress) => ctx.onProgress?.({ ...p, etaSeconds: eta.update(p) });
  // 3. Render into the cache (here, or on render workers when a queue stage is given).
  const stage = { signal: ctx.signal, onProgress: progress, offset: { done: 0, total }, video: opts.videoOverrides, layers: ctx.layers };
  let rendered: RenderStageResult;
  if (ctx.render) rendered = await ctx.render(ws, cache, pending, stage);
  else {
    const pool = ctx.posters ?? createPosterPool({ cacheDir: posterCacheDir(ws), workers: opts.workers ?? availableParallelism() });
    try {
      rendered = await renderPending(ws, cache, pool, pending, stage);
    } finally {
      if (!ctx.posters) await pool.close();
    }
  }
  const failedKeys = new Set(rendered.failed.map((f) => f.key));

  const renderedAt = Date.now();
  // 4. Write the changed packs (a store with a failed output keeps its previous pack).
  const createdAt = (ctx.clock?.() ?? new Date()).toISOString();
  await runPool(
    builds,
    async ({ build, stale }) => {
      const store = build.plan.store.id;
      if (build.variants.some((v) => v.outputs.some((o) => failedKeys.has(o.key)))) {
        packs.push({ store, folder: build.folder, status: 'failed' });
        return;
      }
      const input = packInput(data, build, (o) => ({ path: cache.pathOf(o.key, o.ext), sha256: rendered.digests.get(o.key) }), createdAt);
      await writePack(out, input, stale, { pauseBeforeRenameMs: ctx.pauseBeforeRenameMs });
      packs.push({ store, folder: build.folder, status: 'written' });
    },
    { concurrency: 2, signal: ctx.signal, onProgress: (p) => progress({ ...p, done: pending.length + p.done, total }), label: (b) => `pack ${b.build.folder}` },
  );
  eta.finish();
  if (pending.length || builds.length) await saveCosts(ws.paths.renders, eta.costs()).catch(() => undefined);

  // 4b. The gate also reaches packs already on disk: what this export refused (a post with an
  // Advertising-Law term or past its date, a store's own words) is taken out of every pack that
  // still carries it and was not written just now — a store whose variants were all refused, or one
  // outside this export's selection — so the portal and the folder never hand it out again.
  const withdrawn: ExportResult['withdrawn'] = [];
  const written = new Set(packs.filter((p) => p.status === 'written').map((p) => p.folder));
  for (const [store, haves] of existing) {
    for (const h of haves) {
      // Decided from the manifests read at the start: only a pack that carries refused content is opened again.
      if (written.has(h.folder) || !h.entries.some((e) => refusals.covers(store, e.post, e.group))) continue;
      throwIfCancelled(ctx.signal);
      const gone = await withdrawEntries(out, h.folder, (e) => refusals.covers(store, e.post.id, e.group.id), createdAt);
      if (!gone.length) continue;
      withdrawn.push({ store, folder: h.folder, entries: gone.map((e) => ({ post: e.post.id, group: e.group.id })) });
    }
  }

  // 5. Zips (also for kept packs whose zip is missing or stale).
  if (opts.zip) {
    // A pack something was withdrawn from gets its zip again (the old one went with the old content).
    const zipped = new Set(packs.filter((p) => p.status !== 'failed').map((p) => p.folder));
    for (const w of withdrawn) if (!zipped.has(w.folder)) await ensureZip(out, w.folder, ctx.signal);
    for (const p of packs) {
      if (p.status === 'failed') continue;
      throwIfCancelled(ctx.signal);
      report(`zip ${p.folder}`, total, total);
      await ensureZip(out, p.folder, ctx.signal);
      p.zip = `${p.folder}.zip`;
    }
  }
  packs.sort((a, b) => a.store.localeCompare(b.store));
  return {
    out,
    counts: { rendered: rendered.rendered, reused, failed: rendered.failed.length + failures.length + refusals.variants, refused: refusals.variants },
    packs,
    failures: [...failures, ...rendered.failed],
    refused: refusals.list(),
    withdrawn,
    empty: plan.empty,
    notes: rendered.notes,
    recovered,
    seconds: (Date.now() - started) / 1000,
    parallelism: Number(rendered.parallelism.toFixed(2)),
    phases: { compose: (composed - started) / 1000, render: (renderedAt - composed) / 1000, write: (Date.now() - renderedAt) / 1000 },
  };
}

async function refreshInputKey(dir: string, inputKey: string): Promise<void> {
  const m = await readManifest(dir);
  if (m && m.inputKey !== inputKey) await writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify({ ...m, inputKey }, null, 2) + '\n');
}

function order(o: OutputSpec, v: { ctx: VariantContext }): string {
  const size = o.kind === 'poster' ? o.size : '';
  // Posters that share a shared layer in a row (see sharedLayerHint); videos keep store order (their batches depend on it).
  const layer = o.kind === 'poster' ? `${sharedLayerHint(v.ctx)}|` : '';
  return `${o.kind === 'video' || o.kind === 'cover' ? 2 : o.kind === 'poster' ? 0 : 1}|${v.ctx.post.id}|${v.ctx.group.id}|${size}|${layer}${v.ctx.store.id}`;
}
