import { StudioError } from '../model/index.js';
import type { GroupType, Post, PosterSize, StoreOwner, StudioData } from '../model/index.js';

/** What to export: posts and stores by id (omitted = default selection), sizes, video on/off. */
export interface PlanOptions {
  posts?: string[];
  stores?: string[];
  sizes?: PosterSize[];
  video?: boolean;
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

/** Every variant of one store's pack. */
export interface StorePlan {
  store: StoreOwner;
  variants: PlannedVariant[];
}

/** The whole export plan. */
export interface ExportPlan {
  posts: Post[];
  stores: StorePlan[];
  /** Stores that get no pack (no group type in common with the chosen posts, or runs none). */
  empty: { store: string; reason: string }[];
  counts: { stores: number; variants: number; posters: number; videos: number; qr: number };
}

/**
 * The default post selection: posts marked `ready`. Drafts and archived posts ship only when named.
 */
export function defaultPosts(data: StudioData): Post[] {
  return data.posts.filter((p) => p.status === 'ready');
}

function pick<T extends { id: string }>(all: readonly T[], ids: string[] | undefined, what: string, field: string): T[] | undefined {
  if (!ids?.length) return undefined;
  const byId = new Map(all.map((x) => [x.id, x]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new StudioError('not_found', `unknown ${what}: ${unknown.map((u) => `"${u}"`).join(', ')}`, field);
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** The group types one post reaches in one store: the store's group types ∩ the post's (empty = all). */
export function groupTypesFor(data: StudioData, post: Post, store: StoreOwner): GroupType[] {
  const wanted = new Set(post.groupTypes);
  const byId = new Map(data.groupTypes.map((g) => [g.id, g]));
  const out: GroupType[] = [];
  for (const id of new Set(store.groupTypes)) {
    const g = byId.get(id);
    if (g && (wanted.size === 0 || wanted.has(id))) out.push(g);
  }
  return out;
}

/**
 * Plans an export: for the chosen posts × stores, one variant per post × group type the store runs
 * (∩ the post's group types; a post with none reaches all) × size (the group type's sizes ∩ `sizes`).
 * Inactive stores are skipped unless named. Unknown ids are refused, naming them.
 */
export function planExport(data: StudioData, opts: PlanOptions = {}): ExportPlan {
  const posts = pick(data.posts, opts.posts, 'post', 'posts') ?? defaultPosts(data);
  const stores = pick(data.stores, opts.stores, 'store', 'stores') ?? data.stores.filter((s) => s.active);
  const sizeFilter = opts.sizes?.length ? new Set(opts.sizes) : undefined;
  const plans: StorePlan[] = [];
  const empty: ExportPlan['empty'] = [];
  const counts = { stores: 0, variants: 0, posters: 0, videos: 0, qr: 0 };
  for (const store of stores) {
    const variants: PlannedVariant[] = [];
    for (const post of posts) {
      for (const group of groupTypesFor(data, post, store)) {
        const formats = new Set(group.rules.formats);
        const sizes = formats.has('poster') ? group.rules.sizes.filter((s) => !sizeFilter || sizeFilter.has(s)) : [];
        const video = opts.video !== false && formats.has('video');
        variants.push({ post, group, store, sizes, video });
        counts.posters += sizes.length;
        counts.videos += video ? 1 : 0;
        counts.qr += 1;
      }
    }
    if (!variants.length) {
      const reason = store.groupTypes.length ? 'no chosen post targets its group types' : 'the store runs no group type';
      empty.push({ store: store.id, reason });
      continue;
    }
    plans.push({ store, variants });
    counts.variants += variants.length;
  }
  counts.stores = plans.length;
  return { posts, stores: plans, empty, counts };
}
