import { StudioError } from '../model/index.js';
import type { GroupType, Post, PosterSize, StoreOwner, StudioData, Template } from '../model/index.js';
import { PosterSize as PosterSizeSchema } from '../model/index.js';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** Display width of a text: CJK, full-width and emoji count 2, everything else 1 (what overflows a layout). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** A store chosen as a worst case and why. */
export interface WorstStore {
  store: StoreOwner;
  reasons: string[];
}

/** The worst cases a proof sheet renders a template against. */
export interface WorstCases {
  /** Longest store name, longest catchphrase (one store when it holds both). */
  stores: WorstStore[];
  /** The single worst store for captions (longest store name + catchphrase together). */
  captionStore: WorstStore;
  groups: GroupType[];
  sizes: PosterSize[];
  post: Post;
  /** Why this post: pinned to the template, longest text, or a sample. */
  postReason: string;
}

function widest<T>(items: readonly T[], width: (x: T) => number): T {
  // Ties keep the first, so the choice is stable for the same workspace.
  return items.reduce((a, b) => (width(b) > width(a) ? b : a));
}

function lexicalText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; name?: unknown; children?: unknown[]; root?: unknown };
  let out = typeof n.text === 'string' ? n.text : '';
  if (n.root) out += lexicalText(n.root);
  if (Array.isArray(n.children)) for (const c of n.children) out += lexicalText(c);
  return out;
}

/** Total display width of a post's visible text (title, product, offer, head, waist, leg). */
export function postTextWidth(p: Post): number {
  return displayWidth(p.title + p.product.name + p.offer + lexicalText(p.head) + lexicalText(p.waist) + lexicalText(p.leg));
}

function sampleDoc(text: string): Post['head'] {
  return { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } };
}

/** A stand-in post for workspaces without posts, so a proof can still be rendered. */
export function samplePost(): Post {
  return {
    id: 'proof-sample',
    title: '样稿 Proof sample',
    campaign: '',
    status: 'draft',
    head: sampleDoc('年夜饭桌上少不了的那一口，今天到店就能带回家。'),
    waist: sampleDoc('精选原料，小包装更新鲜，老人孩子都爱吃。'),
    leg: sampleDoc('扫码进云店下单，满 99 元立减 20 元，门店自提更方便。'),
    product: { name: '样品 Sample product', price: 99, unit: '盒' },
    offer: '满 99 元立减 20 元',
    vipBenefit: '',
    hooks: {},
    conversionUrl: 'https://example.com/proof-sample',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    groupTypes: [],
    templates: {},
  };
}

/**
 * Chooses the worst cases in the workspace for a template: the store with the longest name and the one
 * with the longest catchphrase (active stores first), every group type, every poster size, and the post
 * with the most text among those pinning the template (else among all posts, else a sample post).
 */
export function selectWorstCases(data: StudioData, template: Template): WorstCases {
  const active = data.stores.filter((s) => s.active);
  const pool = active.length ? active : data.stores;
  if (!pool.length) throw new StudioError('check_failed', `template "${template.id}": the workspace has no stores to render the proof against`, 'stores');
  if (!data.groupTypes.length) throw new StudioError('check_failed', `template "${template.id}": the workspace has no group types to render the proof against`, 'groupTypes');
  const byName = widest(pool, (s) => displayWidth(s.storeName));
  const byPhrase = widest(pool, (s) => displayWidth(s.catchphrase));
  const nameReason = `longest store name (${displayWidth(byName.storeName)} wide)`;
  const phraseReason = `longest catchphrase (${displayWidth(byPhrase.catchphrase)} wide)`;
  const stores: WorstStore[] =
    byName === byPhrase ? [{ store: byName, reasons: [nameReason, phraseReason] }] : [{ store: byName, reasons: [nameReason] }, { store: byPhrase, reasons: [phraseReason] }];
  const both = widest(pool, (s) => displayWidth(s.storeName) + displayWidth(s.catchphrase));
  const captionStore = { store: both, reasons: ['longest store name + catchphrase'] };
  const pinned = data.posts.filter((p) => Object.values(p.templates).some((pin) => pin?.template === template.id));
  const candidates = pinned.length ? pinned : data.posts;
  const post = candidates.length ? widest(candidates, postTextWidth) : samplePost();
  const postReason = !candidates.length ? 'sample post (the workspace has no posts)' : pinned.length ? 'the longest post using this template' : 'the longest post in the workspace';
  return { stores, captionStore, groups: data.groupTypes, sizes: [...PosterSizeSchema.options], post, postReason };
}
