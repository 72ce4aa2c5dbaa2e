import sharp from 'sharp';
import type { VariantContext } from '../compose/types.js';
import { VIDEO_FORMATS } from '../video/args/encoder.js';
import type { LayerRenderer } from '../video/layers.js';
import { endCardRaster, previewStills, type VideoAssets } from '../video/plan.js';
import { parseStoryboard } from '../video/storyboard.js';
import type { ProofSubject } from './proof.js';

/** One still of a storyboard for the proof sheet. */
export interface VideoStill {
  label: string;
  image: Buffer;
}

/**
 * The stills a manager needs to judge a storyboard for one variant: each scene's first frame
 * (9:16), and the store's end card in both video sizes (portrait and square lay it out
 * differently). Drawn with the video stage's own functions (the same pictures as the editor's
 * storyboard preview), so they match the encoded video.
 */
export async function storyboardStills(t: ProofSubject, ctx: VariantContext, renderer: LayerRenderer, assets: VideoAssets): Promise<VideoStill[]> {
  const sb = parseStoryboard(t.source, `video template "${t.id}" v${t.version}`);
  const jpeg = (png: Buffer) => sharp(png).jpeg({ quality: 85 }).toBuffer();
  const pictures = await previewStills(sb, ctx, VIDEO_FORMATS['9x16'], renderer, assets);
  const stills: VideoStill[] = [];
  for (const [i, scene] of sb.scenes.entries()) stills.push({ label: `scene ${i + 1} · ${scene.part} · ${scene.duration}s`, image: await jpeg(await pictures[i]!.draw()) });
  stills.push({ label: `end card 9x16 · ${sb.endCard.duration}s`, image: await jpeg(await pictures.at(-1)!.draw()) });
  const square = await endCardRaster(sb, ctx, VIDEO_FORMATS['1x1'], renderer, assets);
  const raw = { width: square.width, height: square.height, channels: square.channels };
  stills.push({ label: `end card 1x1 · ${sb.endCard.duration}s`, image: await sharp(square.data, { raw }).jpeg({ quality: 85 }).toBuffer() });
  return stills;
}
