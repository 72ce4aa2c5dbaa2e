import { z } from 'zod';
import { CHANNEL_KINDS } from './vocabulary.js';
import { Id, PosterSize } from './common.js';

/** A place content is posted to (group message, WeChat Moments, short-video platforms). */
export const Channel = z.object({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(CHANNEL_KINDS),
  text: z.object({
    maxLength: z.number().int().positive(),
    titleMaxLength: z.number().int().positive().optional(),
    hashtags: z.number().int().min(0).default(0),
  }),
  images: z.object({
    min: z.number().int().min(0).default(0),
    max: z.number().int().min(0).default(9),
    sizes: z.array(PosterSize).default([]),
  }),
  video: z
    .object({
      minSeconds: z.number().positive(),
      maxSeconds: z.number().positive(),
    })
    .optional(),
});
export type Channel = z.infer<typeof Channel>;
