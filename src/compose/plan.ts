import { coded, findAll, findGroup, findPost, findStore, validityAt, type CodedText, type GroupType, type Post, type PosterSize, type StoreOwner, type StudioData } from '../model/index.js';

/** Which variants to make: posts, stores and group types by id (omitted = the defaults), sizes, video on/off. */
export interface PlanSelection {
  /** Posts by id; unknown ones are refused together. Default: see `defaultPosts`. */
  posts?: readonly string[];
  /** Stores by id (a named store is planned even when inactive); default: every active store. */
  stores?: readonly string[];
  /** Only these group types. */
  groups?: readonly string[];
  /** Only these poster sizes (∩ each group type's). */
  sizes?: readonly PosterSize[];
  /** False: no videos. */
  video?: boolean;
  /** The posts planned when none are named: those marked ready (export), or every post not archived (compose, check, render). */
  defaultPosts?: 'ready' | 'unarchived';
  /** With the default posts: only those valid at this instant (ms) — none expired, none not started yet (export). Named posts are planned whatever their dates. */
  validAt?: number;
}

/** One variant: a post for one group type of one store, with the outputs it needs. */
export interface PlannedVariant {
  post: Post;
  group: GroupType;
  store: StoreOwner;
  /** Poster sizes to render (empty when the group type has no poster format). */
  sizes: PosterSize[];
  video: boolean;
}

/** Every variant of one store. */
export interface StorePlan {
  store: StoreOwner;
  variants: PlannedVariant[];
}

/** THE plan of variants, by store (packs) and flat in post order (compose). */
export interface Plan {
  posts: Post[];
  stores: StorePlan[];
  /** The same variants, post by post, store by store. */
  variants: PlannedVariant[];
  /** Stores that get nothing (no group type in common with the chosen posts, or they run none). */
  /** Stores that get nothing, why (English) and the reason's code (src/model/messages). */
  empty: { store: string; reason: string; code?: string }[];
  counts: { stores: number; variants: number; posters: number; videos: number; qr: number };
}

/** The group types one post reaches in one store: the store's group types ∩ the post's (empty = all), in the store's order. */
export function groupTypesFor(data: Pick<StudioData, 'groupTypes'>, post: Post, store: StoreOwner, only?: ReadonlySet<string>): GroupType[] {
  const wanted = new Set(post.groupTypes);
  const out: GroupType[] = [];
  for (const id of new Set(store.groupTypes)) {
    const g = data.groupTypes.find((x) => x.id === id);
    if (g && (wanted.size === 0 || wanted.has(id)) && (!only || only.has(id))) out.push(g);
  }
  return out;
}

/**
 * Plans the variants of the chosen posts × stores: one per post × group type the store runs (∩ the
 * post's group types; a post with none reaches all) × size (the group type's sizes ∩ `sizes`), with
 * a video where the group type asks for one. Unknown ids are refused, naming them.
 */
export function plan(data: StudioData, sel: PlanSelection = {}): Plan {
  const posts = sel.posts?.length
    ? findAll(data.posts, sel.posts, 'post', 'posts')
    : data.posts.filter((p) => (sel.defaultPosts === 'ready' ? p.status === 'ready' : p.status !== 'archived') && (sel.validAt === undefined || validityAt(p, sel.validAt) === 'valid'));
  const stores = sel.stores?.length ? findAll(data.stores, sel.stores, 'store', 'stores') : data.stores.filter((s) => s.active);
  const groups = sel.groups?.length ? new Set(sel.groups) : undefined;
  const sizeFilter = sel.sizes?.length ? new Set(sel.sizes) : undefined;
  const storePlans: StorePlan[] = [];
  const empty: Plan['empty'] = [];
  const counts = { stores: 0, variants: 0, posters: 0, videos: 0, qr: 0 };
  const byStore: StorePlan[] = [];
  for (const store of stores) {
    const variants: PlannedVariant[] = [];
    for (const post of posts) {
      for (const group of groupTypesFor(data, post, store, groups)) {
        const formats = new Set(group.rules.formats);
        const sizes = formats.has('poster') ? group.rules.sizes.filter((s) => !sizeFilter || sizeFilter.has(s)) : [];
        const video = sel.video !== false && formats.has('video');
        variants.push({ post, group, store, sizes, video });
      }
    }
    byStore.push({ store, variants });
  }
  return assemble(posts, byStore);
}

/** A plan from its posts and each store's variants: stores without any are listed as empty, counts added up. */
function assemble(posts: Post[], byStore: readonly StorePlan[], emptyReason?: (store: StoreOwner) => CodedText | undefined): Plan {
  const storePlans: StorePlan[] = [];
  const empty: Plan['empty'] = [];
  const counts = { stores: 0, variants: 0, posters: 0, videos: 0, qr: 0 };
  for (const { store, variants } of byStore) {
    if (!variants.length) {
      const why = emptyReason?.(store) ?? coded(store.groupTypes.length ? 'plan.noTarget' : 'plan.noGroups');
      empty.push({ store: store.id, reason: why.message, code: why.code });
      continue;
    }
    storePlans.push({ store, variants });
    counts.variants += variants.length;
    for (const v of variants) {
      counts.posters += v.sizes.length;
      counts.videos += v.video ? 1 : 0;
      counts.qr += 1;
    }
  }
  counts.stores = storePlans.length;
  const order = new Map(posts.map((p, i) => [p.id, i]));
  const variants = storePlans.flatMap((s) => s.variants).sort((a, b) => order.get(a.post.id)! - order.get(b.post.id)!);
  return { posts, stores: storePlans, variants, empty, counts };
}

/**
 * The plan without the variants `drop` picks (e.g. those the export gate refused); a post left with
 * no variant leaves the plan, a store left with none is listed as empty.
 */
export function withoutVariants(p: Plan, drop: (v: PlannedVariant) => boolean): Plan {
  const byStore = p.stores.map((s) => ({ store: s.store, variants: s.variants.filter((v) => !drop(v)) }));
  const kept = new Set(byStore.flatMap((s) => s.variants.map((v) => v.post.id)));
  const dropped = new Set(p.stores.filter((s) => s.variants.some(drop)).map((s) => s.store.id));
  const plan = assemble(p.posts.filter((x) => kept.has(x.id)), byStore, (store) => (dropped.has(store.id) ? coded('plan.allRefused') : undefined));
  return { ...plan, empty: [...p.empty, ...plan.empty] };
}

/** Filters of compose (one post, group type or store; each must exist). */
export interface VariantFilter {
  post?: string;
  group?: string;
  store?: string;
}

/**
 * The variants compose makes: for each post (archived ones only when asked for by id), each active
 * store (or the one named), each group type the store runs that the post goes to. In post order.
 */
export function planVariants(data: StudioData, filter: VariantFilter = {}): PlannedVariant[] {
  if (filter.post) findPost(data, filter.post);
  if (filter.group) findGroup(data, filter.group);
  if (filter.store) findStore(data, filter.store);
  return plan(data, { posts: filter.post ? [filter.post] : undefined, stores: filter.store ? [filter.store] : undefined, groups: filter.group ? [filter.group] : undefined }).variants;
}
