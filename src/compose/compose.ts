import { findGroup, findStore, postOf, type Channel, type GroupType, type Post, type StoreOwner, type StudioData } from '../model/index.js';
import { applyEmojiPolicy } from '../model/text.js';
import { sourceHash } from '../workspace/hash.js';
import { builtinCaptionSource, CAPTION_TEMPLATE_FOR_KIND } from './builtins.js';
import { ComposeCache } from './cache.js';
import { checkFormats, checkPins, checkPost, checkSimilarity, checkStore, checkVariant, finding, type Finding } from './checks/index.js';
import { contextFor, postSections, templateData, type PostSection } from './context.js';
import { TemplateError } from './handlebars/index.js';
import { planVariants, type VariantFilter } from './plan.js';
import { SectionError } from './sections.js';
import { latestApprovedVersion, resolvedVersion, templateLabel, type ResolvedTemplate } from './templates.js';
import type { SectionName, VariantContext } from './types.js';

export type { VariantFilter } from './plan.js';

/** One composed variant: what `compose --json` prints and the api returns. */
export interface ComposedVariant {
  post: string;
  group: string;
  store: string;
  /** The group message (社群消息). */
  caption: string;
  /** Text per channel id the group type uses; the group channel's text is the caption. */
  channels: Record<string, string>;
  link: string;
  findings: Finding[];
  /** The caption template used per channel kind, as `id@version` (`builtin:` when from templates/captions). */
  templates: Record<string, string>;
  /** The same caption templates as objects (source and hash): what packs record and key on. */
  resolved: Partial<Record<Channel['kind'], ResolvedTemplate>>;
  /** The variant's context (what its posters and video are made from); absent when the variant could not be composed. */
  ctx?: VariantContext;
}

/** Options of composeVariant / composeAll. */
export interface ComposeOptions {
  /** Folder of built-in caption templates (default: the repository's templates/captions). */
  builtinsDir?: string;
  /** Skip the checks (e.g. when only the text is wanted). */
  noChecks?: boolean;
  /** Compiled templates, read sections and rules kept between calls (default: a fresh cache for this call). */
  cache?: ComposeCache;
}

/** The channel a group message is composed for when the group type lists no group-kind channel. */
const FALLBACK_GROUP_CHANNEL: Channel = { id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 2000, hashtags: 0 }, images: { min: 0, max: 9, sizes: [] } };

/**
 * The caption template for a channel kind: the post's pinned version (group messages), else the
 * workspace's `caption-<kind>` latest approved version, else the built-in. Problems become findings.
 */
function resolveTemplate(data: StudioData, post: Post, kind: Channel['kind'], opts: ComposeOptions, cache: ComposeCache, findings: Finding[]): ResolvedTemplate {
  const pin = kind === 'group' ? post.templates.caption : undefined;
  const builtin = (): ResolvedTemplate => {
    const id = CAPTION_TEMPLATE_FOR_KIND[kind];
    const source = builtinCaptionSource(cache.builtinCaptions(opts.builtinsDir), id);
    if (source === undefined) throw new Error(`built-in caption template "${id}" is missing`);
    return { kind: 'caption', id, version: 1, source, hash: sourceHash(source), builtin: true };
  };
  if (pin) {
    const t = data.templates.find((x) => x.id === pin.template);
    const v = t?.versions.find((x) => x.version === pin.version);
    if (!t || !v || t.kind !== 'caption') {
      findings.push(finding('error', 'template.missing', `置顶的文案模板 ${pin.template} v${pin.version} 不存在（或不是文案模板），暂用默认模板。`, `The pinned caption template ${pin.template} v${pin.version} does not exist (or is not a caption template); the default was used.`, { post: post.id, field: 'post.templates.caption' }));
      return builtin();
    }
    if (v.state !== 'approved') {
      findings.push(finding('error', 'template.not_approved', `文案模板 ${t.id} v${v.version} 还没审批通过（${v.state}），不能用于出稿。`, `Caption template ${t.id} v${v.version} is not approved (${v.state}); nothing may be produced from it.`, { post: post.id, field: 'post.templates.caption' }));
    }
    return resolvedVersion(t, v);
  }
  const own = data.templates.find((x) => x.id === CAPTION_TEMPLATE_FOR_KIND[kind] && x.kind === 'caption');
  const approved = own && latestApprovedVersion(own);
  if (approved) return resolvedVersion(own, approved);
  return builtin();
}

/** The findings and texts of a variant whose head, waist or leg could not be read or rendered. */
function failed(post: Post, group: GroupType, store: StoreOwner, err: Error, findings: Finding[]): ComposedVariant {
  const section = err instanceof SectionError ? (err.section as SectionName) : undefined;
  findings.push(finding('error', err instanceof SectionError ? 'section.unreadable' : 'template.error', `无法生成：${err.message}`, `Cannot compose: ${err.message}`, { post: post.id, group: group.id, store: store.id, ...(section ? { section } : {}) }));
  return { post: post.id, group: group.id, store: store.id, caption: '', channels: {}, link: '', findings, templates: {}, resolved: {} };
}

