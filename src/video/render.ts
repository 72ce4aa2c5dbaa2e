/**
 * Renders the short videos of many store variants: the body (head, waist, leg scenes) encoded
 * once per post × group type, every store's end card encoded in one batched run, joined by
 * stream copy with one continuous music track, each output checked with ffprobe and renamed
 * into place only when it is right.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../model/index.js';
import type { VariantContext } from '../compose/types.js';
import { bodyArgs, cardOutputPath, concatArgs, concatList, DEFAULT_ENCODER, endCardsArgs, fullArgs, musicArgs, VIDEO_FORMATS, type EncoderSettings, type FfmpegSpec, type ScenePlan, type VideoFormat, type VideoSize } from './args/index.js';
import { checkBinaries, type Binaries } from './binaries.js';
import { probe, type ProbeResult, type RunProgress } from './ffmpeg.js';
import { createLayerRenderer, type LayerRenderer } from './layers.js';
import { bodyKey, musicPlan, prepareBody, prepareEndCard, prepareStoreScene, sceneTexts, segmentsOf, sharedTexts, type Segment, type VideoAssets } from './plan.js';
import { FfmpegPool } from './pool.js';
import { sweepDeadScratch, sweepStale } from './stale.js';
import { sweepStaleEncoders } from './encoder-process.js';
import { FPS, toFrames, type Storyboard } from './storyboard.js';
import { assertOutput } from './verify.js';

/** End cards encoded in one ffmpeg run (a card's bytes depend on its batch: exporters that split work keep whole batches). */
export const CARD_BATCH = 24;

/** One store's video to make: its variant context and where the MP4 goes. */
export interface VideoVariant {
  ctx: VariantContext;
  output: string;
}

/** What to render. */
export interface VideoJob {
  storyboard: Storyboard;
  /** The storyboard's JSON source (part of the body cache key). */
  source: string;
  size: VideoSize;
  variants: VideoVariant[];
  assets: VideoAssets;
}

/** Progress of a video job: percent of the expected encoding work, from ffmpeg's reported times. */
export interface VideoProgress {
  percent: number;
  /** Videos finished and accepted. */
  done: number;
  total: number;
  current: string;
}

/** How to render. */
export interface VideoOptions {
  signal?: AbortSignal;
  onProgress?: (p: VideoProgress) => void;
  /** 'join' (default): body once + batched end cards + stream-copy joins. 'full': one whole encode per store (the baseline). */
  strategy?: 'join' | 'full';
  /** ffmpeg processes at once (default: one per core). */
  slots?: number;
  renderer?: LayerRenderer;
  /** Where temporary files go (default: the OS temp folder); everything there is removed at the end. */
  tmpRoot?: string;
  /** Overrides the output geometry (tests render at reduced size). */
  format?: VideoFormat;
  encoder?: Partial<EncoderSettings>;
  /** Encode a still end card as a short piece repeated by stream copy (default true). */
  cardLoop?: boolean;
  /** Environment for SHEQUN_FFMPEG / SHEQUN_FFPROBE (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Cards per batched encoder run (default CARD_BATCH). */
  batch?: number;
}

/** One accepted video. */
export interface RenderedVideo {
  store: string;
  path: string;
  bytes: number;
  probe: ProbeResult;
}

/** The smallest piece (≥ 12 frames) a still card of `frames` frames splits into evenly, or the whole card. */
export function cardUnitFrames(frames: number, loop = true): number {
  if (!loop) return frames;
  for (let d = 12; d < frames; d++) if (frames % d === 0) return d;
  return frames;
}

function cancelled(): StudioError {
  return new StudioError('cancelled', 'video render cancelled');
}

/** Waits for every task, then throws the first failure (a cancel wins): nothing runs on after we return. */
async function settle<T>(tasks: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failed.length) throw failed.find((e) => e instanceof StudioError && e.code === 'cancelled') ?? failed[0];
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Tracks overall percent from each ffmpeg run's own percent, weighted by its expected cost. */
class Meter {
  private readonly weights = new Map<string, number>();
  private readonly shares = new Map<string, number>();
  done = 0;
  constructor(
    readonly total: number,
    private readonly emit?: (p: VideoProgress) => void,
  ) {}
  plan(label: string, weight: number): void {
    this.weights.set(label, (this.weights.get(label) ?? 0) + weight);
  }
  update(p: RunProgress | { label: string; percent: number }): void {
    this.shares.set(p.label, Math.max(this.shares.get(p.label) ?? 0, p.percent / 100));
    this.report(p.label);
  }
  report(current: string): void {
    let all = 0;
    let got = 0;
    for (const [label, w] of this.weights) {
      all += w;
      got += w * (this.shares.get(label) ?? 0);
    }
    this.emit?.({ percent: all ? Math.min(100, (got / all) * 100) : 0, done: this.done, total: this.total, current });
  }
}

