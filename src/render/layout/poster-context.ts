import type { VariantContext } from '../../compose/types.js';
import type { DesignInfo, PosterSize } from '../../model/index.js';
import { designInfo, droppedNote, POSTER_DIMENSIONS, truncatedNote } from '../../model/index.js';
import type { FontMetrics } from '../text/font-metrics.js';
import { perSize, type FitRuleSpec, type PosterManifest, type TextSlot } from '../template/manifest.js';
import { fitText, type FitResult, type FitRule } from '../text/text-fit.js';
import type { LRUCache } from 'lru-cache';

/** The size as templates see it: `{{size.width}}`, `{{#if size.is9x16}}`. */
export function sizeInfo(size: PosterSize): Record<string, unknown> {
  const { width, height } = POSTER_DIMENSIONS[size];
  return { id: size, width, height, is9x16: size === '9x16', is1x1: size === '1x1', is3x4: size === '3x4' };
}

function yuan(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  return `¥${(Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')}`;
}

/**
 * What a poster's shared layer is most likely drawn from besides template, size, post and group
 * type: the head and waist texts and the price line (a head that names the store gives each
 * store's nickname its own layer). Posters with the same hint are rendered one after another and
 * on the same lane (on render workers: in one job), so each layer is drawn once and stays warm.
 * Only a hint for ordering: no output depends on it.
 */
export function sharedLayerHint(ctx: VariantContext): string {
  return JSON.stringify([ctx.sections.head, ctx.sections.waist, ctx.vars.price, ctx.vars.offer, ctx.vars.validUntil]);
}

/** The text of every text slot for a variant. */
export function textValues(ctx: VariantContext): Record<TextSlot, string> {
  const p = ctx.post;
  return {
    title: p.title,
    head: ctx.sections.head,
    waist: ctx.sections.waist,
    leg: ctx.sections.leg,
    productName: p.product.name,
    price: ctx.vars.price || (p.product.price > 0 ? yuan(p.product.price) : ''),
    originalPrice: p.product.price > 0 && p.product.originalPrice !== undefined && p.product.originalPrice > p.product.price ? yuan(p.product.originalPrice) : '',
    offer: ctx.vars.offer || p.offer,
    campaign: p.campaign,
    validUntil: ctx.vars.validUntil,
    brandName: ctx.brand.name,
    slogan: ctx.brand.slogan,
    ipName: ctx.brand.ip.name,
    ipGreeting: ctx.brand.ip.greeting,
    groupName: ctx.group.name,
    hook: ctx.hook ?? '',
    badge: ctx.group.profile?.badge ?? '',
    storeName: ctx.store.storeName,
    ownerName: ctx.store.ownerName,
    ownerLine: ctx.store.nickname && ctx.store.nickname !== ctx.store.ownerName ? `${ctx.store.ownerName}（${ctx.store.nickname}）` : ctx.store.ownerName,
    nickname: ctx.store.nickname,
    catchphrase: ctx.store.catchphrase,
    address: ctx.store.address,
    district: ctx.store.district,
    phone: ctx.store.phone,
  };
}

/** A manifest rule resolved for one size. */
export function resolveRule(spec: FitRuleSpec, size: PosterSize): FitRule {
  return {
    width: perSize(spec.width, size),
    fontSize: perSize(spec.fontSize, size),
    minFontSize: perSize(spec.minFontSize, size),
    maxLines: perSize(spec.maxLines, size),
    lineHeight: spec.lineHeight,
    weight: spec.weight,
    letterSpacing: spec.letterSpacing,
    overflow: spec.overflow,
    balance: spec.balance,
  };
}

/** Fitted texts by rule and text: every store of a post fits the same title, head and waist. */
export type FitMemo = LRUCache<string, FitResult>;

function fitMemo(text: string, rule: FitRule, m: FontMetrics, slot: string, memo?: FitMemo): FitResult {
  const key = `${slot}\u0000${JSON.stringify(rule)}\u0000${text}`;
  let r = memo?.get(key);
  if (!r) {
    r = fitText(text, rule, m, slot);
    memo?.set(key, r);
  }
  return r;
}

