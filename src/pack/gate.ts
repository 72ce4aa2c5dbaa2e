import type { ComposeCache } from '../compose/cache.js';
import { readPost } from '../compose/compose.js';
import { checkFormats, checkPins, checkPost, checkValidity, dedupeFindings, finding, type Finding } from '../compose/checks/index.js';
import { withoutVariants, type Plan, type PlannedVariant } from '../compose/plan.js';
import type { StudioData } from '../model/index.js';

/** A finding as the export reports a refusal: the rule, the field it concerns, the term (Advertising-Law findings). */
export interface GateFinding {
  rule: string;
  severity: 'error' | 'warning';
  field: string;
  term?: string;
  section?: string;
  channel?: string;
  store?: string;
  group?: string;
  excerpt?: string;
  message: { zh: string; en: string };
}

/** A post the gate kept out of some (or all) packs, with why. */
export interface RefusedPost {
  post: string;
  title: string;
  /** How many planned variants (store × group type) were refused. */
  variants: number;
  stores: string[];
  groups: string[];
  findings: GateFinding[];
}

/** The field a finding concerns, always named: its own, else the section, channel or caption it is about. */
function fieldOf(f: Finding): string {
  if (f.field) return f.field;
  if (f.section) return `post.${f.section}`;
  if (f.channel) return `channel.${f.channel}`;
  return f.ruleId.startsWith('caption') ? 'caption' : 'post';
}

/** A check finding as the export reports it. */
export function gateFinding(f: Finding): GateFinding {
  return {
    rule: f.ruleId,
    severity: f.severity,
    field: fieldOf(f),
    ...(f.term ? { term: f.term } : {}),
    ...(f.section ? { section: f.section } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.store ? { store: f.store } : {}),
    ...(f.group ? { group: f.group } : {}),
    ...(f.excerpt ? { excerpt: f.excerpt } : {}),
    message: f.message,
  };
}

/** The refusals of one export, collected post by post (variants refused before composing and while composing). */
export class Refusals {
  private readonly byPost = new Map<string, { title: string; variants: number; stores: Set<string>; groups: Set<string>; findings: Finding[] }>();
  /** Posts refused whatever the store (their own errors: expired, Advertising-Law terms, unapproved templates). */
  private readonly wholePosts = new Set<string>();
  /** Refused store × post × group type variants. */
  private readonly cells = new Set<string>();

  /**
   * Records refused variants and the error findings that refused them. `withdraw`: what packs
   * already on disk must no longer carry — `post`: the post itself is unfit for any store (its own
   * errors); `variants`: these store variants (the store's own words); `none`: nothing is wrong with
   * what was shipped before (a format this export asks for and the post lacks).
   */
  add(variants: readonly PlannedVariant[], findings: readonly Finding[], withdraw: 'variants' | 'post' | 'none' = 'variants'): void {
    for (const v of variants) {
      if (withdraw !== 'none') this.cells.add(`${v.store.id}\u0000${v.post.id}\u0000${v.group.id}`);
      if (withdraw === 'post') this.wholePosts.add(v.post.id);
      let r = this.byPost.get(v.post.id);
      if (!r) this.byPost.set(v.post.id, (r = { title: v.post.title, variants: 0, stores: new Set(), groups: new Set(), findings: [] }));
      r.variants++;
      r.stores.add(v.store.id);
      r.groups.add(v.group.id);
    }
    const post = variants[0]?.post.id;
    if (post) this.byPost.get(post)!.findings.push(...findings);
  }

  /** Whether this export refused what a pack's entry (store × post × group type) holds: such an entry is withdrawn from packs on disk. */
  covers(store: string, post: string, group: string): boolean {
    return this.wholePosts.has(post) || this.cells.has(`${store}\u0000${post}\u0000${group}`);
  }

  /** Refused variants in all. */
  get variants(): number {
    let n = 0;
    for (const r of this.byPost.values()) n += r.variants;
    return n;
  }

  /** One entry per refused post, findings repeated across variants listed once. */
  list(): RefusedPost[] {
    return [...this.byPost.entries()].map(([post, r]) => ({
      post,
      title: r.title,
      variants: r.variants,
      stores: [...r.stores].sort(),
      groups: [...r.groups].sort(),
      findings: dedupeFindings(r.findings).map(gateFinding),
    }));
  }
}

/** The findings that refuse a planned variant: errors, leaving out formats this export does not make (--no-video, sizes). */
export function refusing(findings: readonly Finding[], v: Pick<PlannedVariant, 'sizes' | 'video'>): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !(f.ruleId === 'format.poster_missing' && !v.sizes.length) && !(f.ruleId === 'format.video_missing' && !v.video));
}

/** Post-level errors: expired at `now`, head/waist/leg unreadable or missing, Advertising-Law terms in the post, pinned templates not approved. */
function postErrors(data: StudioData, post: PlannedVariant['post'], now: number, cache: ComposeCache): Finding[] {
  const sections = readPost(post, cache);
  const content =
    sections instanceof Error
      ? [finding('error', 'section.unreadable', `无法读取：${sections.message}`, `Cannot read: ${sections.message}`, { post: post.id })]
      : checkPost(post, sections, cache.adLaw());
  return [...checkValidity(post, now), ...content, ...checkPins(data, post)].filter((f) => f.severity === 'error');
}

/**
 * The export gate before anything is composed or written: the checks that do not depend on a store
 * (the same as `shequn check`'s, plus validity at `now`) per post, and the formats each group type
 * asks for per post × group type. Returns the plan without the refused variants; the refusals go
 * into `refusals`. Store-dependent checks run when each variant is composed (pack/store-build.ts).
 */
export function gatePlan(data: StudioData, plan: Plan, now: number, cache: ComposeCache, refusals: Refusals): Plan {
  const refused = new Set<PlannedVariant>();
  for (const post of plan.posts) {
    const variants = plan.variants.filter((v) => v.post.id === post.id);
    if (!variants.length) continue;
    const errors = postErrors(data, post, now, cache);
    if (errors.length) {
      refusals.add(variants, errors, 'post');
      for (const v of variants) refused.add(v);
      continue;
    }
    const byGroup = new Map<string, PlannedVariant[]>();
    for (const v of variants) byGroup.set(v.group.id, [...(byGroup.get(v.group.id) ?? []), v]);
    for (const list of byGroup.values()) {
      const missing = refusing(checkFormats(post, list[0]!.group), list[0]!);
      if (!missing.length) continue;
      refusals.add(list, missing, 'none');
      for (const v of list) refused.add(v);
    }
  }
  return refused.size ? withoutVariants(plan, (v) => refused.has(v)) : plan;
}
