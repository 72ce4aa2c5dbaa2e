import type { Post } from '../model/index.js';
import { lexicalFromText } from './lexical.js';

/** File names of the product images under assets/demo/. */
export const PRODUCT_FILES = {
  giftBox: 'product-gift-box.jpg',
  kidsPack: 'product-kids-pack.jpg',
  yogurtCup: 'product-yogurt-cup.jpg',
} as const;

/** A demo post with its product image as a file name (resolved to an asset id by buildDemoStudio). */
export type DemoPost = Omit<Post, 'product'> & { product: Omit<Post['product'], 'image'> & { imageFile: string } };

const EDITED = '2026-11-20T09:30:00+08:00';

/**
 * Three complete posts, each with head (吸引), waist (认知) and leg (转化, always with {link}).
 * Written without Advertising-Law absolutes (最, 第一, 唯一, 顶级, 100% ...) so they pass the checks.
 * "summer-light" ended on 2026-10-31 on purpose, so an expired post is visible in the demo. Each post
 * has a hook per group type; only "spring-gift" has a VIP benefit and a limit (限量 60 盒).
 */
export const DEMO_POSTS: DemoPost[] = [
  {
    id: 'spring-gift',
    title: '新春年货礼盒 · 团圆带点山野味',
    campaign: '2027 新春年货节',
    status: 'ready',
    head: lexicalFromText(
      '🧧 离过年不到两个月啦！\n今年回老家、走亲戚，给长辈带点啥？{nickname}帮你想好了～',
    ),
    waist: lexicalFromText(
      [
        '{brandName}的「{productName}」今年又来啦 🎁',
        '12 小袋独立包装，核桃、巴旦木、腰果、开心果、蔓越莓干，初一到十二每天一袋。',
        '红礼盒拎着体面，一家老小分着吃。去年不少邻居回购，说拆开没两天就空了 😄',
      ].join('\n'),
    ),
    leg: lexicalFromText(
      [
        '🎉 {offer}',
        '💰 群内价 {price}/盒',
        '📍 到店自提：{storeName}',
        '👉 云店下单：{link}',
        '⏰ 活动到 {validUntil}',
      ].join('\n'),
    ),
    product: { name: '山野坚果礼盒', price: 168, originalPrice: 208, unit: '盒', imageFile: PRODUCT_FILES.giftBox, safeArea: { x: 0.3, y: 0.49, w: 0.4, h: 0.18 } },
    offer: '年货节：满 2 盒每盒再减 20 元，加送栗栗福字贴',
    vipBenefit: '会员第 2 盒再打 9 折，年前优先留货',
    limit: 60,
    hooks: {
      community: '给家里老人挑年货？这盒坚果拎着体面，街坊们去年回购了不少。',
      moms: '孩子和老人都能吃的年货：12 小袋独立装，一天一袋不贪多，拆开就是原味坚果和果干。',
      koc: '今年礼盒换了新包装，先给尝鲜团开箱！拍开箱视频@我，挑几条发群里。',
      vip: '年货礼盒先给各位会员留了一批，会员价和留货都按老规矩来。',
    },
    conversionUrl: 'https://yun.shiguoshanfang.example/p/spring-gift-2027',
    validFrom: '2026-11-20',
    validUntil: '2027-02-28',
    groupTypes: ['community', 'moms', 'koc', 'vip'],
    templates: {},
    updatedAt: EDITED,
  },
  {
    id: 'school-snack',
    title: '开学季 · 放学加餐小盒',
    campaign: '开学加餐季',
    status: 'ready',
    head: lexicalFromText('📚 孩子放学进门头一句，是不是「妈妈我饿了」？\n晚饭前垫一口，吃什么才安心？'),
    waist: lexicalFromText(
      [
        '{brandName}的「{productName}」，给 3 岁以上小朋友准备：',
        '✅ 坚果切成小粒，配蔓越莓干',
        '✅ 每袋 20g，一次加餐刚好',
        '✅ 7 日装，一天一袋不贪多',
        '群里几位妈妈试过，说孩子爱吃、大人放心 👍 小朋友吃的时候请大人在旁边看着哦。',
      ].join('\n'),
    ),
    leg: lexicalFromText(['🎒 {offer}', '💰 {price}/盒，{validUntil} 前有效', '👉 下单：{link}', '接娃顺路，到 {storeName} 找{nickname}拿也行～'].join('\n')),
    product: { name: '栗栗每日坚果·儿童款（7日装）', price: 59.9, originalPrice: 69.9, unit: '盒', imageFile: PRODUCT_FILES.kidsPack, safeArea: { x: 0.33, y: 0.3, w: 0.34, h: 0.48 } },
    offer: '开学加餐季：第 2 盒半价，再送栗栗贴纸一套',
    vipBenefit: '',
    hooks: {
      moms: '放学饿了别乱吃零食：一袋 20g 刚好垫一垫，3 岁以上的小朋友就能吃。',
      koc: '开学新口味先给你们试，拍下孩子吃的样子晒单，再送一套贴纸。',
      community: '接娃路过店门口？顺手带一盒，晚饭前给孩子垫一口。',
    },
    conversionUrl: 'https://yun.shiguoshanfang.example/p/school-snack',
    validFrom: '2026-09-01',
    validUntil: '2027-06-30',
    groupTypes: ['moms', 'koc', 'community'],
    templates: {},
    updatedAt: EDITED,
  },
  {
    id: 'summer-light',
    title: '夏日轻食 · 酸奶坚果杯',
    campaign: '夏日轻食',
    status: 'ready',
    head: lexicalFromText('☀️ 三伏天练完一身汗，晚饭不想吃太油？\n分享一个{nickname}自己常吃的轻食搭配 👇'),
    waist: lexicalFromText(
      [
        '{brandName}的「{productName}」：希腊式酸奶、烤燕麦、巴旦木、腰果，再加蓝莓草莓。',
        '一杯约 300 千卡，顶饱不腻，冷藏后更好吃。',
        '跑团朋友说，晨跑后来一杯，一上午不容易饿 🏃',
      ].join('\n'),
    ),
    leg: lexicalFromText(['🥄 {offer}', '💰 {price}/杯', '👉 提前下单，到店冷柜直接拿：{link}', '活动到 {validUntil} 结束'].join('\n')),
    product: { name: '酸奶坚果杯', price: 15.9, originalPrice: 19.9, unit: '杯', imageFile: PRODUCT_FILES.yogurtCup },
    offer: '夏日轻食周卡：7 杯 99 元，练后打卡晒图再送 1 杯',
    vipBenefit: '',
    hooks: {
      fitness: '练后 30 分钟补一杯：酸奶的蛋白质加一小把坚果，约 300 千卡。',
      koc: '夏日轻食新品先试：拍一张练后打卡照，带话题晒单再送 1 杯。',
      community: '天热不想开火？店里冷柜有现成的酸奶坚果杯，下楼就能拿。',
    },
    conversionUrl: 'https://yun.shiguoshanfang.example/p/summer-light',
    validFrom: '2026-06-15',
    validUntil: '2026-10-31',
    groupTypes: ['fitness', 'koc', 'community'],
    templates: {},
    updatedAt: EDITED,
  },
];
