import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { VariantContext } from '../compose/types.js';
import { VIDEO_FORMATS, type VideoSize } from '../video/args/encoder.js';
import type { ScenePlan } from '../video/args/scenes.js';
import type { LayerRenderer } from '../video/layers.js';
import { prepareBody, prepareEndCard, sceneTexts, type VideoAssets } from '../video/plan.js';
import { parseStoryboard } from '../video/storyboard.js';
import type { ProofSubject } from './proof.js';

/** One still of a storyboard for the proof sheet. */
export interface VideoStill {
  label: string;
  image: Buffer;
}

/** The first frame of a scene as the video shows it (background with its text/image layer). */
async function sceneStill(plan: ScenePlan, width: number, height: number): Promise<Buffer> {
  const canvas =
    plan.background.kind === 'color'
      ? sharp({ create: { width, height, channels: 3, background: plan.background.color } })
      : sharp(await sharp(plan.background.path).resize(width, height, { fit: 'cover' }).toBuffer());
  const out = plan.layer ? canvas.composite([{ input: plan.layer.path, left: plan.layer.x, top: plan.layer.y }]) : canvas;
  return out.jpeg({ quality: 85 }).toBuffer();
}

/**
 * The stills a manager needs to judge a storyboard for one variant: each scene's text layers over
 * its background (9:16), and the store's end card in both video sizes (portrait and square lay it
 * out differently). Drawn with the video stage's own functions, so they match the encoded video.
 */
export async function storyboardStills(t: ProofSubject, ctx: VariantContext, renderer: LayerRenderer, assets: VideoAssets): Promise<VideoStill[]> {
  const sb = parseStoryboard(t.source, `video template "${t.id}" v${t.version}`);
  const texts = sceneTexts(sb, ctx);
  const dir = await mkdtemp(join(tmpdir(), 'shequn-proof-'));
  try {
    const fmt = VIDEO_FORMATS['9x16'];
    const plans = await prepareBody(sb, ctx, texts, fmt, renderer, assets, dir);
    const stills: VideoStill[] = [];
    for (const [i, plan] of plans.entries()) {
      const scene = sb.scenes[i]!;
      stills.push({ label: `scene ${i + 1} · ${scene.part} · ${scene.duration}s`, image: await sceneStill(plan, fmt.width, fmt.height) });
    }
    for (const size of Object.keys(VIDEO_FORMATS) as VideoSize[]) {
      const file = join(dir, `end-${size}.png`);
      await prepareEndCard(sb, ctx, VIDEO_FORMATS[size], renderer, assets, file);
      stills.push({ label: `end card ${size} · ${sb.endCard.duration}s`, image: await sharp(file).jpeg({ quality: 85 }).toBuffer() });
    }
    return stills;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
