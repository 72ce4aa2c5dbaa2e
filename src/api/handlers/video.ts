import path from 'node:path';
import { buildVariantContext } from '../../compose/context.js';
import type { CallContext } from '../context.js';
import { findPost, postOf, StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
import type { videoMethods } from '../methods/video.js';
import type { VideoSize } from '../../video/args/encoder.js';
import { renderWorkspaceVideos, storyboardByChoice, storyboardForPost, videoRenderPath, type VariantVideo } from '../../video/workspace.js';
import { VIDEO_FORMATS } from '../../video/args/encoder.js';
import { workspaceVideoAssets } from '../../video/assets.js';
import { storyboardSeconds } from '../../video/storyboard.js';

function report(ctx: CallContext, v: VariantVideo) {
  return {
    post: v.post,
    group: v.group,
    store: v.store,
    size: v.size,
    path: path.relative(ctx.ws.dir, v.path).split(path.sep).join('/'),
    bytes: v.bytes,
    duration: v.probe.duration,
    width: v.probe.width,
    height: v.probe.height,
    template: v.template,
  };
}

async function render(ctx: CallContext, post: string, group: string, stores: string[], size: VideoSize) {
  const requests = stores.map((store) => ({ post, group, store, size, output: videoRenderPath(ctx.ws, post, group, store, size) }));
  const videos = await renderWorkspaceVideos(ctx.ws, requests, {
    signal: ctx.signal,
    renderer: ctx.services.layers(),
    // Progress as percent of the encoding work (ffmpeg's reported time against the expected length).
    onProgress: ctx.onProgress && ((p) => ctx.onProgress!({ done: Math.round(p.percent), total: 100, current: `${p.done}/${p.total} videos · ${p.current}` })),
  });
  return videos.map((v) => report(ctx, v));
}

/** The video methods: storyboard pictures for the preview; renders under renders/videos/, synchronously or as a job. */
export const videoHandlers: HandlersFor<typeof videoMethods> = {
  'video.storyboard': async ({ post, group, store, size, width, template }, ctx) => {
    const data = ctx.ws.data();
    const p = postOf(data, post);
    const sb = template ? storyboardByChoice(data, template) : storyboardForPost(data, p);
    const variant = buildVariantContext(data, p, group, store, ctx.services.compose);
    const frames = await ctx.services.storyboards().frames(sb.storyboard, variant, VIDEO_FORMATS[size], workspaceVideoAssets(ctx.ws), width);
    return {
      template: sb.template,
      total: storyboardSeconds(sb.storyboard),
      frames: frames.map(({ jpeg, ...f }) => ({ ...f, mime: 'image/jpeg' as const, base64: jpeg.toString('base64') })),
    };
  },
  'video.render': async ({ post, group, store, size }, ctx) => (await render(ctx, post, group, [store], size))[0]!,
  'video.renderStores': async ({ post, group, stores, size }, ctx) => ({ videos: await render(ctx, post, group, stores, size) }),
  'video.start': ({ post, group, stores, size }, ctx) => {
    // Unknown post, group type or store is refused now, not in the background.
    const data = ctx.ws.data();
    const p = findPost(data, post);
    for (const store of stores) buildVariantContext(data, p, group, store);
    const job = ctx.services.jobs.start('video', ({ signal, onProgress }) => render({ ...ctx, signal, onProgress }, post, group, stores, size).then((videos) => ({ videos })));
    return { job: job.id };
  },
};
