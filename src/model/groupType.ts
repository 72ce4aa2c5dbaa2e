import { z } from 'zod';
import { FORMATS, LEG_WEIGHTS } from './vocabulary.js';
import { Id, PosterSize } from './common.js';
import { GroupCaps } from './plan.js';

/** How hard the leg (conversion) pushes in a group type. */
export const LegWeight = z.enum(LEG_WEIGHTS);
export type LegWeight = z.infer<typeof LegWeight>;

/** A kind of WeChat group a store runs (neighbourhood, mothers, VIP...) and its content rules. */
export const GroupType = z.object({
  id: Id,
  name: z.string().min(1),
  description: z.string().default(''),
  tone: z.string().default(''),
  tip: z.string().default(''),
  rules: z.object({
    captionMaxLength: z.number().int().positive(),
    emojiAllowed: z.boolean(),
    legWeight: LegWeight,
    channels: z.array(Id).min(1, 'a group type posts to at least one channel'),
    formats: z.array(z.enum(FORMATS)).min(1),
    sizes: z.array(PosterSize).default(['9x16', '1x1', '3x4']),
  }),
  /** Send limits (per day, week, month); missing ones take the WeCom defaults (`capsOf`). */
  caps: GroupCaps.optional(),
});
export type GroupType = z.infer<typeof GroupType>;
