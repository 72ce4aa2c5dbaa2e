import type { Channel, GroupType, Post, StoreOwner } from '../../model/index.js';
import type { PostSection } from '../context.js';
import { VARIABLES, type VariableName } from '../../model/nodes/index.js';
import { charCount, graphemes } from '../../model/text.js';
import type { SectionName, VariantContext } from '../types.js';
import { excerpt, findAdLawTerms, type AdLawRules } from './adLaw.js';
import { SECTION_ZH } from './post.js';
import { checkClaims } from './claims.js';
import { finding, type Finding, type VariantTexts } from './types.js';

export type { VariantTexts } from './types.js';

/** UTF-16 offset where the text passes `limit` characters. */
function overflowStart(text: string, limit: number): number {
  return graphemes(text).slice(0, limit).join('').length;
}

const URL_RE = /https?:\/\/[^\s，。！？、）)】」]+/;
const QR_RE = /扫码|扫一扫|二维码|小程序码/;
const HASHTAG_RE = /#[^\s#]+/g;

function tooLong(ruleId: string, zhWhat: string, enWhat: string, text: string, limit: number, extra: Partial<Finding>): Finding | undefined {
  const n = charCount(text);
  if (n <= limit) return undefined;
  return finding(
    'error',
    ruleId,
    `${zhWhat}共 ${n} 字，超出上限 ${limit} 字 ${n - limit} 字。腿部不会被自动截掉，请精简内容或换用更短的模板。`,
    `${enWhat} is ${n} characters, ${n - limit} over the limit of ${limit}. The leg is never cut automatically: shorten the content or use a shorter template.`,
    { ...extra, position: { start: overflowStart(text, limit), end: text.length } },
  );
}

/** Variables the sections use whose value is empty for this store (they would print as nothing). */
function emptyVariables(v: VariantTexts): Finding[] {
  const used = new Map<VariableName, SectionName[]>();
  for (const name of ['head', 'waist', 'leg'] as const) {
    for (const line of v.sections[name].lines) {
      for (const seg of line) if (seg.type === 'var') used.set(seg.name, [...new Set([...(used.get(seg.name) ?? []), name])]);
    }
  }
  const out: Finding[] = [];
  for (const [name, where] of used) {
    if (v.ctx.vars[name] !== '') continue;
    // A price not filled in is the post's, not the store's: the post check warns once (post.price_missing).
    if (name === 'price') continue;
    const info = VARIABLES[name];
    out.push(
      finding(
        'error',
        'vars.unresolved',
        `变量「${info.zh}」在门店「${v.store.storeName}」没有值（来源：${info.source}），${where.map((s) => SECTION_ZH[s]).join('、')}里会缺字。请补全门店资料或去掉这个变量。`,
        `Variable "${name}" has no value for store "${v.store.id}" (from ${info.source}); the ${where.join(', ')} would print nothing there. Fill in the store or remove the variable.`,
        { section: where[0], field: info.source.split(' ')[0], ...ids(v) },
      ),
    );
  }
  return out;
}

const ids = (v: VariantTexts) => ({ post: v.post.id, group: v.group.id, store: v.store.id });

/** The leg needs a way to buy: the link variable, a URL, or a QR code mention when the group gets posters. */
function conversion(v: VariantTexts): Finding[] {
  const leg = v.sections.leg;
  if (leg.lines.some((line) => line.some((s) => s.type === 'var' && s.name === 'link'))) return [];
  if (URL_RE.test(leg.display)) {
    return [finding('warning', 'leg.untracked_link', '腿部的链接是手写的，不带门店追踪参数，看不出是哪家店、哪个群成交的。建议插入「下单链接」变量。', 'The leg has a hand-written URL without tracking parameters; insert the "link" variable so conversions are traced to store and group.', { section: 'leg', ...ids(v) })];
  }
  if (QR_RE.test(leg.display) && v.group.rules.formats.includes('poster')) return [];
  return [
    finding('error', 'leg.no_conversion', `腿部没有转化入口：请插入「下单链接」变量${v.group.rules.formats.includes('poster') ? '，或写明扫海报上的二维码' : ''}。`, `The leg has no conversion entry: insert the "link" variable${v.group.rules.formats.includes('poster') ? ' or point to the QR code on the poster' : ''}.`, { section: 'leg', ...ids(v) }),
  ];
}

