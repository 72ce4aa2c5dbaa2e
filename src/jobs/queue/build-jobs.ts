import { existsSync } from 'node:fs';
import type { VariantContext } from '../../compose/types.js';
import { QR_PX, QR_VERSION, sharedLayerHint } from '../../pack/outputs.js';
import type { PendingOutput } from '../../pack/render-stage.js';
import type { VideoOverrides } from '../../pack/video-stage.js';
import { RENDERER_VERSION } from '../../render/renderer.js';
import { fontPaths } from '../../render/text/fonts.js';
import { posterAssetIds } from '../../render/workspace.js';
import { DEFAULT_ENCODER, VIDEO_FORMATS } from '../../video/args/index.js';
import { fileIn } from '../../video/assets.js';
import { CARD_BATCH, parseStoryboard, VIDEO_RENDERER_VERSION } from '../../video/index.js';
import { bodyKey, sceneTexts } from '../../video/plan.js';
import type { Storyboard } from '../../video/storyboard.js';
import { studioAssetsDir } from '../../workspace/builtin-files.js';
import { sha256 } from '../../workspace/hash.js';
import type { Workspace } from '../../workspace/types.js';
import type { QueueName } from './client.js';
import type { InputStager } from './inputs.js';
import type { InputRef, Place, RenderJobData, StorePart, Versions } from './protocol.js';

type PosterSpec = Extract<PendingOutput['spec'], { kind: 'poster' }>;

/** Stores of one body in one video job: whole card batches, so each card is encoded beside the same neighbours as in a local export. */
export const VIDEO_CHUNK = 4 * CARD_BATCH;
/** Posters that likely share a shared layer, in one job at most. */
export const POSTER_CHUNK = 16;

/** One job to queue, with the outputs it makes. */
export interface QueuedJob {
  /** BullMQ job id: the output's content key (a video job: the hash of its outputs' keys). */
  id: string;
  queue: QueueName;
  data: RenderJobData;
  outputs: PendingOutput[];
  label: string;
}

/** What jobs are built with. */
export interface JobEnv {
  ws: Workspace;
  stager: InputStager;
  place: Place;
  exportId: string;
  video?: VideoOverrides;
}

/** The code versions a job needs from its worker. */
export function jobVersions(): Versions {
  return { poster: RENDERER_VERSION, video: VIDEO_RENDERER_VERSION, qr: QR_VERSION };
}

/** A variant's own part of its context; the rest (brand, group type, channels, post) is shared by every store. */
export function storePart(ctx: VariantContext): StorePart {
  return { store: ctx.store as unknown as StorePart['store'], sections: { ...ctx.sections }, link: ctx.link, vars: { ...ctx.vars } };
}

