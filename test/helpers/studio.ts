import { SCHEMA_VERSION, StudioData } from '../../src/model/index.js';

/**
 * A tiny valid StudioData for tests: one brand, 2 channels (社群消息, 朋友圈), 2 group types
 * (社区群 `community`, 宝妈群 `moms`), 2 stores and no posts. Returns a fresh copy each call.
 */
export function minimalStudio(): StudioData {
  return StudioData.parse({
    schemaVersion: SCHEMA_VERSION,
    brand: {
      name: '禾田小食',
      slogan: '好吃不贵，邻里常聚',
      colors: { primary: '#C8102E', secondary: '#F2A900', accent: '#2E7D32', background: '#FFF8EE', text: '#222222' },
      ip: { name: '禾小田', greeting: '街坊们好呀' },
    },
    channels: [
      { id: 'group-msg', name: '社群消息', kind: 'group', text: { maxLength: 500 }, images: { min: 0, max: 9, sizes: ['1x1', '3x4'] } },
      { id: 'moments', name: '朋友圈', kind: 'moments', text: { maxLength: 300 }, images: { min: 1, max: 9, sizes: ['1x1'] } },
    ],
    groupTypes: [
      {
        id: 'community',
        name: '社区群',
        tone: '温和、邻里',
        rules: { captionMaxLength: 300, emojiAllowed: true, legWeight: 'light', channels: ['group-msg'], formats: ['caption', 'poster'] },
      },
      {
        id: 'moms',
        name: '宝妈群',
        tone: '实用、可信',
        rules: { captionMaxLength: 400, emojiAllowed: true, legWeight: 'normal', channels: ['group-msg', 'moments'], formats: ['caption', 'poster'] },
      },
    ],
    stores: [
      {
        id: 'S001',
        storeName: '禾田小食·幸福里店',
        ownerName: '王芳',
        nickname: '芳姐',
        catchphrase: '街坊的事就是我的事',
        address: '幸福里小区东门12号',
        district: '朝阳区',
        phone: '13800000001',
        cloudStoreUrl: 'https://shop.example.com/s/S001',
        groupTypes: ['community', 'moms'],
      },
      {
        id: 'S002',
        storeName: '禾田小食·向阳店',
        ownerName: '李强',
        nickname: '强哥',
        district: '海淀区',
        groupTypes: ['community'],
      },
    ],
    templates: [],
    posts: [],
  });
}
