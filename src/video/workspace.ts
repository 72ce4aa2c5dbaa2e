/**
 * Video renders for a workspace: which storyboard a post uses, where videos go, and batches of
 * variants grouped so every post × storyboard × size shares its body encode.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildVariantContext } from '../compose/context.js';
import type { VariantContext } from '../compose/types.js';
import { findPost, StudioError } from '../model/index.js';
import type { Post, StudioData } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import type { VideoSize } from './args/encoder.js';
import { workspaceVideoAssets } from './assets.js';
import { builtinStoryboards } from './builtins.js';
import { renderVariantVideos, type RenderedVideo, type VideoOptions } from './render.js';
import { coverJpeg } from './plan.js';
import { createLayerRenderer } from './layers.js';
import { VIDEO_FORMATS } from './args/encoder.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { parseStoryboard, type Storyboard } from './storyboard.js';

/** The storyboard used when a post pins none. */
export const DEFAULT_STORYBOARD = 'warm-open';

/** A storyboard resolved for a post: parsed, with its source and where it came from. */
export interface ResolvedStoryboard {
  storyboard: Storyboard;
  source: string;
  template: { id: string; version: number; builtin: boolean };
}

/**
 * The storyboard of a post: its pinned video template version, else the workspace's latest
 * approved "warm-open", else the built-in one. A pin to a missing version is an error.
 */
export function storyboardForPost(data: StudioData, post: Post): ResolvedStoryboard {
  const pin = post.templates.video;
  if (pin) {
    const t = data.templates.find((x) => x.id === pin.template);
    if (!t || t.kind !== 'video') throw new StudioError('not_found', `post "${post.id}" pins video template "${pin.template}", which does not exist`, 'templates.video');
    const v = t.versions.find((x) => x.version === pin.version);
    if (!v) throw new StudioError('not_found', `post "${post.id}" pins video template "${t.id}" v${pin.version}, which does not exist`, 'templates.video');
    return { storyboard: parseStoryboard(v.source, `video template "${t.id}" v${v.version}`), source: v.source, template: { id: t.id, version: v.version, builtin: false } };
  }
  const t = data.templates.find((x) => x.id === DEFAULT_STORYBOARD && x.kind === 'video');
  const v = t?.versions.filter((x) => x.state === 'approved').sort((a, b) => b.version - a.version)[0];
  if (t && v) return { storyboard: parseStoryboard(v.source, `video template "${t.id}" v${v.version}`), source: v.source, template: { id: t.id, version: v.version, builtin: false } };
  const b = builtinStoryboards().find((x) => x.storyboard.id === DEFAULT_STORYBOARD)!;
  return { ...b, template: { id: DEFAULT_STORYBOARD, version: 1, builtin: true } };
}

/**
 * A chosen video template version (`version` absent: its latest approved, else its newest), or
 * with `source` that template's unsaved text. A missing template or a broken source is a
 * bad_input / not_found naming it.
 */
export function storyboardByChoice(data: StudioData, choice: { id: string; version?: number; source?: string }): ResolvedStoryboard {
  const t = data.templates.find((x) => x.id === choice.id && x.kind === 'video');
  const builtin = t ? undefined : builtinStoryboards().find((x) => x.storyboard.id === choice.id);
  if (!t && !builtin) throw new StudioError('not_found', `video template "${choice.id}" not found`, 'template');
  const versions = t?.versions ?? [{ version: 1, source: builtin!.source, state: 'approved' as const }];
  const v = choice.version
    ? versions.find((x) => x.version === choice.version)
    : ([...versions].sort((a, b) => b.version - a.version).find((x) => x.state === 'approved') ?? versions.at(-1));
  if (!v) throw new StudioError('not_found', `video template "${choice.id}" has no version ${choice.version}`, 'template');
  const source = choice.source ?? v.source;
  const label = `video template "${choice.id}" v${v.version}${choice.source !== undefined ? ' (unsaved)' : ''}`;
  let storyboard: Storyboard;
  try {
    storyboard = parseStoryboard(source, label);
  } catch (err) {
    throw new StudioError('bad_input', (err as Error).message, choice.source !== undefined ? 'template.source' : 'template');
  }
  return { storyboard, source, template: { id: choice.id, version: v.version, builtin: !t } };
}

/** Where the studio keeps a variant's rendered video: renders/videos/<post>/<group>/<store>-<size>.mp4. */
export function videoRenderPath(ws: Workspace, post: string, group: string, store: string, size: VideoSize): string {
  return path.join(ws.paths.renders, 'videos', post, group, `${store}-${size}.mp4`);
}

/** One variant to render and the file it goes to. */
export interface VariantVideoRequest {
  post: string;
  group: string;
  store: string;
  size?: VideoSize;
  output: string;
}