/** Renders every variant's video; resolves with the accepted files (in the order of job.variants). */
export async function renderVariantVideos(job: VideoJob, opts: VideoOptions = {}): Promise<RenderedVideo[]> {
  // A missing or broken binary is one clear error before any work.
  const bin = await checkBinaries(opts.env);
  if (opts.signal?.aborted) throw cancelled();
  if (!job.variants.length) return [];
  const fmt = opts.format ?? VIDEO_FORMATS[job.size];
  const encoder = { ...DEFAULT_ENCODER, ...opts.encoder };
  const meter = new Meter(job.variants.length, opts.onProgress);
  // Stops every ffmpeg of the job on the user's cancel, or when one part fails (no point going on).
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const pool = new FfmpegPool(bin, { slots: opts.slots, signal: stop.signal, onProgress: (p) => meter.update(p) });
  const renderer = opts.renderer ?? createLayerRenderer();
  // Scratch folders carry their process id: those of processes that are gone (a render killed
  // mid-way) are cleared first; a live process's folders, this one's included, are never touched.
  await sweepDeadScratch(opts.tmpRoot ?? tmpdir());
  // Encoders a killed studio left running (where no parent-death signal reached them) go too.
  await sweepStaleEncoders();
  const work = await mkdtemp(join(opts.tmpRoot ?? tmpdir(), `shequn-video-${process.pid}-`));
  const parts: string[] = [];
  // Output folders whose leftover parts this render already swept.
  const swept = new Set<string>();
  try {
    const groups = new Map<string, number[]>();
    job.variants.forEach((v, i) => {
      // Per-store scenes differ by store anyway: only the shared scenes decide who shares a body.
      const key = bodyKey(job.source, fmt, sharedTexts(job.storyboard, sceneTexts(job.storyboard, v.ctx)), v.ctx);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const results: RenderedVideo[] = new Array(job.variants.length);
    let g = 0;
    for (const members of groups.values()) {
      const dir = join(work, `g${g++}`);
      await mkdir(dir);
      const ctx = { job, fmt, encoder, bin, pool, meter, renderer, dir, opts, parts, swept, results, stop: () => stop.abort() };
      if ((opts.strategy ?? 'join') === 'full') await renderFull(ctx, members);
      else await renderJoined(ctx, members);
    }
    return results;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(parts.map((p) => rm(p, { force: true })));
    await rm(work, { recursive: true, force: true });
  }
}

interface GroupCtx {
  job: VideoJob;
  fmt: VideoFormat;
  encoder: EncoderSettings;
  bin: Binaries;
  pool: FfmpegPool;
  meter: Meter;
  renderer: LayerRenderer;
  dir: string;
  swept: Set<string>;
  opts: VideoOptions;
  parts: string[];
  results: RenderedVideo[];
  /** Kills the job's other ffmpeg runs (after a failure). */
  stop: () => void;
}

/** Starts tracking a task: a failure is handled later by supervise, not reported as unhandled meanwhile. */
function track<T>(tasks: Promise<unknown>[], task: Promise<T>): Promise<T> {
  task.catch(() => undefined);
  tasks.push(task);
  return task;
}

/** Runs `launch` (which starts tasks into `tasks`); on a failure stops the rest, waits for all, rethrows. */
async function supervise(c: GroupCtx, tasks: Promise<unknown>[], launch: () => Promise<void>): Promise<void> {
  try {
    await launch();
  } catch (err) {
    c.stop();
    await Promise.allSettled(tasks);
    throw err;
  }
  try {
    await settle(tasks);
  } catch (err) {
    c.stop();
    throw err;
  }
}

function check(c: GroupCtx): void {
  if (c.opts.signal?.aborted) throw cancelled();
}

/** Probes a finished part file, checks it against the storyboard and renames it into place. */
async function accept(c: GroupCtx, index: number, part: string, seconds: number): Promise<void> {
  const v = c.job.variants[index]!;
  const p = await probe(c.bin, part);
  assertOutput(p, { width: c.fmt.width, height: c.fmt.height, fps: FPS, duration: seconds }, `video of store "${v.ctx.store.id}"`);
  check(c);
  await rename(part, v.output);
  c.results[index] = { store: v.ctx.store.id, path: v.output, bytes: (await stat(v.output)).size, probe: p };
  c.meter.done++;
  c.meter.report(`store ${v.ctx.store.id}`);
}

/** A temporary name beside the final file (same folder, so the rename is atomic). */
async function partPath(c: GroupCtx, output: string): Promise<string> {
  await mkdir(dirname(output), { recursive: true });
  if (!c.swept.has(dirname(output))) {
    c.swept.add(dirname(output));
    // Parts of a render that was killed (not written to for an hour) go; the live ones are fresh.
    await sweepStale(dirname(output), (n) => n.startsWith('.') && n.endsWith('.part.mp4'), 60 * 60 * 1000);
  }
  const part = join(dirname(output), `.${basename(output)}.${randomBytes(4).toString('hex')}.part.mp4`);
  c.parts.push(part);
  return part;
}

/** A shared segment's scene plans (encoded once per body) and frame counts. */
interface Prepared {
  segments: Segment[];
  shared: Map<number, ScenePlan[]>;
  frames: number;
  cardFrames: number;
}

async function prepare(c: GroupCtx, members: number[]): Promise<Prepared> {
  const sb = c.job.storyboard;
  const first = c.job.variants[members[0]!]!.ctx;
  const texts = sceneTexts(sb, first);
  const segments = segmentsOf(sb);
  const shared = new Map<number, ScenePlan[]>();
  for (const [k, seg] of segments.entries()) {
    if (seg.kind !== 'shared') continue;
    shared.set(k, await prepareBody(sb, first, texts, c.fmt, c.renderer, c.job.assets, c.dir, seg.scenes));
    check(c);
  }
  const frames = sb.scenes.reduce((n, s) => n + toFrames(s.duration), 0);
  return { segments, shared, frames, cardFrames: toFrames(sb.endCard.duration) };
}

/** A still of `frames` frames encoded as a short unit repeated by stream copy (what end cards do). */
interface StillRun {
  /** Label for progress. */
  name: string;
  frames: number;
  unit: number;
  /** Per store: the still's PNG drawer. */
  draw: (i: number, png: string) => Promise<void>;
  /** Per store: the encoded unit's file (filled as batches are encoded). */
  files: Map<number, string>;
}

async function renderJoined(c: GroupCtx, members: number[]): Promise<void> {
  const { segments, shared, frames, cardFrames } = await prepare(c, members);
  const sb = c.job.storyboard;
  const seconds = (frames + cardFrames) / FPS;
  const loop = c.opts.cardLoop ?? true;
  const batchSize = Math.max(1, c.opts.batch ?? CARD_BATCH);
  const batches: number[][] = [];
  for (let i = 0; i < members.length; i += batchSize) batches.push(members.slice(i, i + batchSize));
  // The per-store pieces: each per-store scene, then the end card; all stills, encoded in batches.
  const stills: StillRun[] = [];
  for (const seg of segments) {
    if (seg.kind !== 'store') continue;
    const f = toFrames(sb.scenes[seg.scene]!.duration);
    stills.push({ name: `scene${seg.scene}`, frames: f, unit: cardUnitFrames(f, loop), files: new Map(), draw: (i, png) => prepareStoreScene(sb, seg.scene, c.job.variants[i]!.ctx, c.fmt, c.renderer, c.job.assets, png) });
  }
  const card: StillRun = { name: 'card', frames: cardFrames, unit: cardUnitFrames(cardFrames, loop), files: new Map(), draw: (i, png) => prepareEndCard(sb, c.job.variants[i]!.ctx, c.fmt, c.renderer, c.job.assets, png) };
  stills.push(card);
  // Progress weights: roughly the CPU each run costs (a still frame ≈ 0.4 of a moving body frame).
  const tag = (label: string) => `${basename(c.dir)} ${label}`;
  for (const [k, plans] of shared) c.meter.plan(tag(`body ${k}`), plans.reduce((n, p) => n + p.frames, 0));
  for (const st of stills) batches.forEach((b, k) => c.meter.plan(tag(`${st.name} ${k}`), st.unit * b.length * 0.4));
  c.meter.plan(tag('music'), 3);
  members.forEach((i) => c.meter.plan(tag(`join ${i}`), 2));

  const run = (spec: FfmpegSpec, label: string) => c.pool.run({ ...spec, label: tag(label) });
  const encodes: Promise<void>[] = [];
  for (const [k, plans] of shared) track(encodes, run(bodyArgs(plans, { format: c.fmt, encoder: c.encoder, output: join(c.dir, `body${k}.mp4`) }), `body ${k}`));
  track(encodes, run(musicArgs(musicPlan(sb, c.job.assets), { duration: seconds, output: join(c.dir, 'music.m4a') }), 'music'));
  // The stills are drawn while the shared scenes encode; each batch starts as soon as its PNGs exist.
  await supervise(c, encodes, async () => {
    for (const [k, batch] of batches.entries()) {
      for (const st of stills) {
        const pngs: string[] = [];
        for (const i of batch) {
          check(c);
          const png = join(c.dir, `${st.name}-${i}.png`);
          await st.draw(i, png);
          pngs.push(png);
        }
        const pattern = `${st.name}${k}-%03d.mp4`;
        batch.forEach((i, j) => st.files.set(i, cardOutputPath(pattern, j)));
        track(encodes, run(endCardsArgs(pngs, { format: c.fmt, encoder: c.encoder, frames: st.unit, outputPattern: join(c.dir, pattern) }), `${st.name} ${k}`));
      }
    }
  });
  const joins: Promise<void>[] = [];
  await supervise(c, joins, async () => {
    for (const i of members) track(joins, joinOne(i));
  });
  async function joinOne(i: number): Promise<void> {
    const v = c.job.variants[i]!;
    const parts: string[] = [];
    let s = 0;
    for (const [k, seg] of segments.entries()) {
      if (seg.kind === 'shared') parts.push(`body${k}.mp4`);
      else {
        const st = stills[s++]!;
        parts.push(...Array.from({ length: st.frames / st.unit }, () => st.files.get(i)!));
      }
    }
    parts.push(...Array.from({ length: card.frames / card.unit }, () => card.files.get(i)!));
    const list = join(c.dir, `join-${i}.txt`);
    await writeFile(list, concatList(parts));
    const part = await partPath(c, v.output);
    await run(concatArgs(list, { kind: 'track', path: join(c.dir, 'music.m4a') }, { duration: seconds, output: part }), `join ${i}`);
    await accept(c, i, part, seconds);
  }
}

async function renderFull(c: GroupCtx, members: number[]): Promise<void> {
  const { segments, shared, frames: bodyFrames, cardFrames } = await prepare(c, members);
  const sb = c.job.storyboard;
  const seconds = (bodyFrames + cardFrames) / FPS;
  const music = musicPlan(sb, c.job.assets);
  const tag = (label: string) => `${basename(c.dir)} ${label}`;
  members.forEach((i) => c.meter.plan(tag(`full ${i}`), bodyFrames + cardFrames * 0.4));
  const encodes: Promise<void>[] = [];
  await supervise(c, encodes, async () => {
    for (const i of members) {
      check(c);
      const v = c.job.variants[i]!;
      const png = join(c.dir, `card-${i}.png`);
      await prepareEndCard(sb, v.ctx, c.fmt, c.renderer, c.job.assets, png);
      const card: ScenePlan = { frames: cardFrames, fadeIn: 0, background: { kind: 'image', path: png }, motion: { kind: 'none' } };
      // The whole timeline in one encode: shared scenes as planned, each per-store scene as its still.
      const scenes: ScenePlan[] = [];
      for (const [k, seg] of segments.entries()) {
        if (seg.kind === 'shared') scenes.push(...shared.get(k)!);
        else {
          const still = join(c.dir, `scene${seg.scene}-${i}.png`);
          await prepareStoreScene(sb, seg.scene, v.ctx, c.fmt, c.renderer, c.job.assets, still);
          scenes.push({ frames: toFrames(sb.scenes[seg.scene]!.duration), fadeIn: 0, background: { kind: 'image', path: still }, motion: { kind: 'none' } });
        }
      }
      const part = await partPath(c, v.output);
      track(encodes, c.pool.run({ ...fullArgs([...scenes, card], music, { format: c.fmt, encoder: c.encoder, output: part }), label: tag(`full ${i}`) }).then(() => accept(c, i, part, seconds)));
    }
  });
}
