import type { VariantContext } from '../compose/types.js';
import type { VideoSize } from '../video/args/index.js';
import type { ResolvedTemplate } from '../compose/templates.js';
import type { PosterSize } from '../model/index.js';
import { outputKey } from '../workspace/hash.js';
import type { TemplateUse } from './manifest.js';

export { sharedLayerHint } from '../render/layout/poster-context.js';

export type { ResolvedTemplate };

/** Bump when QR images change for the same link (qr-2: drawn from the studio's own QR matrix; qr-3: same pixels, faster PNG compression). */
export const QR_VERSION = 'qr-3';
/** Side of qr.png in pixels. */
export const QR_PX = 600;

/** How a template version is named in the manifest (built-ins as `builtin:<id>`). */
export function templateUse(t: ResolvedTemplate): TemplateUse {
  return { kind: t.kind, id: t.builtin ? `builtin:${t.id}` : t.id, version: t.version, hash: t.hash };
}

/** One rendered file a variant needs: what to render and the key it is cached under. */
export type OutputSpec =
  | { kind: 'poster'; key: string; ext: '.jpg'; size: PosterSize; template: ResolvedTemplate }
  | { kind: 'qr'; key: string; ext: '.png'; link: string }
  | { kind: 'video'; key: string; ext: '.mp4'; size: VideoSize; template: ResolvedTemplate }
  | { kind: 'cover'; key: string; ext: '.jpg'; size: VideoSize; template: ResolvedTemplate };

/** What else a render depends on besides template and context: renderer and font versions. */
export interface RenderVersions {
  poster: string;
  video: string;
  fonts: string;
}

/**
 * The cache key of a poster: template version source, the variant context (stable key order),
 * the images it may draw (asset ids are content hashes), fonts, renderer version, size and format.
 */
export function posterKey(t: ResolvedTemplate, ctx: VariantContext, size: PosterSize, v: RenderVersions): string {
  return outputKey({ kind: 'poster', renderer: v.poster, fonts: v.fonts, template: { id: t.id, version: t.version, source: t.source }, ctx, size, format: 'jpg' });
}

/** The cache key of the standalone QR image: only the link (and the QR drawing version). */
export function qrKey(link: string): string {
  return outputKey({ kind: 'qr', version: QR_VERSION, px: QR_PX, link });
}

/** The cache key of a video: storyboard version source, context, fonts and video renderer version. */
export function videoKey(t: ResolvedTemplate, ctx: VariantContext, size: VideoSize, v: RenderVersions, format?: unknown): string {
  return outputKey({ kind: 'video', renderer: v.video, fonts: v.fonts, template: { id: t.id, version: t.version, source: t.source }, ctx, size, format: format ?? 'mp4' });
}

/** The cache key of a video's cover (cover.jpg, its first frame): the video's own key, as a cover. */
export function coverKey(videoKeyOf: string): string {
  return outputKey({ kind: 'cover', video: videoKeyOf });
}

/** The video size of a group type (one rule for packs, the editor's preview and the UI: src/model/video-size.ts). */
export { videoSizeFor } from '../model/video-size.js';
