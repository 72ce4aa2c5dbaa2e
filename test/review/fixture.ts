// Test data for the review tests: a small hand-written workspace (no seed origin) with one store
// holding the longest name and another the longest catchphrase, so worst-case selection is checkable.
import { StudioData, SCHEMA_VERSION, type Post, type StudioData as Data } from '../../src/model/index.js';
import { sourceHash } from '../../src/workspace/hash.js';
import { hashUserKey } from '../../src/review/keys.js';

/** The personal key of a fixture user (fixed, so tests can present it; real keys are random). */
export const keyOf = (id: string): string => `sqk_test-key-of-${id}`;

const doc = (text: string) => ({ root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } });

function version(source: string, state: 'approved' | 'draft' = 'approved') {
  return { version: 1, source, createdAt: '2026-01-02T00:00:00.000Z', createdBy: 'editor', state, comments: [], hash: sourceHash(source) };
}

/** A post pinning the three v1 templates. */
export function post(id: string, title = '新春家庭囤货'): Post {
  return {
    id,
    title,
    campaign: 'spring',
    status: 'ready',
    head: doc('年夜饭桌上少不了的那一口'),
    waist: doc('坚果礼盒，老人孩子都爱吃'),
    leg: doc('扫码进云店，满99减20'),
    product: { name: '坚果礼盒', price: 99, unit: '盒' },
    offer: '满99减20',
    vipBenefit: '',
    hooks: {},
    conversionUrl: 'https://shop.example.com/nuts',
    validFrom: '2026-01-01',
    validUntil: '2026-02-28',
    groupTypes: [],
    templates: { caption: { template: 'cap', version: 1 }, poster: { template: 'pos', version: 1 }, video: { template: 'vid', version: 1 } },
  };
}

/** A fresh workspace data object (parsed, defaults applied). */
export function fixture(): Data {
  const group = (id: string, name: string, max = 300) => ({
    id,
    name,
    rules: { captionMaxLength: max, emojiAllowed: true, legWeight: 'normal', channels: ['wechat-group'], formats: ['caption', 'poster', 'video'] },
  });
  const store = (id: string, storeName: string, catchphrase: string, active = true) => ({ id, storeName, ownerName: '王姐', catchphrase, groupTypes: ['community'], active });
  return StudioData.parse({
    schemaVersion: SCHEMA_VERSION,
    brand: { name: '乐家', colors: { primary: '#C8102E', secondary: '#333333', accent: '#FFB400', background: '#FFFFFF', text: '#222222' }, ip: { name: '乐乐' } },
    channels: [{ id: 'wechat-group', name: '微信群', kind: 'group', text: { maxLength: 500 }, images: {} }],
    groupTypes: [group('community', '社区群'), group('moms', '宝妈群', 200), group('vip', 'VIP群')],
    stores: [
      store('s1', '老王家便利店', '好吃不贵'),
      store('s2', '幸福里社区第一生活超市（东门店）', '邻里之间'),
      store('s3', '小李店', '每天都有新鲜货，街坊邻居都说好，来了就是一家人，欢迎常来坐坐'),
      store('s4', '一个已经停业的超级超级超级超级超级长名字的门店', '', false),
    ],
    templates: [
      { id: 'cap', kind: 'caption', name: '标准话术', versions: [version('{{sections.head}}\n{{sections.waist}}\n{{sections.leg}}')] },
      { id: 'pos', kind: 'poster', name: '竖版海报', versions: [version('<div>{{vars.storeName}}</div>')] },
      { id: 'vid', kind: 'video', name: '短视频', versions: [version('{"scenes":[]}')] },
    ],
    posts: [post('p1'), post('p2', '短')],
    users: [
      { id: 'editor', role: 'editor' },
      { id: 'editor2', role: 'editor' },
      { id: 'manager', role: 'manager' },
      { id: 'manager2', role: 'manager' },
      { id: 'shop1', role: 'store' },
    ],
    userKeys: ['editor', 'editor2', 'manager', 'manager2', 'shop1'].map((id) => ({ user: id, hash: hashUserKey(keyOf(id)), createdAt: '2026-01-01' })),
    portal: { tokens: [{ store: 's1', token: 'store-token-s1-abcdefghijklmnop', createdAt: '2026-01-01' }], managerToken: 'manager-token-0123456789abcdef' },
  });
}

/** Looks a user up in the fixture (for actor arguments). */
export function user(d: Data, id: string) {
  const u = d.users.find((x) => x.id === id);
  if (!u) throw new Error(`no user ${id}`);
  return u;
}
