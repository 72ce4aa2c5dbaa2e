import type { GroupType } from '../model/index.js';

/**
 * The five demo group types; their rules really differ (length, emoji, leg weight, channels, formats,
 * sizes), and so do their profiles (how members are addressed, what they care about, accent, badge).
 */
export const DEMO_GROUP_TYPES: GroupType[] = [
  {
    id: 'community',
    name: '社区群',
    description: '门店周边小区的邻居和熟客，大多是买菜、接娃顺路进店的街坊。',
    tone: '温暖、安静：强社交、中传播、弱交易。先像邻居一样聊家常，产品点到为止，不催单。',
    tip: '晚饭后 19:30–20:30 发，先一句家常再放图；一天一条就够，别刷屏。有人问再私聊细说。',
    rules: {
      captionMaxLength: 490,
      emojiAllowed: true,
      legWeight: 'light',
      channels: ['group', 'moments'],
      formats: ['caption', 'poster'],
      sizes: ['1x1', '3x4'],
    },
    profile: { address: '邻居们', cares: '到店自提和留货', accent: '#4F7A3A', badge: '邻里好物', emoji: 'lively' },
  },
  {
    id: 'moms',
    name: '宝妈群',
    description: '附近幼儿园、小学的家长，关心孩子吃得安不安心。',
    tone: '实用、安心：讲清配料、适合年龄和吃法，多用真实妈妈的反馈，少用口号。',
    tip: '上午 9:30 送完孩子后或午休 13:00 发；配料表那张图放第一张，群里的提问当天回复。',
    rules: {
      captionMaxLength: 480,
      emojiAllowed: true,
      legWeight: 'normal',
      channels: ['group', 'moments'],
      formats: ['caption', 'poster'],
      sizes: ['3x4', '1x1'],
    },
    profile: { address: '各位宝妈', cares: '配料、适合年龄和吃法', accent: '#C2557A', badge: '宝妈安心选', emoji: 'sparing' },
  },
  {
    id: 'fitness',
    name: '健身群',
    description: '跑团、健身房和广场舞队的兴趣群，大家每天在群里打卡。',
    tone: '话题先行：先聊训练和饮食，产品是运动场景里的一部分；语气干脆，不用表情符号。',
    tip: '早上 7:00 打卡时段或晚训后 21:00 发；先接着大家的打卡话题聊，链接放最后。',
    rules: {
      captionMaxLength: 400,
      emojiAllowed: false,
      legWeight: 'normal',
      channels: ['group', 'video'],
      formats: ['caption', 'poster', 'video'],
      sizes: ['9x16', '1x1'],
    },
    profile: { address: '各位练友', cares: '热量、蛋白质和什么时候吃', accent: '#2F7FB8', badge: '练后补给', emoji: 'lively' },
  },
  {
    id: 'koc',
    name: 'KOC种子群',
    description: '爱尝鲜、爱分享的老顾客，新品先给他们试，他们的转发是放大器。',
    tone: '抢先体验、邀请分享：给足新品细节和可以直接转发的素材，鼓励晒单、拍视频。',
    tip: '新品上架前 1–2 天发；附上能直接转发的图和短视频，请大家晒单时 @ 店主，第二天挑几条晒单在群里感谢。',
    rules: {
      captionMaxLength: 500,
      emojiAllowed: true,
      legWeight: 'normal',
      channels: ['group', 'moments', 'video'],
      formats: ['caption', 'poster', 'video'],
      sizes: ['9x16', '1x1', '3x4'],
    },
    profile: { address: '尝鲜团的朋友们', cares: '口味、包装和晒单玩法', accent: '#7A4FB0', badge: '新品尝鲜', emoji: 'lively' },
  },
  {
    id: 'vip',
    name: 'VIP群',
    description: '一年在店里买得多的老客户，人数少，每位都认识店主。',
    tone: '专属、周到：专属价、优先留货、送货上门，用词正式克制，不用表情符号。',
    tip: '周五晚 20:00 发专属福利，写清名额和截止时间；发完后逐一私聊确认要不要留货。',
    rules: {
      captionMaxLength: 460,
      emojiAllowed: false,
      legWeight: 'strong',
      channels: ['group'],
      formats: ['caption', 'poster'],
      sizes: ['9x16', '3x4'],
    },
    profile: { address: '各位会员', cares: '留货、会员价和配送', accent: '#A8832A', badge: '会员专享', emoji: 'lively' },
  },
];