/** A rendered variant video with the storyboard it came from. */
export interface VariantVideo extends RenderedVideo {
  post: string;
  group: string;
  size: VideoSize;
  template: ResolvedStoryboard['template'];
}

/**
 * Renders many variants of a workspace: grouped by post × size (one job each; inside it stores
 * that share a body, usually all of a group type, encode the body once). Results keep request order.
 */
export async function renderWorkspaceVideos(ws: Workspace, requests: VariantVideoRequest[], opts: VideoOptions = {}): Promise<VariantVideo[]> {
  const data = ws.data();
  const assets = workspaceVideoAssets(ws);
  const jobs = new Map<string, number[]>();
  requests.forEach((r, i) => {
    const key = `${r.post}\u0000${r.size ?? '9x16'}`;
    jobs.set(key, [...(jobs.get(key) ?? []), i]);
  });
  const out: VariantVideo[] = new Array(requests.length);
  let done = 0;
  for (const members of jobs.values()) {
    const first = requests[members[0]!]!;
    const post = findPost(data, first.post);
    const sb = storyboardForPost(data, post);
    const size = first.size ?? '9x16';
    const variants = members.map((i) => ({ ctx: contextOf(data, post, requests[i]!), output: requests[i]!.output }));
    const videos = await renderVariantVideos(
      { storyboard: sb.storyboard, source: sb.source, size, variants, assets },
      { ...opts, onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, done: done + p.done, total: requests.length })) },
    );
    videos.forEach((v, k) => {
      const r = requests[members[k]!]!;
      out[members[k]!] = { ...v, post: r.post, group: r.group, size, template: sb.template };
    });
    done += members.length;
  }
  return out;
}

function contextOf(data: StudioData, post: Post, r: VariantVideoRequest): VariantContext {
  return buildVariantContext(data, post, r.group, r.store);
}

/** One video an exporter needs: the variant, the storyboard version it pins, where the MP4 goes. */
export interface VideoItem {
  key: string;
  ctx: VariantContext;
  template: { id: string; version: number; source: string };
  output: string;
  size?: VideoSize;
}

/**
 * Renders an exporter's videos (src/pack): grouped by storyboard version × post × size so each
 * group encodes its body once. A group that fails marks each of its keys with the error; a
 * cancel is thrown. Returns the failures by key (empty when all were written).
 */
export async function renderVideoItems(ws: Workspace, items: VideoItem[], opts: VideoOptions = {}): Promise<Map<string, Error>> {
  const assets = workspaceVideoAssets(ws);
  const groups = new Map<string, VideoItem[]>();
  for (const it of items) {
    const key = [it.template.id, it.template.version, it.ctx.post.id, it.size ?? '9x16'].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  const errors = new Map<string, Error>();
  let done = 0;
  for (const group of groups.values()) {
    const t = group[0]!.template;
    try {
      const storyboard = parseStoryboard(t.source, `video template "${t.id}" v${t.version}`);
      await renderVariantVideos(
        { storyboard, source: t.source, size: group[0]!.size ?? '9x16', assets, variants: group.map((it) => ({ ctx: it.ctx, output: it.output })) },
        { ...opts, onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, done: done + p.done, total: items.length })) },
      );
    } catch (err) {
      if (err instanceof StudioError && err.code === 'cancelled') throw err;
      for (const it of group) errors.set(it.key, err instanceof Error ? err : new Error(String(err)));
    }
    done += group.length;
  }
  return errors;
}

/**
 * Writes each item's cover (cover.jpg beside its video: the first frame, the hook scene as the
 * encoder draws it for that store) to its output path, atomically. Returns the failures by key; a
 * cancel is thrown.
 */
export async function renderVideoCovers(ws: Workspace, items: VideoItem[], opts: Pick<VideoOptions, 'signal' | 'format' | 'renderer'> = {}): Promise<Map<string, Error>> {
  const assets = workspaceVideoAssets(ws);
  const renderer = opts.renderer ?? createLayerRenderer();
  const errors = new Map<string, Error>();
  for (const it of items) {
    if (opts.signal?.aborted) throw new StudioError('cancelled', 'video covers cancelled');
    try {
      const storyboard = parseStoryboard(it.template.source, `video template "${it.template.id}" v${it.template.version}`);
      const jpeg = await coverJpeg(storyboard, it.ctx, opts.format ?? VIDEO_FORMATS[it.size ?? '9x16'], renderer, assets);
      await mkdir(path.dirname(it.output), { recursive: true });
      await writeFileAtomic(it.output, jpeg);
    } catch (err) {
      errors.set(it.key, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return errors;
}
