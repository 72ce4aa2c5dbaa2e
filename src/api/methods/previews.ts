import { z } from 'zod';
import { Id, Post, VIDEO_SIZES } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** What a template looks like for the sample variant: a small poster, or the caption text. */
const ThumbnailSchema = z.object({
  kind: z.enum(['poster', 'caption', 'video']),
  /** The content key the thumbnail is cached by (template source, sample post, store, brand, size). */
  key: z.string(),
  /** The sample it was made for (names for the card's caption). */
  sample: z.object({ post: z.string(), postTitle: z.string(), group: z.string(), groupName: z.string(), store: z.string(), storeName: z.string() }).optional(),
  image: z.object({ mime: z.string(), base64: z.string(), width: z.number().int(), height: z.number().int() }).optional(),
  text: z.string().optional(),
  /** A template mistake that kept the thumbnail from being made (the renderer's message). */
  note: z.string().optional(),
  /** True when there is no live post with an active store to show the template with yet. */
  noSample: z.boolean().optional(),
});

/** The finished preview video (what jobs.get returns for a videoPreview job). */
export const VideoPreviewResult = z.object({ key: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int(), duration: z.number(), cached: z.boolean() });

/** Previews made on demand and cached by content key: template thumbnails and the editor's playable preview video. */
export const previewMethods = defineMethods({
  'templates.thumbnail': {
    description:
      'A template as its gallery card shows it: a poster layout rendered small with a sample post and store (the demo post where there is one), a caption template as the text it writes for a sample group type and store. ' +
      'Cached by a key of everything it is made from; the approved version unless `version` is given.',
    input: z.object({ template: Id, version: z.number().int().positive().optional(), width: z.number().int().min(120).max(540).default(240) }).strict(),
    output: ThumbnailSchema,
  },
  'video.previewStart': {
    description:
      'Render a small low-resolution preview MP4 of one variant (a saved post or the unsaved one being edited) as a job: poll jobs.get for progress, jobs.cancel when the variant changes. ' +
      'Cached by content key: the same variant again is done at once. Fetch the file with video.preview.',
    /** `size`: by default the one the group type's packs get (1:1 where it exports no 9:16, as 社区群). */
    input: z.object({ post: z.union([Id, Post]), group: Id, store: Id, size: z.enum(VIDEO_SIZES).optional() }).strict(),
    output: z.object({ job: z.string(), key: z.string() }),
  },
  'video.preview': {
    description: 'The preview MP4 a finished video.previewStart job made, by its key, as base64 (small: a few hundred kB).',
    input: z.object({ key: z.string().regex(/^[a-f0-9]{40}$/) }).strict(),
    output: z.object({ mime: z.literal('video/mp4'), base64: z.string(), bytes: z.number().int() }),
  },
});