/** Fits the listed slots' text by the manifest's rules; returns `fit` for the template and notes on dropped characters. */
export function fitSlots(
  slots: readonly string[],
  manifest: PosterManifest,
  size: PosterSize,
  values: Record<TextSlot, string>,
  metricsFor: (weight: number) => FontMetrics,
  memo?: FitMemo,
): { fit: Record<string, FitResult>; notes: string[] } {
  const fit: Record<string, FitResult> = {};
  const notes: string[] = [];
  for (const slot of slots) {
    const spec = manifest.textFit[slot as TextSlot];
    if (!spec) continue;
    const rule = resolveRule(spec, size);
    const r = fitMemo(values[slot as TextSlot] ?? '', rule, metricsFor(rule.weight), slot, memo);
    fit[slot] = r;
    if (r.dropped.length) notes.push(droppedNote(slot, r.dropped.join('')));
    if (r.truncated) notes.push(truncatedNote(slot, rule.maxLines, r.fontSize, r.lines.at(-1) ?? ''));
  }
  return { fit, notes };
}

/** The lines one text slot of a poster was drawn with (what line-break tests read). */
export interface FittedText {
  slot: string;
  layer: 'base' | 'store';
  lines: string[];
  fontSize: number;
  truncated: boolean;
}

/** The fitted texts of the given slots, in order, as FittedText. */
export function fittedTexts(fit: Record<string, FitResult>, layer: FittedText['layer']): FittedText[] {
  return Object.entries(fit).map(([slot, r]) => ({ slot, layer, lines: r.lines, fontSize: r.fontSize, truncated: r.truncated }));
}

/** Brand fields the CSS and both layers may use. */
export function brandInfo(ctx: VariantContext): Record<string, unknown> {
  const b = ctx.brand;
  return { name: b.name, slogan: b.slogan, colors: b.colors, ipName: b.ip.name, ipGreeting: b.ip.greeting };
}

/**
 * The group type as posters see it (both layers and the CSS): its id and name, its badge, and its
 * accent — the profile's accent, else the brand accent — so 社区群, 宝妈群 and VIP群 posters differ.
 */
export function groupInfo(ctx: VariantContext): { id: string; name: string; badge: string; accent: string } {
  const p = ctx.group.profile;
  return { id: ctx.group.id, name: ctx.group.name, badge: p?.badge ?? '', accent: p?.accent ?? ctx.brand.colors.accent };
}

/**
 * The variant as a template with a `design` block draws it: the design's colours replace the
 * brand's (every layer, the CSS and the background then use them, and the cache keys follow).
 */
export function withDesignColors(ctx: VariantContext, manifest: PosterManifest): VariantContext {
  const colors = manifest.design?.colors;
  if (!colors || !Object.keys(colors).length) return ctx;
  return { ...ctx, brand: { ...ctx.brand, colors: { ...ctx.brand.colors, ...colors } } };
}

/** The design (parts shown, call to action, places) a template sees as `design` for one size. */
export function designFor(manifest: PosterManifest, size: PosterSize): DesignInfo {
  return designInfo(manifest.design, size);
}

/** The context of the base (shared) layer: nothing about the store or its link. */
export function baseContext(ctx: VariantContext, size: PosterSize, L: Record<string, unknown>, fit: Record<string, FitResult>, images: Record<string, boolean>, design: DesignInfo): Record<string, unknown> {
  const p = ctx.post;
  const v = textValues(ctx);
  return {
    size: sizeInfo(size),
    L,
    design,
    brand: brandInfo(ctx),
    group: groupInfo(ctx),
    hook: v.hook,
    post: { id: p.id, title: p.title, campaign: p.campaign, productName: p.product.name, price: v.price, originalPrice: v.originalPrice, saving: v.originalPrice ? yuan((p.product.originalPrice ?? 0) - p.product.price) : '', unit: p.product.unit, offer: v.offer, validUntil: v.validUntil },
    sections: { ...ctx.sections },
    fit,
    images: { product: !!images.product, logo: !!images.logo, brandIp: !!images.brandIp },
  };
}

/** The context of the store layer: the base context plus the store, its link and the layer's box. */
export function storeContext(
  ctx: VariantContext,
  size: PosterSize,
  L: Record<string, unknown>,
  fit: Record<string, FitResult>,
  images: Record<string, boolean>,
  area: { w: number; h: number },
  design: DesignInfo,
): Record<string, unknown> {
  const s = ctx.store;
  const base = baseContext(ctx, size, L, fit, images, design);
  return {
    ...base,
    area,
    link: ctx.link,
    initial: [...(s.ownerName || s.storeName)][0] ?? '',
    store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName, nickname: s.nickname, catchphrase: s.catchphrase, address: s.address, district: s.district, phone: s.phone },
    images: { ...(base.images as object), avatar: !!images.avatar, qr: true },
  };
}
