/**
 * Group-type profiles, per-group hooks, claims backed by data and channel conventions (issue 16,
 * points 5, 6 and 9): on the compose fixture and on the real demo workspace.
 */
import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/compose/checkAll.js';
import { similarPairs } from '../../src/compose/checks/index.js';
import { composeAll, composeVariant } from '../../src/compose/compose.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { demoStudio } from '../../src/setup/demo.js';
import { bigramSimilarity, keepLeadingEmoji } from '../../src/model/text.js';
import type { StudioData, Template } from '../../src/model/index.js';
import { composeStudio } from './fixtures.js';

const edit = (fn: (d: StudioData) => void) => {
  const d = composeStudio();
  fn(d);
  return d;
};

/** A workspace caption-group template (approved) with this source. */
function captionTemplate(source: string): Template {
  return { id: 'caption-group', kind: 'caption', name: 'ws', description: '', versions: [{ version: 1, state: 'approved', source, createdAt: '2026-01-01', createdBy: 't', comments: [], hash: '' }] };
}

describe('group-type profiles and hooks', () => {
  it("each group's caption opens with its address and the post's hook for that group", () => {
    const byGroup = Object.fromEntries(composeAll(composeStudio(), { store: 'S001' }).map((v) => [v.group, v.caption]));
    expect(byGroup.community!.split('\n').slice(0, 2)).toEqual(['邻居们晚上好～', '走亲戚拎一盒正合适，街坊们去年回购了不少。']);
    expect(byGroup.moms!.split('\n').slice(0, 2)).toEqual(['各位宝妈好，', '孩子老人都能吃：小袋独立装，一天一袋不贪多。']);
    // The profile's cares close a normal-leg caption.
    expect(byGroup.moms).toContain('配料、适合年龄和吃法有什么想问的');
    // A group without a hook for this post just starts with the head.
    const d = edit((x) => (x.posts[0]!.hooks = {}));
    expect(composeVariant(d, 'p1', 'community', 'S001').caption.split('\n')[1]).toBe('🧧 离过年不到两个月啦！');
  });

  it("a workspace written before profiles loads with defaults and still composes (address falls back to 大家)", () => {
    const d = edit((x) => {
      for (const g of x.groupTypes) g.profile = { address: '', cares: '', badge: '', emoji: 'lively' };
    });
    expect(composeVariant(d, 'p1', 'community', 'S001').caption.split('\n')[0]).toBe('大家晚上好～');
  });

  it("'sparing' keeps only the emoji that open a line; 'lively' keeps all; emoji off keeps none", () => {
    expect(keepLeadingEmoji('🧧 离过年啦！🎁\n今年 🎉 好\n✅✅ 每袋 20g 👍')).toBe('🧧 离过年啦！\n今年 好\n✅✅ 每袋 20g');
    const byGroup = Object.fromEntries(composeAll(composeStudio(), { store: 'S001' }).map((v) => [v.group, v.caption]));
    expect(byGroup.moms).toContain('🧧 离过年不到两个月啦！');
    expect(byGroup.moms).toContain('禾田小食的「坚果礼盒」来啦\n'); // its trailing 🎁 is gone
    expect(byGroup.koc).toContain('来啦 🎁');
    expect(byGroup.fitness).not.toMatch(/🧧|🎁/);
  });
});

