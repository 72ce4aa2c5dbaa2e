import { StudioError } from '../model/index.js';
import type { Channel, GroupType, Post, StoreOwner, StudioData, Template } from '../model/index.js';
import { builtinCaptionSource, CAPTION_TEMPLATE_FOR_KIND } from './builtins.js';
import { checkPost, checkSimilarity, checkStore, checkVariant, finding, loadAdLawRules, type Finding } from './checks/index.js';
import { contextFor, postSections, templateData, type PostSection } from './context.js';
import { findGroup, findStore } from '../model/index.js';
import { renderTemplate, TemplateError } from './handlebars/index.js';
import { SectionError } from './sections.js';
import { stripEmoji } from '../model/text.js';
import type { SectionName } from './types.js';

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
}

/** Options of composeVariant / composeAll. */
export interface ComposeOptions {
  /** Folder of built-in caption templates (default: the repository's templates/captions). */
  builtinsDir?: string;
  /** Skip the checks (e.g. when only the text is wanted). */
  noChecks?: boolean;
}

interface ResolvedTemplate {
  id: string;
  version: number;
  source: string;
  label: string;
}

/** The channel a group message is composed for when the group type lists no group-kind channel. */
const FALLBACK_GROUP_CHANNEL: Channel = { id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 2000, hashtags: 0 }, images: { min: 0, max: 9, sizes: [] } };

function latestApproved(t: Template) {
  return t.versions.filter((v) => v.state === 'approved').sort((a, b) => b.version - a.version)[0];
}

/**
 * The caption template for a channel kind: the post's pinned version (group messages), else the
 * workspace's `caption-<kind>` latest approved version, else the built-in. Problems become findings.
 */
function resolveTemplate(data: StudioData, post: Post, kind: Channel['kind'], opts: ComposeOptions, findings: Finding[]): ResolvedTemplate {
  const pin = kind === 'group' ? post.templates.caption : undefined;
  const builtin = () => {
    const id = CAPTION_TEMPLATE_FOR_KIND[kind];
    const source = builtinCaptionSource(id, opts.builtinsDir);
    if (source === undefined) throw new Error(`built-in caption template "${id}" is missing`);
    return { id, version: 1, source, label: `builtin:${id}@1` };
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
    return { id: t.id, version: v.version, source: v.source, label: `${t.id}@${v.version}` };
  }
  const own = data.templates.find((x) => x.id === CAPTION_TEMPLATE_FOR_KIND[kind] && x.kind === 'caption');
  const approved = own && latestApproved(own);
  if (approved) return { id: own.id, version: approved.version, source: approved.source, label: `${own.id}@${approved.version}` };
  return builtin();
}

/** The findings and texts of a variant whose head, waist or leg could not be read or rendered. */
function failed(post: Post, group: GroupType, store: StoreOwner, err: Error, findings: Finding[]): ComposedVariant {
  const section = err instanceof SectionError ? (err.section as SectionName) : undefined;
  findings.push(finding('error', err instanceof SectionError ? 'section.unreadable' : 'template.error', `无法生成：${err.message}`, `Cannot compose: ${err.message}`, { post: post.id, group: group.id, store: store.id, ...(section ? { section } : {}) }));
  return { post: post.id, group: group.id, store: store.id, caption: '', channels: {}, link: '', findings, templates: {} };
}

