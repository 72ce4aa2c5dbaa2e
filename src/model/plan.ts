import { z } from 'zod';
import { Id } from './common.js';

/** A send time as people write it in China time: `YYYY-MM-DD HH:MM` (a real date, 00:00–23:59). */
export const SlotTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'must be "YYYY-MM-DD HH:MM" (China time), e.g. "2027-01-20 06:20"')
  .refine((s) => isRealSlotTime(s), 'is not a real date and time (month 01–12, day of that month, 00:00–23:59)');

/** True when `YYYY-MM-DD HH:MM` names a day that exists and a time of day. */
export function isRealSlotTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** One planned send: a post goes to one group type at a date and time. */
export const PlanSlot = z.object({
  id: Id,
  post: Id,
  group: Id,
  at: SlotTime,
});
export type PlanSlot = z.infer<typeof PlanSlot>;

/** The plan: every send slot, per post × group type (studio.json `plan`). */
export const SendPlan = z.object({ slots: z.array(PlanSlot).default([]) });
export type SendPlan = z.infer<typeof SendPlan>;

/**
 * How often one group type may be sent to: per day, per ISO week (Monday–Sunday), per calendar
 * month (`"days"` = the month's number of days). `null` switches a limit off.
 */
export const GroupCaps = z.object({
  perDay: z.number().int().positive().nullable().optional(),
  perWeek: z.number().int().positive().nullable().optional(),
  perMonth: z.union([z.number().int().positive(), z.literal('days')]).nullable().optional(),
});
export type GroupCaps = z.infer<typeof GroupCaps>;

/** Caps with every limit decided (what the cadence check applies). */
export interface ResolvedCaps {
  perDay: number | null;
  perWeek: number | null;
  perMonth: number | 'days' | null;
}

/**
 * The defaults, from WeCom's rules for customer-group mass messages (客户群群发): at most one per
 * group per day, and per month no more than the month's days. The weekly limit is off by default;
 * WeCom's "7 per week" option is `perWeek: 7` (usually with `perDay: null`).
 */
export const DEFAULT_CAPS: ResolvedCaps = { perDay: 1, perWeek: null, perMonth: 'days' };

/** A group type's caps: its own where set, the defaults elsewhere. */
export function capsOf(group: { caps?: GroupCaps }): ResolvedCaps {
  const c = group.caps ?? {};
  return {
    perDay: c.perDay === undefined ? DEFAULT_CAPS.perDay : c.perDay,
    perWeek: c.perWeek === undefined ? DEFAULT_CAPS.perWeek : c.perWeek,
    perMonth: c.perMonth === undefined ? DEFAULT_CAPS.perMonth : c.perMonth,
  };
}
