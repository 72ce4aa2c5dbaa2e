import { StudioError, findGroup, findStore } from '../model/index.js';
import type { Channel, GroupType, Post, StoreOwner, StudioData } from '../model/index.js';
import { formatDate, formatPrice } from './format.js';
import { buildTrackingLink } from './link.js';
import type { ComposeCache } from './cache.js';
import { readSection, sectionDisplay, sectionSource, type SectionLines } from './sections.js';
import { createTemplateEngine } from './handlebars/index.js';
import { applyEmojiPolicy } from '../model/text.js';
import type { SectionName, Sections, VariantContext } from './types.js';

/** The three sections in order. */
export const SECTION_NAMES: readonly SectionName[] = ['head', 'waist', 'leg'];

/** One section of a post in its three forms. */
export interface PostSection {
  lines: SectionLines;
  /** The Handlebars source rendered per variant. */
  source: string;
  /** The text as the editor shows it (variables as `{{vars.x}}`): positions of findings refer to it. */
  display: string;
}

/** Reads head, waist and leg of a post (Lexical → lines → source/display). */
export function postSections(post: Pick<Post, 'head' | 'waist' | 'leg'>, cache?: Pick<ComposeCache, 'sections'>): Record<SectionName, PostSection> {
  const out = {} as Record<SectionName, PostSection>;
  for (const name of SECTION_NAMES) {
    const lines = readSection(post[name], name, cache?.sections);
    out[name] = { lines, source: sectionSource(lines), display: sectionDisplay(lines) };
  }
  return out;
}

/** The group type's channels, in its order; ids with no channel record are left out (a check reports them). */
export function groupChannels(data: Pick<StudioData, 'channels'>, group: GroupType): Channel[] {
  return group.rules.channels.map((id) => data.channels.find((c) => c.id === id)).filter((c): c is Channel => Boolean(c));
}

/** The tracking link of a variant: store cloud-store URL, else the post's conversion URL. */
export function variantLink(post: Pick<Post, 'id' | 'conversionUrl'>, group: GroupType, store: StoreOwner): string {
  return buildTrackingLink({ base: store.cloudStoreUrl ?? post.conversionUrl, post: post.id, group: group.id, store: store.id });
}

function vars(data: StudioData, post: Post, store: StoreOwner, link: string): VariantContext['vars'] {
  return {
    ownerName: store.ownerName,
    nickname: store.nickname || store.ownerName,
    catchphrase: store.catchphrase,
    storeName: store.storeName,
    address: store.address,
    district: store.district,
    phone: store.phone,
    offer: post.offer,
    link,
    validUntil: formatDate(post.validUntil) ?? post.validUntil,
    brandName: data.brand.name,
    brandIpName: data.brand.ip.name,
    productName: post.product.name,
    // 0 is a price not filled in yet (the post check warns): nothing is printed rather than "¥0".
    price: post.product.price > 0 ? (formatPrice(post.product.price) ?? String(post.product.price)) : '',
  };
}

/** Renders the three section sources for a variant; emoji are stripped when the group forbids them. */
export function renderSections(post: Pick<Post, 'id'>, sections: Record<SectionName, PostSection>, ctx: Pick<VariantContext, 'vars' | 'link' | 'group'>, cache?: Pick<ComposeCache, 'engine'>): Sections {
  const engine = cache?.engine ?? createTemplateEngine();
  const out = {} as Sections;
  for (const name of SECTION_NAMES) {
    const text = engine.render(`${post.id}.${name}`, sections[name].source, { vars: ctx.vars, link: ctx.link }, { mode: 'text' });
    out[name] = applyEmojiPolicy(text, ctx.group);
  }
  return out;
}

/**
 * Builds the context of one variant: brand, group type (with its rules and channels), store
 * owner, the post, its tracking link, the resolved head/waist/leg and the `vars` shortcuts.
 * `post` may be an unsaved post object (the editor's live preview).
 */
export function buildVariantContext(data: StudioData, post: Post, groupTypeId: string, storeId: string, cache?: Pick<ComposeCache, 'engine' | 'sections'>): VariantContext {
  const group = findGroup(data, groupTypeId);
  const store = findStore(data, storeId);
  return contextFor(data, post, group, store, postSections(post, cache), cache);
}

/** buildVariantContext for already-found entities and read sections (compose uses it in loops). */
export function contextFor(data: StudioData, post: Post, group: GroupType, store: StoreOwner, sections: Record<SectionName, PostSection>, cache?: Pick<ComposeCache, 'engine'>): VariantContext {
  const link = variantLink(post, group, store);
  const v = vars(data, post, store, link);
  const base = { vars: v, link, group };
  const { id, title, campaign, product, offer, vipBenefit, limit, conversionUrl, validFrom, validUntil } = post;
  return {
    brand: data.brand,
    group,
    channels: groupChannels(data, group),
    store,
    post: { id, title, campaign, product, offer, vipBenefit: vipBenefit ?? '', ...(limit !== undefined ? { limit } : {}), conversionUrl, validFrom, validUntil },
    sections: renderSections(post, sections, base, cache),
    hook: applyEmojiPolicy((post.hooks ?? {})[group.id]?.trim() ?? '', group),
    link,
    vars: v,
  };
}

/** Optional fields templates may test with #if: present as null when unset, so a typo is still an error. */
const OPTIONAL: Record<string, string[]> = {
  brand: ['logo'],
  'brand.ip': ['image'],
  store: ['avatar', 'cloudStoreUrl'],
  post: ['limit'],
  'post.product': ['originalPrice', 'image'],
  'group.profile': ['accent'],
};

/**
 * The data a template sees: the context (copied where changed) with optional fields that are
 * unset written as null, plus extras such as the channel being composed.
 */
export function templateData(ctx: VariantContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ctx, ...extra };
  for (const [path, keys] of Object.entries(OPTIONAL)) {
    const parts = path.split('.');
    let parent = out;
    for (let i = 0; i < parts.length; i++) {
      const copy = { ...(parent[parts[i]!] as Record<string, unknown>) };
      parent[parts[i]!] = copy;
      parent = copy;
    }
    for (const k of keys) if (parent[k] === undefined) parent[k] = null;
  }
  return out;
}