function channelChecks(v: VariantTexts): Finding[] {
  const out: Finding[] = [];
  const capLimit = v.group.rules.captionMaxLength;
  const cap = tooLong('caption.too_long', `「${v.group.name}」的群消息`, `The group message for "${v.group.id}"`, v.caption, capLimit, ids(v));
  if (cap) out.push(cap);
  for (const { channel, text } of v.channels) {
    const extra = { channel: channel.id, ...ids(v) };
    if (!(channel.kind === 'group' && (cap || channel.text.maxLength >= capLimit))) {
      const f = tooLong('channel.too_long', `「${channel.name}」文案`, `The ${channel.id} text`, text, channel.text.maxLength, extra);
      if (f) out.push(f);
    }
    if (channel.text.titleMaxLength) {
      const title = text.split('\n')[0] ?? '';
      const f = tooLong('channel.title_too_long', `「${channel.name}」标题（第一行）`, `The ${channel.id} title (first line)`, title, channel.text.titleMaxLength, extra);
      if (f) out.push(f);
    }
    out.push(...channelConventions(channel, text, extra));
    const tags = text.match(HASHTAG_RE) ?? [];
    if (channel.kind !== 'group' && tags.length > channel.text.hashtags) {
      out.push(finding('warning', 'channel.hashtags', `「${channel.name}」有 ${tags.length} 个话题标签，建议不超过 ${channel.text.hashtags} 个。`, `The ${channel.id} text has ${tags.length} hashtags; the channel allows ${channel.text.hashtags}.`, extra));
    }
  }
  for (const id of v.unknownChannels) {
    out.push(finding('warning', 'channel.unknown', `群类型「${v.group.name}」用到的渠道「${id}」不存在，已跳过。`, `Group type "${v.group.id}" lists channel "${id}", which does not exist; skipped.`, { channel: id, ...ids(v) }));
  }
  return out;
}

/** How a 视频号/抖音 or Moments text points to the order: "scan the QR", "tap the profile", or a link where links work. */
const ORDER_HINT_RE = /扫码|扫一扫|二维码|小程序码|主页|私信|到店|来店/;

/**
 * Channel conventions: 视频号/抖音 texts show links as plain, unclickable text (and may be
 * penalised for them): the link belongs in the video's end-card QR, the text says 扫码/戳主页.
 * A Moments or video text with no link must still say how to order (the poster's QR, the profile).
 */
function channelConventions(channel: Channel, text: string, extra: Partial<Finding>): Finding[] {
  if (channel.kind === 'group' || !text.trim()) return [];
  const url = URL_RE.exec(text);
  if (channel.kind === 'video' && url) {
    return [
      {
        ...finding('warning', 'channel.raw_url', `「${channel.name}」里的网址点不开，还可能被限流：把链接留在片尾二维码里，文字改成“视频最后扫码”或“戳主页”。`, `Links in ${channel.id} texts are not clickable there and may be penalised: keep the link in the end card's QR and say "scan at the end" or "see the profile".`, extra),
        position: { start: url.index, end: url.index + url[0].length },
      },
    ];
  }
  if (!url && !ORDER_HINT_RE.test(text)) {
    return [finding('warning', 'channel.no_conversion', `「${channel.name}」文案没有说怎么下单：写上“长按识别图中二维码”${channel.kind === 'video' ? '或“戳主页”' : '或放下单链接'}。`, `The ${channel.id} text does not say how to order: point to the QR code${channel.kind === 'video' ? ' or the profile' : ' or add the link'}.`, extra)];
  }
  return [];
}

/** Absolute terms that come from a template (not from the post or the store, reported already). */
function templateTerms(v: VariantTexts, rules: AdLawRules): Finding[] {
  const known = new Set<string>();
  const sources = [v.ctx.sections.head, v.ctx.sections.waist, v.ctx.sections.leg, v.post.offer, v.post.product.name, v.store.storeName, v.store.nickname, v.store.catchphrase];
  for (const s of sources) for (const m of findAdLawTerms(s, rules)) known.add(m.term);
  const out: Finding[] = [];
  for (const { channel, text } of v.channels) {
    for (const m of findAdLawTerms(text, rules)) {
      if (known.has(m.term)) continue;
      out.push({
        severity: m.severity,
        ruleId: 'adlaw.term',
        message: { zh: `「${channel.name}」模板文字出现极限用语「${m.term}」，违反${rules.law.zh}。`, en: `The ${channel.id} template text uses the absolute term "${m.term}", which ${rules.law.en} forbids.` },
        term: m.term,
        channel: channel.id,
        position: { start: m.start, end: m.end },
        excerpt: excerpt(text, m.start, m.end),
        ...ids(v),
      });
    }
  }
  return out;
}

/**
 * Checks one composed variant: sections empty once resolved, variables without a value, the
 * conversion entry, caption and channel lengths (by how much), title length, hashtags, unknown
 * channels, channel conventions (no raw URL on 视频号/抖音), absolute terms a template added, and
 * claims (delivery, VIP benefit, scarcity) made without the data behind them.
 */
export function checkVariant(v: VariantTexts, rules: AdLawRules): Finding[] {
  const out: Finding[] = [];
  for (const name of ['head', 'waist', 'leg'] as const) {
    if (v.sections[name].display.trim() && !v.ctx.sections[name].trim()) {
      out.push(finding('error', 'parts.empty_for_store', `${SECTION_ZH[name]}在门店「${v.store.storeName}」的版本里是空的（变量没有值）。`, `The ${name} is empty for store "${v.store.id}" once variables are filled in.`, { section: name, ...ids(v) }));
    }
  }
  out.push(...emptyVariables(v), ...conversion(v), ...channelChecks(v), ...templateTerms(v, rules), ...checkClaims(v));
  return out;
}
