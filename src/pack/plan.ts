import { plan, type Plan, type PlanSelection } from '../compose/plan.js';
import type { StudioData } from '../model/index.js';

export type { PlannedVariant, StorePlan } from '../compose/plan.js';

/** What to export: posts and stores by id (omitted = the default selection), sizes, video on/off. */
export type PlanOptions = Pick<PlanSelection, 'posts' | 'stores' | 'sizes' | 'video'>;

/** The export's plan (compose's one planner, by store). */
export type ExportPlan = Plan;

/**
 * Plans an export with the one planner (src/compose/plan.ts): by default the posts marked ready for
 * every active store; drafts and archived posts ship only when named, inactive stores too.
 */
export function planExport(data: StudioData, opts: PlanOptions = {}): ExportPlan {
  return plan(data, { ...opts, defaultPosts: 'ready' });
}
