import { z } from 'zod';
import { REVIEW_STATES, TEMPLATE_KINDS } from './vocabulary.js';
import { Id, IsoDate } from './common.js';

/** Review states of one template version (see src/review). */
export const ReviewState = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewState>;

/** One immutable-once-approved version of a template. */
export const TemplateVersion = z.object({
  version: z.number().int().positive(),
  source: z.string(),
  createdAt: IsoDate,
  createdBy: z.string().default('system'),
  state: ReviewState,
  comments: z
    .array(z.object({ by: z.string(), at: IsoDate, text: z.string(), action: z.string() }))
    .default([]),
  hash: z.string().default(''),
});
export type TemplateVersion = z.infer<typeof TemplateVersion>;

/** A caption, poster or video template with its versions. */
export const Template = z.object({
  id: Id,
  kind: z.enum(TEMPLATE_KINDS),
  name: z.string().min(1),
  description: z.string().default(''),
  versions: z.array(TemplateVersion).min(1),
});
export type Template = z.infer<typeof Template>;
export type TemplateKind = Template['kind'];