/** Internal: compose with entities found and the post's sections read (composeAll reuses them). */
function composeOne(data: StudioData, post: Post, group: GroupType, store: StoreOwner, sections: Record<SectionName, PostSection>, opts: ComposeOptions, preFindings: Finding[]): ComposedVariant {
  const findings = [...preFindings];
  let ctx;
  try {
    ctx = contextFor(data, post, group, store, sections);
  } catch (err) {
    return failed(post, group, store, err as Error, findings);
  }
  const texts: Record<string, string> = {};
  const labels: Record<string, string> = {};
  const render = (channel: Channel): string => {
    const tpl = resolveTemplate(data, post, channel.kind, opts, findings);
    labels[channel.kind] = tpl.label;
    let text = '';
    try {
      text = renderTemplate(tpl.id, tpl.source, templateData(ctx, { channel }), { mode: 'text' }).replace(/\n{3,}/g, '\n\n').trim();
      if (!group.rules.emojiAllowed) text = stripEmoji(text);
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
    findings.push(...checkVariant({ post, group, store, ctx, sections, caption, channels: channelTexts, unknownChannels }, loadAdLawRules()));
  }
  return { post: post.id, group: group.id, store: store.id, caption, channels: texts, link: ctx.link, findings, templates: labels };
}

function readPost(post: Post): Record<SectionName, PostSection> | Error {
  try {
    return postSections(post);
  } catch (err) {
    if (err instanceof SectionError) return err;
    throw err;
  }
}

/** Post- and store-level findings (the same in every variant of that post or store). */
function baseFindings(post: Post, sections: Record<SectionName, PostSection>, store: StoreOwner, opts: ComposeOptions): Finding[] {
  if (opts.noChecks) return [];
  const rules = loadAdLawRules();
  return [...checkPost(post, sections, rules), ...checkStore(store, rules)];
}

/**
 * Composes one variant: the group message (caption), the text of each channel the group type
 * uses and the tracking link, with the findings of every check. `post` is an id or an unsaved
 * post object (the editor's live preview). Unknown post, group or store → StudioError not_found.
 */
export function composeVariant(data: StudioData, post: string | Post, groupId: string, storeId: string, opts: ComposeOptions = {}): ComposedVariant {
  const p = typeof post === 'string' ? data.posts.find((x) => x.id === post) : post;
  if (!p) throw new StudioError('not_found', `post "${String(post)}" not found`, 'post');
  const group = findGroup(data, groupId);
  const store = findStore(data, storeId);
  const findings: Finding[] = [];
  const sections = readPost(p);
  if (sections instanceof Error) return failed(p, group, store, sections, findings);
  return composeOne(data, p, group, store, sections, opts, baseFindings(p, sections, store, opts));
}

/** Filters of composeAll. */
export interface VariantFilter {
  post?: string;
  group?: string;
  store?: string;
}

/**
 * The variants to make: for each post (archived ones only when asked for by id), each active store,
 * each group type the store runs that the post goes to (an empty post.groupTypes means all).
 */
export function planVariants(data: StudioData, filter: VariantFilter = {}): { post: Post; group: GroupType; store: StoreOwner }[] {
  if (filter.post && !data.posts.some((p) => p.id === filter.post)) throw new StudioError('not_found', `post "${filter.post}" not found`, 'post');
  if (filter.group) findGroup(data, filter.group);
  if (filter.store) findStore(data, filter.store);
  const out: { post: Post; group: GroupType; store: StoreOwner }[] = [];
  for (const post of data.posts) {
    if (filter.post ? post.id !== filter.post : post.status === 'archived') continue;
    for (const store of data.stores) {
      if (!store.active || (filter.store && store.id !== filter.store)) continue;
      for (const gid of store.groupTypes) {
        if (filter.group && gid !== filter.group) continue;
        if (post.groupTypes.length && !post.groupTypes.includes(gid)) continue;
        const group = data.groupTypes.find((g) => g.id === gid);
        if (group) out.push({ post, group, store });
      }
    }
  }
  return out;
}

/**
 * Composes every planned variant (see planVariants), and adds the similarity warning when a
 * post's group messages for a store are near-identical across all its group types.
 */
export function composeAll(data: StudioData, filter: VariantFilter = {}, opts: ComposeOptions = {}): ComposedVariant[] {
  const plan = planVariants(data, filter);
  const read = new Map<string, Record<SectionName, PostSection> | Error>();
  const out: ComposedVariant[] = [];
  for (const { post, group, store } of plan) {
    if (!read.has(post.id)) read.set(post.id, readPost(post));
    const sections = read.get(post.id)!;
    if (sections instanceof Error) out.push(failed(post, group, store, sections, []));
    else out.push(composeOne(data, post, group, store, sections, opts, baseFindings(post, sections, store, opts)));
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