const MIME: Record<string, string> = { '.m4a': 'audio/mp4', '.mp3': 'audio/mpeg', '.aac': 'audio/aac', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** Files a storyboard reads from the studio's assets/ folder: music and background pictures. */
function storyboardFiles(sb: Storyboard): string[] {
  const rels = new Set<string>();
  if (sb.music) rels.add(sb.music.track);
  for (const s of sb.scenes) if (s.background.kind === 'image' && s.background.asset) rels.add(s.background.asset);
  return [...rels];
}

/**
 * Turns the outputs an export lacks into queue jobs, staging their inputs once: one job per poster
 * and per QR image (job id = the output key), one per run of at most VIDEO_CHUNK stores that share
 * a video body, in the order a local export renders them.
 */
export async function buildJobs(pending: PendingOutput[], env: JobEnv): Promise<QueuedJob[]> {
  const { ws, stager } = env;
  const versions = jobVersions();
  const common = { export: env.exportId, place: env.place, versions };
  const paths = fontPaths();
  const fonts = { regular: await stager.file(paths.regular, 'font/ttf'), bold: await stager.file(paths.bold, 'font/ttf') };
  const sources = new Map<string, Promise<InputRef>>();
  const source = (text: string) => {
    let p = sources.get(text);
    if (!p) sources.set(text, (p = stager.blob(Buffer.from(text, 'utf8'), 'text/plain; charset=utf-8')));
    return p;
  };
  const sharedRefs = new Map<string, Promise<InputRef>>();
  const shared = (ctx: VariantContext) => {
    // Within one export, brand, group type, channels and post are the same objects for every store.
    const k = `${ctx.post.id}\u0000${ctx.group.id}`;
    let p = sharedRefs.get(k);
    if (!p) sharedRefs.set(k, (p = stager.blob(Buffer.from(JSON.stringify({ brand: ctx.brand, group: ctx.group, channels: ctx.channels, post: ctx.post, hook: ctx.hook }), 'utf8'), 'application/json')));
    return p;
  };
  const images = async (ctx: VariantContext) =>
    Promise.all(posterAssetIds(ctx).filter((id) => ws.assets.get(id)).map(async (id) => ({ id, name: ws.assets.get(id)!.name, ref: await stager.asset(ws, id) })));
  const where = (p: PendingOutput) => `${p.variant.ctx.store.id} ${p.variant.ctx.post.id}/${p.variant.ctx.group.id}`;

  const jobs: QueuedJob[] = [];
  const videos: PendingOutput[] = [];
  // Posters by what their shared layer is drawn from (template, size, post, group type, texts), in order of first appearance.
  const layers = new Map<string, PendingOutput[]>();
  for (const p of pending) {
    const s = p.spec;
    if (s.kind === 'video') videos.push(p);
    else if (s.kind === 'qr') jobs.push({ id: s.key, queue: 'posters', data: { kind: 'qr', ...common, key: s.key, link: s.link, px: QR_PX, fonts }, outputs: [p], label: `qr · ${where(p)}` });
    else {
      const c = p.variant.ctx;
      const k = JSON.stringify([s.template.id, s.template.version, s.template.source.length, s.size, c.post.id, c.group.id, sharedLayerHint(c)]);
      layers.set(k, [...(layers.get(k) ?? []), p]);
    }
  }
  for (const members of layers.values()) {
    for (let i = 0; i < members.length; i += POSTER_CHUNK) {
      const chunk = members.slice(i, i + POSTER_CHUNK);
      const first = chunk[0]!;
      if (first.spec.kind !== 'poster') continue;
      const t = first.spec.template;
      const items = await Promise.all(
        chunk.map(async (p) => ({ key: p.spec.key, size: (p.spec as PosterSpec).size, shared: await shared(p.variant.ctx), variant: storePart(p.variant.ctx), images: await images(p.variant.ctx) })),
      );
      jobs.push({
        id: chunk.length === 1 ? first.spec.key : sha256(chunk.map((p) => p.spec.key).join('\n')),
        queue: 'posters',
        data: { kind: 'poster', ...common, template: { id: t.id, version: t.version, source: await source(t.source) }, fonts, items },
        outputs: chunk,
        label: `poster ${first.spec.size} · ${where(first)}${chunk.length > 1 ? ` +${chunk.length - 1}` : ''}`,
      });
    }
  }

  // Videos: as src/video groups them (storyboard version × post × size, then stores sharing a body), in whole card batches.
  const groups = new Map<string, PendingOutput[]>();
  for (const p of videos) {
    if (p.spec.kind !== 'video') continue;
    const t = p.spec.template;
    const k = [t.id, t.version, p.variant.ctx.post.id, p.spec.size].join('\u0000');
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  for (const group of groups.values()) {
    const first = group[0]!.spec;
    if (first.kind !== 'video') continue;
    const sb = parseStoryboard(first.template.source, `video template "${first.template.id}" v${first.template.version}`);
    const fmt = env.video?.format ?? VIDEO_FORMATS[first.size];
    const bodies = new Map<string, PendingOutput[]>();
    for (const p of group) {
      const k = bodyKey(first.template.source, fmt, sceneTexts(sb, p.variant.ctx), p.variant.ctx);
      bodies.set(k, [...(bodies.get(k) ?? []), p]);
    }
    const files = [];
    for (const rel of storyboardFiles(sb)) {
      const path = fileIn(studioAssetsDir(), rel);
      if (existsSync(path)) files.push({ rel, ref: await stager.file(path, MIME[rel.slice(rel.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream') });
    }
    const template = { id: first.template.id, version: first.template.version, source: await source(first.template.source) };
    for (const members of bodies.values()) {
      for (let i = 0; i < members.length; i += VIDEO_CHUNK) {
        const chunk = members.slice(i, i + VIDEO_CHUNK);
        const seen = new Map<string, { id: string; name: string; ref: InputRef }>();
        for (const p of chunk) for (const img of await images(p.variant.ctx)) seen.set(img.id, img);
        const ctx = chunk[0]!.variant.ctx;
        jobs.push({
          id: sha256(chunk.map((p) => p.spec.key).join('\n')),
          queue: 'videos',
          data: {
            kind: 'video',
            ...common,
            template,
            size: first.size,
            ...(env.video?.format ? { format: env.video.format } : {}),
            threads: DEFAULT_ENCODER.threads,
            fonts,
            files,
            images: [...seen.values()],
            items: await Promise.all(chunk.map(async (p) => ({ key: p.spec.key, shared: await shared(p.variant.ctx), variant: storePart(p.variant.ctx) }))),
          },
          outputs: chunk,
          label: `video ${ctx.post.id}/${ctx.group.id} · ${chunk.length} store(s)`,
        });
      }
    }
  }
  return jobs;
}