/** Internal: compose with entities found and the post's sections read (composeAll and packs reuse them). */
function composeOne(data: StudioData, post: Post, group: GroupType, store: StoreOwner, sections: Record<SectionName, PostSection>, opts: ComposeOptions, cache: ComposeCache, preFindings: Finding[]): ComposedVariant {
  const findings = [...preFindings];
  let ctx: VariantContext;
  try {
    ctx = contextFor(data, post, group, store, sections, cache);
  } catch (err) {
    return failed(post, group, store, err as Error, findings);
  }
  const texts: Record<string, string> = {};
  const labels: Record<string, string> = {};
  const resolved: ComposedVariant['resolved'] = {};
  const render = (channel: Channel): string => {
    const tpl = resolveTemplate(data, post, channel.kind, opts, cache, findings);
    labels[channel.kind] = templateLabel(tpl);
    resolved[channel.kind] = tpl;
    let text = '';
    try {
      text = cache.engine.render(tpl.id, tpl.source, templateData(ctx, { channel }), { mode: 'text' }).replace(/\n{3,}/g, '\n\n').trim();
      text = applyEmojiPolicy(text, group);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      findings.push(finding('error', 'template.error', `模板出错：${err.message}`, `Template error: ${err.message}`, { channel: channel.id, field: err.field, post: post.id, group: group.id, store: store.id }));
    }
    return text;
  };
  const groupChannel = ctx.channels.find((c) => c.kind === 'group') ?? FALLBACK_GROUP_CHANNEL;
  const caption = render(groupChannel);
  const channelTexts = ctx.channels.map((channel) => ({ channel, text: channel.kind === 'group' ? caption : render(channel) }));
  for (const { channel, text } of channelTexts) texts[channel.id] = text;
  if (!opts.noChecks) {
    const unknownChannels = group.rules.channels.filter((id) => !data.channels.some((c) => c.id === id));
    findings.push(...checkVariant({ post, group, store, ctx, sections, caption, channels: channelTexts, unknownChannels }, cache.adLaw()), ...checkPins(data, post), ...checkFormats(post, group));
  }
  return { post: post.id, group: group.id, store: store.id, caption, channels: texts, link: ctx.link, findings, templates: labels, resolved, ctx };
}

/** A post's sections, or the error that says why they cannot be read. */
export function readPost(post: Post, cache: ComposeCache): Record<SectionName, PostSection> | Error {
  try {
    return postSections(post, cache);
  } catch (err) {
    if (err instanceof SectionError) return err;
    throw err;
  }
}

/** Post- and store-level findings (the same in every variant of that post or store). */
function baseFindings(post: Post, sections: Record<SectionName, PostSection>, store: StoreOwner, opts: ComposeOptions, cache: ComposeCache): Finding[] {
  if (opts.noChecks) return [];
  const rules = cache.adLaw();
  return [...checkPost(post, sections, rules), ...checkStore(store, rules)];
}

/**
 * Composes one variant: the group message (caption), the text of each channel the group type
 * uses and the tracking link, with the findings of every check. `post` is an id or an unsaved
 * post object (the editor's live preview). Unknown post, group or store → StudioError not_found.
 */
export function composeVariant(data: StudioData, post: string | Post, groupId: string, storeId: string, opts: ComposeOptions = {}): ComposedVariant {
  const p = postOf(data, post);
  return composePlanned(data, p, findGroup(data, groupId), findStore(data, storeId), opts);
}

/**
 * composeVariant for entities already found (a plan's variant); `sections` when the caller read the
 * post once for many variants. Packs call this once per variant and use what it returns as is.
 */
export function composePlanned(data: StudioData, post: Post, group: GroupType, store: StoreOwner, opts: ComposeOptions = {}, sections?: Record<SectionName, PostSection> | Error): ComposedVariant {
  const cache = opts.cache ?? new ComposeCache();
  const read = sections ?? readPost(post, cache);
  if (read instanceof Error) return failed(post, group, store, read, []);
  return composeOne(data, post, group, store, read, opts, cache, baseFindings(post, read, store, opts, cache));
}

/**
 * Composes every planned variant (see planVariants), and adds the similarity warning when a
 * post's group messages for a store are near-identical across all its group types.
 */
export function composeAll(data: StudioData, filter: VariantFilter = {}, opts: ComposeOptions = {}): ComposedVariant[] {
  const cache = opts.cache ?? new ComposeCache();
  const read = new Map<string, Record<SectionName, PostSection> | Error>();
  const out: ComposedVariant[] = [];
  for (const { post, group, store } of planVariants(data, filter)) {
    if (!read.has(post.id)) read.set(post.id, readPost(post, cache));
    out.push(composePlanned(data, post, group, store, { ...opts, cache }, read.get(post.id)!));
  }
  if (!opts.noChecks && !filter.group) {
    const byPostStore = new Map<string, ComposedVariant[]>();
    for (const v of out) byPostStore.set(`${v.post}\u0000${v.store}`, [...(byPostStore.get(`${v.post}\u0000${v.store}`) ?? []), v]);
    for (const list of byPostStore.values()) {
      const warn = checkSimilarity(list[0]!.post, list[0]!.store, list.filter((v) => v.caption).map((v) => ({ group: v.group, caption: v.caption })));
      list[0]!.findings.push(...warn);
    }
  }
  return out;
}
