import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VariantContext } from '../compose/types.js';
import type { Workspace } from '../workspace/types.js';
import type { VideoFormat, VideoSize } from './args/encoder.js';
import { workspaceVideoAssets } from './assets.js';
import type { LayerRenderer } from './layers.js';
import { renderVariantVideos, type VideoProgress } from './render.js';
import type { ResolvedStoryboard } from './workspace.js';

/** Bump when preview videos of the same inputs change. */
export const PREVIEW_VERSION = 'preview-1';

/** The preview geometry: a quarter of the width (a phone-sized player); storyboards are timed at 30 fps. */
export const PREVIEW_FORMATS: Record<VideoSize, VideoFormat> = {
  '9x16': { width: 270, height: 480, fps: 30 },
  '1x1': { width: 360, height: 360, fps: 30 },
};

/** A finished preview video. */
export interface PreviewVideo {
  key: string;
  bytes: number;
  width: number;
  height: number;
  duration: number;
  /** True when it came from the cache. */
  cached: boolean;
}

/** The content key of a variant's preview: the storyboard source, size and everything the variant shows (asset ids are content hashes). */
export function previewKey(sb: Pick<ResolvedStoryboard, 'source'>, ctx: VariantContext, size: VideoSize): string {
  return createHash('sha256').update(JSON.stringify([PREVIEW_VERSION, sb.source, size, PREVIEW_FORMATS[size], ctx])).digest('hex').slice(0, 40);
}

/** Where previews are kept: renders/cache/previews/<key>.mp4 beside <key>.json. */
export function previewPath(ws: Workspace, key: string): string {
  return join(ws.paths.renders, 'cache', 'previews', `${key}.mp4`);
}

/**
 * Renders (or finds in the cache) the small preview MP4 of one variant: the same storyboard and
 * layers as the exported video, at a quarter of the size and a lower quality. Written to a
 * temporary name and renamed, so a cancelled preview leaves nothing behind.
 */
export async function renderPreviewVideo(
  ws: Workspace,
  sb: ResolvedStoryboard,
  ctx: VariantContext,
  size: VideoSize,
  opts: { signal?: AbortSignal; onProgress?: (p: VideoProgress) => void; renderer?: LayerRenderer },
): Promise<PreviewVideo> {
  const key = previewKey(sb, ctx, size);
  const file = previewPath(ws, key);
  const meta = file.replace(/\.mp4$/, '.json');
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(await readFile(meta, 'utf8')) as Omit<PreviewVideo, 'cached' | 'key'>;
    return { ...m, key, cached: true };
  }
  await mkdir(join(ws.paths.renders, 'cache', 'previews'), { recursive: true });
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp.mp4`;
  try {
    const [v] = await renderVariantVideos(
      { storyboard: sb.storyboard, source: sb.source, size, variants: [{ ctx, output: tmp }], assets: workspaceVideoAssets(ws) },
      { signal: opts.signal, onProgress: opts.onProgress, renderer: opts.renderer, format: PREVIEW_FORMATS[size], strategy: 'full', slots: 1, encoder: { crf: 30, threads: 1 } },
    );
    const out = { bytes: v!.bytes, width: v!.probe.width, height: v!.probe.height, duration: v!.probe.duration };
    await rename(tmp, file);
    await writeFile(meta, JSON.stringify(out));
    return { ...out, key, cached: false };
  } finally {
    await rm(tmp, { force: true });
  }
}
