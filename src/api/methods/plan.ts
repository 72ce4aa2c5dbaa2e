import { z } from 'zod';
import { Id, PlanSlot, SlotTime } from '../../model/index.js';
import { defineMethods } from '../define.js';
import { FindingSchema } from './compose.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** A slot with the post's title and the group type's name. */
export const SlotViewSchema = PlanSlot.extend({ title: z.string(), groupName: z.string() });
/** A cadence finding with the slots it concerns. */
export const CadenceFindingSchema = FindingSchema.extend({ slots: z.array(z.string()) });
const Caps = z.object({ perDay: z.number().int().nullable(), perWeek: z.number().int().nullable(), perMonth: z.union([z.number().int(), z.literal('days')]).nullable() });
const SlotAndFindings = z.object({ slot: PlanSlot, findings: z.array(CadenceFindingSchema) });

/** The send plan: slots per post × group type (date and time, China time) and the cadence findings. */
export const planMethods = defineMethods({
  'plan.add': {
    description: 'Plan a post for a group type at "YYYY-MM-DD HH:MM" (China time); returns the slot and the cadence findings that concern it.',
    input: z.object({ post: Id, group: Id, at: SlotTime }).strict(),
    output: SlotAndFindings,
    mutates: true,
  },
  'plan.list': {
    description: 'The slots in time order (dates inclusive), the cadence findings (with the slots they concern) and each group type\'s caps.',
    input: z.object({ from: Day.optional(), to: Day.optional(), post: Id.optional(), group: Id.optional() }).strict(),
    output: z.object({ slots: z.array(SlotViewSchema), findings: z.array(CadenceFindingSchema), caps: z.record(z.string(), Caps), today: z.string() }),
  },
  'plan.move': {
    description: 'Move a slot to another time (and group type): the calendar\'s drag.',
    input: z.object({ id: Id, at: SlotTime, group: Id.optional() }).strict(),
    output: SlotAndFindings,
    mutates: true,
  },
  'plan.remove': {
    description: 'Remove a slot by id, or the slots of a post (narrowed by group type and time).',
    input: z.object({ id: Id.optional(), post: Id.optional(), group: Id.optional(), at: SlotTime.optional() }).strict(),
    output: z.object({ removed: z.array(PlanSlot) }),
    mutates: true,
  },
});
