import type { Post, StoreOwner } from '../../model/index.js';
import type { PostSection } from '../context.js';
import { variableExpression } from '../../model/nodes/index.js';
import { isEmptySection } from '../sections.js';
import type { SectionName } from '../types.js';
import { excerpt, findAdLawTerms, type AdLawRules } from './adLaw.js';
import { finding, type Finding } from './types.js';

/** Section names in Chinese, for messages. */
export const SECTION_ZH: Record<SectionName, string> = { head: '头部（吸引）', waist: '腰部（认知）', leg: '腿部（转化）' };

function adLawMessage(term: string, where: string, whereEn: string, rules: AdLawRules) {
  return {
    zh: `${where}出现极限用语「${term}」，违反${rules.law.zh}，请改写。`,
    en: `${whereEn} uses the absolute term "${term}", which ${rules.law.en} forbids; rephrase it.`,
  };
}

/** Terms found in a section's text segments, with offsets in the section's display text. */
export function sectionTerms(section: PostSection, rules: AdLawRules): { term: string; severity: 'error' | 'warning'; start: number; end: number }[] {
  const out: { term: string; severity: 'error' | 'warning'; start: number; end: number }[] = [];
  let offset = 0;
  section.lines.forEach((line, li) => {
    if (li > 0) offset += 1;
    for (const seg of line) {
      if (seg.type === 'var') {
        offset += variableExpression(seg.name).length;
        continue;
      }
      for (const m of findAdLawTerms(seg.text, rules)) out.push({ ...m, start: offset + m.start, end: offset + m.end });
      offset += seg.text.length;
    }
  });
  return out;
}

/**
 * Post-level checks (the same for every variant): head, waist and leg present; Advertising-Law
 * terms in the sections (positions in the display text) and in the offer and product name.
 */
export function checkPost(post: Post, sections: Record<SectionName, PostSection>, rules: AdLawRules): Finding[] {
  const out: Finding[] = [];
  for (const name of ['head', 'waist', 'leg'] as const) {
    if (isEmptySection(sections[name].lines)) {
      out.push(finding('error', 'parts.missing', `${SECTION_ZH[name]}是空的：每篇内容要有头部、腰部和腿部。`, `The ${name} is empty: every post needs a head, a waist and a leg.`, { section: name, post: post.id }));
    }
    for (const m of sectionTerms(sections[name], rules)) {
      const msg = adLawMessage(m.term, SECTION_ZH[name], `The ${name}`, rules);
      out.push({ severity: m.severity, ruleId: 'adlaw.term', message: msg, term: m.term, section: name, position: { start: m.start, end: m.end }, excerpt: excerpt(sections[name].display, m.start, m.end), post: post.id });
    }
  }
  if (!(post.product.price > 0)) {
    out.push(finding('warning', 'post.price_missing', '产品价格还没填：海报上不会出现价格，文案里的价格也是空的。请在“内容设置”里填上到手价。', 'The product price is not filled in: posters show no price and captions leave it blank. Set the price in the post settings.', { field: 'post.product.price', post: post.id }));
  }
  const fields: [string, string, string][] = [
    ['post.offer', '优惠内容', post.offer],
    ['post.product.name', '产品名', post.product.name],
  ];
  for (const [field, zh, text] of fields) {
    for (const m of findAdLawTerms(text, rules)) {
      out.push({ severity: m.severity, ruleId: 'adlaw.term', message: adLawMessage(m.term, zh, field, rules), term: m.term, field, position: { start: m.start, end: m.end }, excerpt: excerpt(text, m.start, m.end), post: post.id });
    }
  }
  return out;
}

/** Store-owner fields that go into captions and are checked for absolute terms. */
const STORE_FIELDS: [keyof StoreOwner, string][] = [
  ['storeName', '门店名称'],
  ['nickname', '店主昵称'],
  ['catchphrase', '店主口头禅'],
];

/** Advertising-Law terms in a store owner's own words (name, nickname, catchphrase). */
export function checkStore(store: StoreOwner, rules: AdLawRules): Finding[] {
  const out: Finding[] = [];
  for (const [key, zh] of STORE_FIELDS) {
    const text = String(store[key] ?? '');
    for (const m of findAdLawTerms(text, rules)) {
      out.push({
        severity: m.severity,
        ruleId: 'adlaw.term',
        message: adLawMessage(m.term, `门店「${store.storeName}」的${zh}`, `Store "${store.id}" field ${key}`, rules),
        term: m.term,
        field: `store.${key}`,
        position: { start: m.start, end: m.end },
        excerpt: excerpt(text, m.start, m.end),
        store: store.id,
      });
    }
  }
  return out;
}
