import type { MethodInput, MethodOutput } from '@contract';
import { lexicalFromText } from '@shared';
import { emptyDoc, newPostId } from './postDefaults';

type PostIn = MethodInput<'posts.save'>['post'];
type Post = MethodOutput<'posts.get'>;

/** How a new post starts: the blank three-part skeleton, a copy of a post, or a campaign preset. */
export type StarterKind = 'blank' | 'copy' | 'preset';

/** A campaign preset: the three parts written with chips, the offer and how long it runs. */
export interface CampaignPreset {
  id: string;
  /** Message keys of its name and one-line description (starters.ts messages). */
  days: number;
  campaign: string;
  offer: string;
  head: string;
  waist: string;
  leg: string;
}

/**
 * The campaign presets: the head hooks, the waist tells the product's story with the brand, the
 * leg converts (the offer, the deadline and the order link). Written to pass the studio's checks
 * (no absolute claims, a conversion entry in the leg); the editor replaces the ［…］ parts.
 */
export const CAMPAIGN_PRESETS: CampaignPreset[] = [
  {
    id: 'newArrival',
    days: 7,
    campaign: '新品尝鲜',
    offer: '新品尝鲜价，到店自提再送小样',
    head: '新品到店！{productName}今天第一批到货，先给群里的邻居们尝个鲜。',
    waist: '【{brandName}】{productName}：［用料、口感、适合谁，写两三句］\n买过的邻居说：“［一句真实评价］”',
    leg: '{offer}，{validUntil}前有效。想要的回复我，{nickname}帮您留货 → {link}',
  },
  {
    id: 'flashSale',
    days: 3,
    campaign: '限时秒杀',
    offer: '限时秒杀，数量有限',
    head: '今晚 8 点开抢！{productName}只要{price}，手慢就没了。',
    waist: '【{brandName}】{productName}：［为什么这次便宜、平时卖多少］\n［适合囤货/送人的理由］',
    leg: '{offer}，{validUntil}截止。点这里下单 → {link}，有问题群里@{nickname}。',
  },
  {
    id: 'festival',
    days: 14,
    campaign: '节日礼盒',
    offer: '节日礼盒，满两盒再减',
    head: '过节送什么不出错？{nickname}帮大家挑好了：{productName}。',
    waist: '【{brandName}】{productName}：［礼盒里有什么、包装怎么样］\n［送长辈/送朋友的场景一句］',
    leg: '{offer}，{validUntil}前下单赶得上节前送到。订购 → {link}',
  },
  {
    id: 'members',
    days: 10,
    campaign: '会员专享',
    offer: '会员专享价',
    head: '老朋友专属：{productName}这次给群里会员留了一份专享价。',
    waist: '【{brandName}】{productName}：［会员为什么值得买这一款］\n［用过的会员怎么说］',
    leg: '{offer}，{validUntil}截止，回复“要”我帮您登记 → {link}',
  },
];

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The fields every starter shares, from the creation form. */
export interface StarterFields {
  title: string;
  productName: string;
  price: number;
  conversionUrl: string;
  validFrom: string;
  validUntil: string;
  groupTypes: string[];
}

/** A new draft post from a preset and the form's fields. */
export function postFromPreset(preset: CampaignPreset, f: StarterFields): PostIn {
  return {
    id: newPostId(),
    title: f.title.trim(),
    campaign: preset.campaign,
    status: 'draft',
    head: lexicalFromText(preset.head),
    waist: lexicalFromText(preset.waist),
    leg: lexicalFromText(preset.leg),
    product: { name: f.productName.trim(), price: f.price, unit: '' },
    offer: preset.offer,
    conversionUrl: f.conversionUrl.trim(),
    validFrom: f.validFrom,
    validUntil: f.validUntil,
    groupTypes: f.groupTypes,
    templates: {},
  };
}

/** A copy of an existing post as a new draft: its parts, product, offer, group types and templates; new id, title and dates. */
export function postFromCopy(source: Post, f: Pick<StarterFields, 'title' | 'validFrom' | 'validUntil'>): PostIn {
  const { id: _id, status: _status, ...rest } = source as Post & { id: string; status: string };
  return { ...(rest as unknown as PostIn), id: newPostId(), status: 'draft', title: f.title.trim(), validFrom: f.validFrom, validUntil: f.validUntil };
}

/** A blank post: the three parts empty (the editor shows what each is for). */
export function blankPost(f: StarterFields): PostIn {
  return {
    id: newPostId(),
    title: f.title.trim(),
    campaign: '',
    status: 'draft',
    head: emptyDoc(),
    waist: emptyDoc(),
    leg: emptyDoc(),
    product: { name: f.productName.trim(), price: f.price, unit: '' },
    offer: '',
    conversionUrl: f.conversionUrl.trim(),
    validFrom: f.validFrom,
    validUntil: f.validUntil,
    groupTypes: f.groupTypes,
    templates: {},
  };
}

/** The validity a preset suggests, from today. */
export function presetDates(preset: CampaignPreset, today = new Date()): [string, string] {
  const end = new Date(today);
  end.setDate(end.getDate() + preset.days);
  return [isoDay(today), isoDay(end)];
}