describe('claims must come from data', () => {
  const OLD_VIP_CLOSE = '{{sections.head}}\n{{sections.waist}}\n{{sections.leg}}\n各位会员朋友好，给大家留了一份专属福利。名额有限。需要留货请直接回复我，可以送货上门。';

  it('a template promising delivery, a VIP benefit and scarcity with none of them in the data: three errors naming the words', () => {
    const d = edit((x) => x.templates.push(captionTemplate(OLD_VIP_CLOSE)));
    const f = checkWorkspace(d).findings.filter((x) => x.ruleId === 'claims.unbacked' && x.group === 'vip' && x.store === 'S001');
    expect(f.map((x) => [x.severity, x.field, x.channel])).toEqual([
      ['error', 'claims.delivery', 'group'],
      ['error', 'claims.vip', 'group'],
      ['error', 'claims.scarcity', 'group'],
    ]);
    expect(f[0]!.message.zh).toContain('送货上门');
    const v = composeVariant(d, 'p1', 'vip', 'S001');
    expect(v.caption.slice(f[2]!.position!.start, f[2]!.position!.end)).toBe('名额有限');
  });

  it('the same template is fine once the store delivers, the post has a VIP benefit and a limit', () => {
    const d = edit((x) => {
      x.templates.push(captionTemplate(OLD_VIP_CLOSE));
      x.stores[0]!.delivery = true;
      x.posts[0]!.vipBenefit = '会员第 2 盒 9 折';
      x.posts[0]!.limit = 50;
    });
    expect(checkWorkspace(d).findings.filter((x) => x.ruleId === 'claims.unbacked' && x.store === 'S001')).toEqual([]);
    // S002 does not deliver: the promise is still an error for that store only.
    const left = checkWorkspace(d).findings.filter((x) => x.ruleId === 'claims.unbacked');
    expect(new Set(left.map((x) => `${x.store} ${x.field}`))).toEqual(new Set(['S002 claims.delivery']));
  });

  it('the built-in template says each promise only when the data has it', () => {
    const plain = composeVariant(composeStudio(), 'p1', 'vip', 'S001').caption;
    expect(plain).not.toMatch(/专属福利|限量|名额|送货/);
    const d = edit((x) => {
      x.stores[0]!.delivery = true;
      x.stores[0]!.deliveryNote = '小区内送货上门';
      x.posts[0]!.vipBenefit = '会员第 2 盒 9 折';
      x.posts[0]!.limit = 50;
    });
    const rich = composeVariant(d, 'p1', 'vip', 'S001').caption;
    expect(rich.split('\n')[0]).toBe('各位会员朋友好，给大家留了一份专属福利：会员第 2 盒 9 折。');
    expect(rich).toContain('这次限量 50 盒，留完为止。需要留货请直接回复我，小区内送货上门。');
    expect(checkWorkspace(d).errors).toBe(0);
  });

  it("a scarcity claim in the post's own text without a limit is a warning on the post", () => {
    const d = edit((x) => (x.posts[0]!.offer = '限量抢购：满 2 盒每盒减 20 元'));
    const f = checkWorkspace(d).findings.filter((x) => x.ruleId === 'claims.unbacked');
    expect(f.map((x) => [x.severity, x.field])).toEqual([['warning', 'claims.scarcity']]);
  });
});

describe('channel conventions', () => {
  it('视频号/抖音 texts carry no raw URL: hashtags and 扫码/戳主页 guidance; the link is in the end card', () => {
    const video = composeVariant(composeStudio(), 'p1', 'koc', 'S001').channels.video!;
    expect(video).not.toMatch(/https?:\/\//);
    expect(video).toMatch(/#禾田小食/);
    expect(video).toMatch(/视频最后扫码.*戳主页/);
    const d = edit((x) => x.templates.push({ ...captionTemplate('{{firstLine sections.head}}\n下单：{{link channel.id}}'), id: 'caption-video' }));
    const f = checkWorkspace(d).findings.find((x) => x.ruleId === 'channel.raw_url')!;
    expect(f).toMatchObject({ severity: 'warning', channel: 'video' });
  });

  it("社区群's Moments text has no link and says to scan the poster's QR; a text with neither is flagged", () => {
    const moments = composeVariant(composeStudio(), 'p1', 'community', 'S001').channels.moments!;
    expect(moments).not.toMatch(/https?:\/\//);
    expect(moments).toContain('长按识别海报上的二维码');
    const d = edit((x) => x.templates.push({ ...captionTemplate('{{firstLine sections.head}}'), id: 'caption-moments' }));
    expect(checkWorkspace(d).findings.find((x) => x.ruleId === 'channel.no_conversion')).toMatchObject({ channel: 'moments' });
  });
});

describe('the demo: captions of two group types for one store read differently', () => {
  it('every pair of group types measures below 0.7 with the similarity check, and the check is clean', async () => {
    // The demo as the studio creates it: built-in templates added and pinned.
    const { data } = await demoStudio();
    const variants = composeAll(data);
    const byPostStore = new Map<string, { group: string; caption: string }[]>();
    for (const v of variants) byPostStore.set(`${v.post}/${v.store}`, [...(byPostStore.get(`${v.post}/${v.store}`) ?? []), { group: v.group, caption: v.caption }]);
    let max = 0;
    let pairs = 0;
    for (const list of byPostStore.values()) {
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++, pairs++) max = Math.max(max, bigramSimilarity(list[i]!.caption, list[j]!.caption));
      expect(similarPairs(list)).toEqual([]);
    }
    expect(pairs).toBeGreaterThan(20);
    expect(max).toBeLessThan(0.7);
    const report = checkWorkspace(data);
    expect(report.findings).toEqual([]);
  });

  it('without hooks and profiles the same demo captions are flagged as too similar (the check can fail)', async () => {
    const { data } = await buildDemoStudio();
    for (const p of data.posts) p.hooks = {};
    for (const g of data.groupTypes) g.profile = { address: '', cares: '', badge: '', emoji: 'lively' };
    const flagged = checkWorkspace(data).findings.filter((f) => f.ruleId === 'captions.similar');
    expect(flagged.length).toBeGreaterThan(0);
  });
});
