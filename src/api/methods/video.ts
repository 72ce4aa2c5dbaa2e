import { z } from 'zod';
import { Id, Post, VIDEO_SIZES } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** Video sizes: 1080×1920 (9x16, the default) and 1080×1080 (1x1). */
export const VideoSizeInput = z.enum(VIDEO_SIZES);

/** One rendered video as the api reports it (path relative to the workspace, posix separators). */
export const RenderedVideoSchema = z.object({
  post: z.string(),
  group: z.string(),
  store: z.string(),
  size: VideoSizeInput,
  path: z.string(),
  bytes: z.number().int(),
  duration: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  template: z.object({ id: z.string(), version: z.number().int(), builtin: z.boolean() }),
});

const RenderStores = z.object({ post: Id, group: Id, stores: z.array(Id).min(1).max(1000), size: VideoSizeInput.default('9x16') }).strict();

/** Short videos: a variant's MP4 under renders/videos/ (storyboard from the post's pin, else the built-in). */
export const videoMethods = defineMethods({
  'video.storyboard': {
    description:
      'The storyboard of a variant\'s video as pictures: the first frame of each scene and the store\'s end card, drawn as the video draws them, scaled to `width`, with their timing. ' +
      'For a saved post (by id) or the unsaved post being edited, with its own storyboard or a chosen (or unsaved) video template; nothing is written and no video is encoded.',
    input: z
      .object({
        post: z.union([Id, Post]),
        group: Id,
        store: Id,
        size: VideoSizeInput.default('9x16'),
        width: z.number().int().min(90).max(540).default(180),
        /** A video template version to draw instead of the post's own; with `source`, its unsaved text (the template screen's live preview). */
        template: z.object({ id: Id, version: z.number().int().positive().optional(), source: z.string().max(200_000).optional() }).strict().optional(),
      })
      .strict(),
    output: z.object({
      template: z.object({ id: z.string(), version: z.number().int(), builtin: z.boolean() }),
      total: z.number(),
      frames: z.array(
        z.object({
          kind: z.enum(['scene', 'endCard']),
          part: z.enum(['head', 'waist', 'leg']).optional(),
          start: z.number(),
          duration: z.number(),
          mime: z.literal('image/jpeg'),
          base64: z.string(),
        }),
      ),
    }),
  },
  'video.render': {
    description: 'Render the short video of one variant (post × group type × store) to renders/videos/; returns its path.',
    input: z.object({ post: Id, group: Id, store: Id, size: VideoSizeInput.default('9x16') }).strict(),
    output: RenderedVideoSchema,
  },
  'video.renderStores': {
    description: 'Render the short videos of many stores of one post × group type: the shared body is encoded once, each store adds only its end card.',
    input: RenderStores,
    output: z.object({ videos: z.array(RenderedVideoSchema) }),
  },
  'video.start': {
    description: 'video.renderStores as a background job: poll jobs.get for progress (percent of the encoding) and the result, jobs.cancel to stop it.',
    input: RenderStores,
    output: z.object({ job: z.string() }),
  },
});
