import { z } from 'zod';
import { POST_STATUSES } from './vocabulary.js';
import { AssetId, HttpUrl, Id, IsoDate } from './common.js';

/** A serialized Lexical editor state (root node with children). */
export const LexicalDoc = z.object({
  root: z.object({ type: z.literal('root'), children: z.array(z.any()) }).passthrough(),
});
export type LexicalDoc = z.infer<typeof LexicalDoc>;

/** A pinned template version. */
export const TemplatePin = z.object({ template: Id, version: z.number().int().positive() });

/** A post: written once by the central team, shipped as many variants. */
export const Post = z.object({
  id: Id,
  title: z.string().min(1, 'the post needs a title'),
  campaign: z.string().default(''),
  status: z.enum(POST_STATUSES).default('draft'),
  head: LexicalDoc,
  waist: LexicalDoc,
  leg: LexicalDoc,
  product: z.object({
    name: z.string().min(1),
    price: z.number().nonnegative(),
    originalPrice: z.number().nonnegative().optional(),
    unit: z.string().default(''),
    image: AssetId.optional(),
    /** The part of the product image no text may cover (its label), as fractions of the image (0..1). */
    safeArea: z
      .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), w: z.number().positive().max(1), h: z.number().positive().max(1) })
      .optional(),
  }),
  offer: z.string().default(''),
  /** What VIP members get beyond the group price ("会员第 2 盒 8 折"); only then may a text promise 专属福利. */
  vipBenefit: z.string().max(80).default(''),
  /** How many are offered (限量): only with a limit may a text say 名额有限 / 限量. */
  limit: z.number().int().positive().optional(),
  /** An opening line per group type id (its hook for that group); a group without one uses the head. */
  hooks: z.record(Id, z.string().max(120)).default({}),
  conversionUrl: HttpUrl,
  validFrom: IsoDate,
  validUntil: IsoDate,
  groupTypes: z.array(Id).default([]),
  templates: z.object({
    caption: TemplatePin.optional(),
    poster: TemplatePin.optional(),
    video: TemplatePin.optional(),
  }),
  updatedAt: IsoDate.optional(),
});
export type Post = z.infer<typeof Post>;
export type TemplatePin = z.infer<typeof TemplatePin>;
