import { capsOf } from '../../model/index.js';
import { addSlot, checkCadence, chinaDay, listSlots, moveSlot, removeSlots } from '../../plan/index.js';
import type { CallContext } from '../context.js';
import type { HandlersFor } from '../handler.js';
import type { planMethods } from '../methods/plan.js';

/** The cadence findings of the workspace as it is now, for today (the services' clock). */
function cadence(ctx: CallContext, post?: string) {
  return checkCadence(ctx.ws.data(), { today: chinaDay(ctx.services.clock()), post, cache: ctx.services.compose });
}

/** plan.*: send slots in studio.json; every change answers with the cadence findings it touches. */
export const planHandlers: HandlersFor<typeof planMethods> = {
  'plan.add': async (input, ctx) => {
    const slot = await ctx.ws.update((d) => addSlot(d, input));
    return { slot, findings: cadence(ctx).filter((f) => f.slots.includes(slot.id)) };
  },
  'plan.list': (filter, ctx) => {
    const data = ctx.ws.data();
    const slots = listSlots(data, filter);
    const shown = new Set(slots.map((s) => s.id));
    const findings = cadence(ctx, filter.post).filter((f) => f.slots.some((id) => shown.has(id)));
    return { slots, findings, caps: Object.fromEntries(data.groupTypes.map((g) => [g.id, capsOf(g)])), today: chinaDay(ctx.services.clock()) };
  },
  'plan.move': async ({ id, at, group }, ctx) => {
    const slot = await ctx.ws.update((d) => moveSlot(d, id, { at, group }));
    return { slot, findings: cadence(ctx).filter((f) => f.slots.includes(slot.id)) };
  },
  'plan.remove': async (which, ctx) => ({ removed: await ctx.ws.update((d) => removeSlots(d, which)) }),
};
