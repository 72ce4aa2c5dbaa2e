import { excerpt } from './adLaw.js';
import { finding, type Finding, type VariantTexts } from './types.js';

/** A promise a text may only make when the data behind it is set. */
interface Claim {
  id: 'delivery' | 'vip' | 'scarcity';
  words: RegExp;
  backed(v: VariantTexts): boolean;
  zh: string;
  en: string;
  fixZh: string;
  fixEn: string;
}

/** The claims checked, and the field that must back each one. */
export const CLAIMS: readonly Claim[] = [
  {
    id: 'delivery',
    words: /送货上门|送上门|送到家|送上楼|配送到家|上门配送|免费配送/g,
    backed: (v) => v.store.delivery,
    zh: '送货上门',
    en: 'home delivery',
    fixZh: '门店资料里勾选“送货上门”（并写明范围），或换掉这句',
    fixEn: 'mark the store as delivering (with its area) or drop the promise',
  },
  {
    id: 'vip',
    words: /专属福利|专属价|专享价|会员专享|会员价|VIP价/g,
    backed: (v) => v.post.vipBenefit.trim() !== '',
    zh: '会员专属福利',
    en: 'a VIP benefit',
    fixZh: '在内容设置里填写“会员福利”（比群内价多给会员什么），或换掉这句',
    fixEn: "fill in the post's VIP benefit (what members get beyond the group price) or drop the promise",
  },
  {
    id: 'scarcity',
    words: /名额有限|限量|数量有限|仅剩|售完即止|抢完即止|留完为止|先到先得/g,
    backed: (v) => v.post.limit !== undefined,
    zh: '限量/名额有限',
    en: 'scarcity',
    fixZh: '在内容设置里填写“限量”数量，或换掉这句',
    fixEn: "set the post's limit (how many are offered) or drop the claim",
  },
];

/** Text the post itself wrote for this variant (its claims are the author's, reported apart from the template's). */
function postText(v: VariantTexts): string {
  return [v.ctx.hook, v.ctx.sections.head, v.ctx.sections.waist, v.ctx.sections.leg, v.post.offer, v.post.vipBenefit, v.post.product.name].join('\n');
}

/** Text that comes from the store (its owner's own words, e.g. a catchphrase promising delivery): not checked. */
function storeText(v: VariantTexts): string {
  return [v.store.storeName, v.store.nickname, v.store.catchphrase, v.store.deliveryNote, v.store.address].join('\n');
}

const ids = (v: VariantTexts) => ({ post: v.post.id, group: v.group.id, store: v.store.id });

/**
 * Claims made without the data behind them: a channel text (from its caption template) that
 * promises delivery for a store that does not deliver, a VIP benefit for a post without one, or
 * scarcity without a limit → error, naming the template's channel and the words; the same words in
 * the post's own text → warning on the post. Words that come from the store's own fields are its
 * owner's and are not flagged.
 */
export function checkClaims(v: VariantTexts): Finding[] {
  const out: Finding[] = [];
  const own = postText(v);
  const store = storeText(v);
  for (const claim of CLAIMS) {
    if (claim.backed(v)) continue;
    const inPost = [...own.matchAll(claim.words)].map((m) => m[0]).filter((w) => !store.includes(w));
    if (inPost.length) {
      out.push(finding('warning', 'claims.unbacked', `内容里写了「${inPost[0]}」（${claim.zh}），但没有数据支撑：${claim.fixZh}。`, `The post says "${inPost[0]}" (${claim.en}) without the data behind it: ${claim.fixEn}.`, { field: `claims.${claim.id}`, ...ids(v) }));
    }
    for (const { channel, text } of v.channels) {
      for (const m of text.matchAll(claim.words)) {
        if (own.includes(m[0]) || store.includes(m[0])) continue;
        const start = m.index!;
        out.push({
          ...finding('error', 'claims.unbacked', `「${channel.name}」模板承诺了「${m[0]}」（${claim.zh}），但数据里没有：${claim.fixZh}。`, `The ${channel.id} template promises "${m[0]}" (${claim.en}) but the data does not back it: ${claim.fixEn}.`, { channel: channel.id, field: `claims.${claim.id}`, ...ids(v) }),
          position: { start, end: start + m[0].length },
          excerpt: excerpt(text, start, start + m[0].length),
        });
        break;
      }
    }
  }
  return out;
}
