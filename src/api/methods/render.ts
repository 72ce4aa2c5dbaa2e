import { z } from 'zod';
import { Id, Post, PosterSize } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** One poster `render.posters` wrote. */
export const RenderedPosterFile = z.object({
  post: z.string(),
  group: z.string(),
  store: z.string(),
  size: PosterSize,
  /** Relative to the workspace folder (under renders/posters/), posix separators. */
  path: z.string(),
  template: z.object({ id: z.string(), version: z.number().int(), state: z.string(), builtin: z.boolean() }),
  notes: z.array(z.string()),
});

/** Poster rendering: the UI's live preview (one variant, one size) and batches of files (the CLI's `render`). */
export const renderMethods = defineMethods({
  'render.poster': {
    description:
      'Render one poster of a variant: a saved post (by id) or the unsaved post being edited, for a group type and store, in one size. ' +
      'Template: the given one, else the post\'s pin, else the default layout. Returns the image as base64, or writes it under renders/posters/ and returns the path.',
    input: z
      .object({
        post: z.union([Id, Post]),
        group: Id,
        store: Id,
        size: PosterSize.default('9x16'),
        template: z
          .object({
            id: Id,
            version: z.number().int().positive().optional(),
            /** Unsaved source of that template being edited: rendered in its place, always watermarked as a draft. */
            source: z.string().max(500_000).optional(),
          })
          .strict()
          .optional(),
        draft: z.boolean().default(false),
        format: z.enum(['jpg', 'png', 'webp']).default('jpg'),
        /** Scale the result down to this width (previews); the QR is checked on the full-size poster first. */
        width: z.number().int().min(120).max(1080).optional(),
        output: z.enum(['base64', 'file']).default('base64'),
      })
      .strict(),
    output: z.object({
      mime: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      base64: z.string().optional(),
      /** Relative to the workspace folder, when output is 'file'. */
      path: z.string().optional(),
      template: z.object({ id: z.string(), version: z.number().int(), state: z.string(), builtin: z.boolean() }),
      notes: z.array(z.string()),
      ms: z.number(),
    }),
  },
  'render.posters': {
    description:
      'Render the posters of a post for every store and group type it reaches (or one group type / store), one file per variant and size, under renders/posters/. ' +
      'Group types without a poster format are skipped unless named. Sizes: the given ones, else each group type\'s. Progress and cancel as a long call.',
    input: z
      .object({
        post: Id,
        group: Id.optional(),
        store: Id.optional(),
        sizes: z.array(PosterSize).min(1).optional(),
        format: z.enum(['jpg', 'png', 'webp']).default('jpg'),
        template: z.object({ id: Id, version: z.number().int().positive().optional() }).strict().optional(),
        draft: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      posters: z.array(RenderedPosterFile),
      failed: z.array(z.object({ post: z.string(), group: z.string(), store: z.string(), size: PosterSize, reason: z.string() })),
    }),
  },
});
