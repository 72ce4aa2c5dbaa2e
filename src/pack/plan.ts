import { plan, type Plan, type PlanSelection } from '../compose/plan.js';
import type { StudioData } from '../model/index.js';

export type { PlannedVariant, StorePlan } from '../compose/plan.js';

/** What to export: posts and stores by id (omitted = the default selection), sizes, video on/off. */
export type PlanOptions = Pick<PlanSelection, 'posts' | 'stores' | 'sizes' | 'video'>;

/** The export's plan (compose's one planner, by store). */
export type ExportPlan = Plan;

/**
 * Plans an export with the one planner (src/compose/plan.ts): by default the posts marked ready and
 * valid at `now` (none expired, none not started yet) for every active store; drafts, archived posts
 * and posts not started yet ship only when named (expired ones never: the gate refuses them), inactive
 * stores only when named.
 */
export function planExport(data: StudioData, opts: PlanOptions = {}, now = Date.now()): ExportPlan {
  return plan(data, { ...opts, defaultPosts: 'ready', validAt: now });
}
