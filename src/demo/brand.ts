import type { Brand, Channel } from '../model/index.js';

/** The demo brand's colours (shared with the artwork generator in scripts/demo-art). */
export const DEMO_COLORS = {
  primary: '#8B4A2B',
  secondary: '#4F7A3A',
  accent: '#F2A541',
  background: '#FFF7EC',
  text: '#3B2A20',
} as const;

/** File names of the brand's images under assets/demo/. */
export const BRAND_FILES = { logo: 'logo.png', ip: 'mascot-lili.png' } as const;

/** 拾果山房: a fictional nut and snack brand (asset ids are filled in by buildDemoStudio). */
export function demoBrand(ids: { logo: string; ip: string }): Brand {
  return {
    name: '拾果山房',
    slogan: '山里的好果仁，慢慢挑给你',
    colors: { ...DEMO_COLORS },
    logo: ids.logo,
    ip: {
      name: '栗栗',
      image: ids.ip,
      greeting: '嗨，我是栗栗！山里捡来的好果仁，一颗一颗挑给你～',
    },
  };
}

/** The three channels (ids are stable: group, moments, video). */
export const DEMO_CHANNELS: Channel[] = [
  {
    id: 'group',
    name: '社群消息',
    kind: 'group',
    text: { maxLength: 500, hashtags: 0 },
    images: { min: 0, max: 9, sizes: ['9x16', '1x1', '3x4'] },
  },
  {
    id: 'moments',
    name: '朋友圈',
    kind: 'moments',
    text: { maxLength: 300, hashtags: 0 },
    images: { min: 1, max: 9, sizes: ['1x1', '3x4'] },
  },
  {
    id: 'video',
    name: '视频号/抖音',
    kind: 'video',
    text: { maxLength: 200, titleMaxLength: 30, hashtags: 3 },
    images: { min: 0, max: 1, sizes: ['9x16'] },
    video: { minSeconds: 10, maxSeconds: 30 },
  },
];
