/**
 * Test data for compose (written for these tests, not copied from anywhere): the brand and stores
 * of test/helpers/studio.ts minimalStudio(), widened to the demo's five group types (社区群
 * community, 宝妈群 moms, 健身群 fitness, KOC种子群 koc, VIP群 vip) and three channels, plus one
 * complete post whose head/waist/leg are Lexical documents made from section text.
 */
import { StudioData, type Post, type StudioData as Data } from '../../src/model/index.js';
import { sectionTextToLexical } from '../../src/compose/sections.js';
import { minimalStudio } from '../helpers/studio.js';

/** Channels: group message, Moments, short video (title ≤ 30, 3 hashtags). */
export const CHANNELS = [
  { id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 600 }, images: { min: 0, max: 9, sizes: ['1x1', '3x4'] } },
  { id: 'moments', name: '朋友圈', kind: 'moments', text: { maxLength: 300 }, images: { min: 1, max: 9, sizes: ['1x1', '3x4'] } },
  { id: 'video', name: '视频号/抖音', kind: 'video', text: { maxLength: 200, titleMaxLength: 30, hashtags: 3 }, images: { min: 0, max: 1, sizes: ['9x16'] } },
] as const;

const rules = (captionMaxLength: number, emojiAllowed: boolean, legWeight: 'light' | 'normal' | 'strong', channels: string[]) => ({
  captionMaxLength,
  emojiAllowed,
  legWeight,
  channels,
  formats: ['caption', 'poster'],
});

/** The five group types with rules and profiles as in the demo. */
export const GROUP_TYPES = [
  { id: 'community', name: '社区群', rules: rules(400, true, 'light', ['group', 'moments']), profile: { address: '邻居们', cares: '到店自提和留货', badge: '邻里好物' } },
  { id: 'moms', name: '宝妈群', rules: rules(480, true, 'normal', ['group', 'moments']), profile: { address: '各位宝妈', cares: '配料、适合年龄和吃法', badge: '宝妈安心选', emoji: 'sparing' } },
  { id: 'fitness', name: '健身群', rules: rules(400, false, 'normal', ['group', 'video']), profile: { address: '各位练友', cares: '热量和蛋白质', badge: '练后补给' } },
  { id: 'koc', name: 'KOC种子群', rules: rules(500, true, 'normal', ['group', 'moments', 'video']), profile: { address: '尝鲜团的朋友们', cares: '口味和晒单玩法', badge: '新品尝鲜' } },
  { id: 'vip', name: 'VIP群', rules: rules(440, false, 'strong', ['group']), profile: { address: '各位会员朋友', cares: '留货和配送', badge: '会员专享' } },
];

/** Head, waist and leg of the test post as section text. */
export const SECTIONS = {
  head: '🧧 离过年不到两个月啦！\n今年给长辈带点啥？{{vars.nickname}}帮你想好了～',
  waist: '{{vars.brandName}}的「{{vars.productName}}」来啦 🎁\n12 小袋独立包装，每天一袋。',
  leg: '🎉 {{vars.offer}}\n💰 群内价 {{vars.price}}/盒\n👉 云店下单：{{link}}\n⏰ 活动到 {{vars.validUntil}}',
};

/** A complete post going to every group type. */
export function testPost(over: Partial<Post> = {}): Post {
  return {
    id: 'p1',
    title: '新春礼盒',
    campaign: '新春年货节',
    status: 'ready',
    head: sectionTextToLexical(SECTIONS.head, 'head'),
    waist: sectionTextToLexical(SECTIONS.waist, 'waist'),
    leg: sectionTextToLexical(SECTIONS.leg, 'leg'),
    product: { name: '坚果礼盒', price: 168, originalPrice: 208, unit: '盒' },
    offer: '满 2 盒每盒减 20 元',
    vipBenefit: '',
    hooks: {
      community: '走亲戚拎一盒正合适，街坊们去年回购了不少。',
      moms: '孩子老人都能吃：小袋独立装，一天一袋不贪多。',
      fitness: '练后想吃点零食？一小把坚果，热量心里有数。',
      koc: '新包装先给尝鲜团开箱，拍视频@我。',
      vip: '年货礼盒先给会员留了一批。',
    },
    conversionUrl: 'https://shop.example.com/p/p1?from=群发',
    validFrom: '2026-12-01',
    validUntil: '2027-02-14',
    groupTypes: [],
    // Every group type here asks for posters: the post pins the studio's approved poster layout.
    templates: { poster: { template: 'poster-plain', version: 1 } },
    ...over,
  };
}

/** An approved poster template (its source does not matter to compose: posters are not drawn here). */
export const POSTER_TEMPLATE = {
  id: 'poster-plain',
  kind: 'poster',
  name: '简洁海报',
  versions: [{ version: 1, source: '<div>{{vars.storeName}}</div>', createdAt: '2026-11-01', createdBy: 'manager', state: 'approved', comments: [], hash: '' }],
} as const;

/** The studio: minimalStudio's brand and stores, five group types, three channels, one post. */
export function composeStudio(): Data {
  const base = minimalStudio();
  return StudioData.parse({
    ...base,
    channels: CHANNELS,
    groupTypes: GROUP_TYPES,
    stores: [
      { ...base.stores[0]!, groupTypes: ['community', 'moms', 'fitness', 'koc', 'vip'] },
      { ...base.stores[1]!, groupTypes: ['community', 'vip'] },
      { id: 'S003', storeName: '关门的店', ownerName: '赵六', groupTypes: ['community'], active: false },
    ],
    templates: [POSTER_TEMPLATE],
    posts: [testPost()],
  });
}

/** Section text → Lexical for a post field. */
export const doc = (text: string) => sectionTextToLexical(text);
