import { SCHEMA_VERSION, StudioData, type Template } from '../model/index.js';

/** A new, empty workspace: a placeholder brand, the three standard channels, the built-in templates. */
export function blankStudio(templates: Template[]): StudioData {
  return StudioData.parse({
    schemaVersion: SCHEMA_VERSION,
    brand: {
      name: '我的品牌',
      slogan: '',
      colors: { primary: '#C8102E', secondary: '#F4B400', accent: '#1F7A5A', background: '#FFF9F0', text: '#222222' },
      ip: { name: '品牌IP' },
    },
    channels: [
      { id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 500 }, images: { min: 0, max: 9, sizes: ['9x16', '1x1', '3x4'] } },
      { id: 'moments', name: '朋友圈', kind: 'moments', text: { maxLength: 300 }, images: { min: 1, max: 9, sizes: ['1x1', '3x4'] } },
      { id: 'video', name: '视频号/抖音', kind: 'video', text: { maxLength: 120, titleMaxLength: 30, hashtags: 3 }, images: { min: 0, max: 0, sizes: [] }, video: { minSeconds: 10, maxSeconds: 30 } },
    ],
    templates,
    users: [
      { id: 'editor', name: '内容编辑', role: 'editor' },
      { id: 'manager', name: '品牌经理', role: 'manager' },
    ],
  });
}
