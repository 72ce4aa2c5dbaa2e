import type { AvatarSpec } from './avatar.js';

const SKIN = { light: '#f8d9c0', warm: '#f1c6a2', tan: '#dca67f', deep: '#b87a55' };

/** The twelve demo store owners' faces, in store order (LC001…LC012). */
export const AVATARS: AvatarSpec[] = [
  // LC001 王建国 老王: middle-aged, glasses, grey-black side parting, shop apron
  { file: 'avatar-lc001.png', bg: '#6c9bd2', bg2: '#a9c9ef', skin: SKIN.warm, hair: 'side', hairColor: '#4a4542', shirt: '#ffffff', shirtDetail: '#dfe6ee', glasses: true, apron: '#8b4a2b', smile: 'grin' },
  // LC002 李秀英 李姐: bun, warm smile, apron
  { file: 'avatar-lc002.png', bg: '#e98b6d', bg2: '#f8c4a8', skin: SKIN.light, hair: 'bun', hairColor: '#3b2620', shirt: '#f4e3c8', shirtDetail: '#e3cba6', apron: '#4f7a3a', eyes: 'happy', smile: 'open', earrings: '#f2a541' },
  // LC003 陈思远 阿远: young, spiky, hoodie
  { file: 'avatar-lc003.png', bg: '#4bb3a5', bg2: '#9fe0d5', skin: SKIN.tan, hair: 'spiky', hairColor: '#1f1a17', shirt: '#f2a541', shirtDetail: '#d98a2a', smile: 'grin' },
  // LC004 张丽 丽丽: ponytail
  { file: 'avatar-lc004.png', bg: '#f2b84b', bg2: '#fde2a1', skin: SKIN.light, hair: 'ponytail', hairColor: '#5a3526', shirt: '#e0677a', shirtDetail: '#c34f63', smile: 'open', earrings: '#ffffff' },
  // LC005 赵大海 海叔: older, bald with beard
  { file: 'avatar-lc005.png', bg: '#5a86a8', bg2: '#9dbfd8', skin: SKIN.deep, hair: 'bald', hairColor: '#8d8883', shirt: '#2f5d7c', shirtDetail: '#ffffff', beard: true, eyes: 'happy' },
  // LC006 刘畅 畅哥: fitness coach in a cap
  { file: 'avatar-lc006.png', bg: '#8bc34a', bg2: '#c8e6a0', skin: SKIN.tan, hair: 'cap', hairColor: '#2a211d', capColor: '#ff7043', shirt: '#263238', shirtDetail: '#8bc34a', smile: 'grin' },
  // LC007 孙桂兰 孙奶奶: grandma, grey curls, glasses
  { file: 'avatar-lc007.png', bg: '#b388c9', bg2: '#dcc3ea', skin: SKIN.light, hair: 'curly', hairColor: '#c9c4c0', shirt: '#a0475a', shirtDetail: '#7f3446', glasses: true, eyes: 'happy', smile: 'soft' },
  // LC008 周婷 婷婷妈: long hair, headband
  { file: 'avatar-lc008.png', bg: '#f48fb1', bg2: '#fbd0df', skin: SKIN.warm, hair: 'long', hairColor: '#2d1f1a', headband: '#ffd54f', shirt: '#ffffff', shirtDetail: '#f3c3d3', smile: 'open' },
  // LC009 吴磊 磊子: short hair, glasses, friendly
  { file: 'avatar-lc009.png', bg: '#7986cb', bg2: '#c5cae9', skin: SKIN.warm, hair: 'short', hairColor: '#231b17', shirt: '#4f7a3a', shirtDetail: '#3d6130', glasses: true, smile: 'open' },
  // LC010 郑雨萱 萱萱: sporty bob
  { file: 'avatar-lc010.png', bg: '#26a69a', bg2: '#a6e3dc', skin: SKIN.tan, hair: 'bob', hairColor: '#3a2418', shirt: '#ff7043', shirtDetail: '#e0552c', eyes: 'happy', smile: 'grin' },
  // LC011 黄志强 黄老板: curly dark hair, polo
  { file: 'avatar-lc011.png', bg: '#c0874f', bg2: '#e9c49c', skin: SKIN.deep, hair: 'curly', hairColor: '#2b1d16', shirt: '#1e5aa8', shirtDetail: '#ffffff', smile: 'grin' },
  // LC012 林晓雨 小雨: bun, pink, earrings
  { file: 'avatar-lc012.png', bg: '#ff9e80', bg2: '#ffd6c8', skin: SKIN.light, hair: 'bun', hairColor: '#7a4a32', shirt: '#fce4ec', shirtDetail: '#f8bbd0', earrings: '#f48fb1', eyes: 'happy', smile: 'soft' },
];
