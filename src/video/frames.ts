/**
 * The storyboard preview: each scene's first frame and the store's end card, drawn by the same
 * code that makes the video's images, scaled down. No ffmpeg runs, and pictures whose content did
 * not change are reused, so it can follow the editor (typing in the head redraws the head scene).
 */
import sharp from 'sharp';
import type { VariantContext } from '../compose/types.js';
import { LRUCache } from 'lru-cache';
import type { VideoFormat } from './args/encoder.js';
import type { LayerRenderer } from './layers.js';
import { previewStills, type VideoAssets } from './plan.js';
import type { Storyboard } from './storyboard.js';
import { FPS, toFrames } from './storyboard.js';

/** One picture of the storyboard. */
export interface StoryboardFrame {
  kind: 'scene' | 'endCard';
  /** The post part a scene shows (absent for the end card). */
  part?: 'head' | 'waist' | 'leg';
  /** Seconds from the start of the video, and how long it is on screen. */
  start: number;
  duration: number;
  /** JPEG, `width` pixels wide. */
  jpeg: Buffer;
}

/** Scaled storyboard pictures by content key and width (a few storyboards' worth): a head edit redraws only what changed. */
export type PictureMemo = LRUCache<string, Promise<Buffer>>;

/** A picture memo of the usual size (the workspace's services keep one for the storyboard preview). */
export function pictureMemo(): PictureMemo {
  return new LRUCache({ max: 48 });
}

/** Every scene's first frame and the end card, in order, with their timing; JPEGs `width` px wide. */
export async function storyboardFrames(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, renderer: LayerRenderer, assets: VideoAssets, width: number, pictures: PictureMemo = pictureMemo()): Promise<StoryboardFrame[]> {
  const jobs = await previewStills(sb, ctx, fmt, renderer, assets);
  const w = Math.min(width, fmt.width);
  const jpegs: Buffer[] = [];
  // One at a time: the layout is CPU work on this thread, and other requests (the poster preview) wait for it.
  for (const job of jobs) {
    const key = `${job.key}|${w}`;
    let p = pictures.get(key);
    if (!p) {
      p = job.draw().then((png) => sharp(png).resize({ width: w }).jpeg({ quality: 82 }).toBuffer());
      p.catch(() => pictures.delete(key));
      pictures.set(key, p);
    }
    jpegs.push(await p);
  }
  const out: StoryboardFrame[] = [];
  let frame = 0;
  for (const [i, scene] of sb.scenes.entries()) {
    out.push({ kind: 'scene', part: scene.part, start: frame / FPS, duration: scene.duration, jpeg: jpegs[i]! });
    frame += toFrames(scene.duration);
  }
  out.push({ kind: 'endCard', start: frame / FPS, duration: sb.endCard.duration, jpeg: jpegs.at(-1)! });
  return out;
}
