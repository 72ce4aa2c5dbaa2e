import { z } from 'zod';
import { EMOJI_POLICIES, FORMATS, LEG_WEIGHTS } from './vocabulary.js';
import { HexColor, Id, PosterSize } from './common.js';
import { GroupCaps } from './plan.js';

/** How hard the leg (conversion) pushes in a group type. */
export const LegWeight = z.enum(LEG_WEIGHTS);
export type LegWeight = z.infer<typeof LegWeight>;

/**
 * How a group type is spoken to and looks (the templates read it): how members are addressed, what
 * they care about, an accent colour and a badge for posters, and the emoji policy. Every field is
 * optional with a default, so a studio.json written before profiles loads unchanged.
 */
export const GroupProfile = z.object({
  /** How the owner addresses the members ("邻居们", "各位宝妈"). */
  address: z.string().max(20).default(''),
  /** What the members care about, one short phrase ("配料干净、适合孩子"). */
  cares: z.string().max(60).default(''),
  /** The poster accent of this group type (badge, rules, price), instead of the brand accent. */
  accent: HexColor.optional(),
  /** A short badge on posters ("邻里推荐", "会员专享"); empty: none. */
  badge: z.string().max(8).default(''),
  /** With emoji allowed: 'lively' keeps every emoji, 'sparing' only those that open a line (as bullets). */
  emoji: z.enum(EMOJI_POLICIES).default('lively'),
});
export type GroupProfile = z.infer<typeof GroupProfile>;

/** The profile a group type has when none was written. */
export const DEFAULT_GROUP_PROFILE: GroupProfile = { address: '', cares: '', badge: '', emoji: 'lively' };

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
  profile: GroupProfile.default(DEFAULT_GROUP_PROFILE),
});
export type GroupType = z.infer<typeof GroupType>;
