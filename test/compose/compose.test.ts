import { describe, expect, it } from 'vitest';
import { loadBuiltinCaptionTemplates } from '../../src/compose/builtins.js';
import { composeAll, composeVariant } from '../../src/compose/compose.js';
import { planVariants } from '../../src/compose/plan.js';
import { buildVariantContext } from '../../src/compose/context.js';
import { bigramSimilarity, charCount, hasEmoji } from '../../src/model/text.js';
import type { Template } from '../../src/model/index.js';
import { composeStudio, doc, SECTIONS, testPost } from './fixtures.js';

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('variant context', () => {
  it('holds brand, group with rules and channels, store, post, link, resolved sections and vars', () => {
    const data = composeStudio();
    const ctx = buildVariantContext(data, data.posts[0]!, 'moms', 'S001');
    expect(ctx.brand.name).toBe('禾田小食');
    expect(ctx.group.rules.legWeight).toBe('normal');
    expect(ctx.channels.map((c) => c.id)).toEqual(['group', 'moments']);
    expect(ctx.store.id).toBe('S001');
    expect(ctx.post.id).toBe('p1');
    expect(ctx.sections.head).toBe('🧧 离过年不到两个月啦！\n今年给长辈带点啥？芳姐帮你想好了～');
    expect(ctx.sections.leg).toContain(`云店下单：${ctx.link}`);
    expect(ctx.vars).toMatchObject({ nickname: '芳姐', price: '¥168', validUntil: '2月14日', brandName: '禾田小食', brandIpName: '禾小田', productName: '坚果礼盒', link: ctx.link, district: '朝阳区' });
    expect(() => buildVariantContext(data, data.posts[0]!, 'nope', 'S001')).toThrow(/group type "nope" not found/);
  });

  it('templates see unset optional fields as null, so #if can test them while a typo stays an error', () => {
    const data = composeStudio();
    data.templates.push({
      id: 'caption-group', kind: 'caption', name: 'opt', description: '',
      versions: [{ version: 1, state: 'approved', createdAt: '2026-01-01', createdBy: 't', comments: [], hash: '',
        source: '{{#if store.avatar}}A{{else}}noA{{/if}} {{#if post.product.originalPrice}}{{price post.product.originalPrice}}{{/if}} {{#if store.cloudStoreUrl}}C{{else}}noC{{/if}} {{sections.leg}}' }],
    });
    expect(composeVariant(data, 'p1', 'vip', 'S002').caption.startsWith('noA ¥208 noC')).toBe(true);
    expect(composeVariant(data, 'p1', 'vip', 'S001').caption.startsWith('noA ¥208 C')).toBe(true);
    expect(data.stores[1]!.cloudStoreUrl).toBeUndefined();
  });

  it('strips emoji from the sections when the group type forbids them', () => {
    const data = composeStudio();
    const ctx = buildVariantContext(data, data.posts[0]!, 'fitness', 'S001');
    expect(hasEmoji(ctx.sections.head + ctx.sections.waist + ctx.sections.leg)).toBe(false);
    expect(ctx.sections.head).toBe('离过年不到两个月啦！\n今年给长辈带点啥？芳姐帮你想好了～');
  });
});

describe('captions per group type', () => {
  const data = composeStudio();
  const byGroup = Object.fromEntries(composeAll(data, { store: 'S001' }).map((v) => [v.group, v]));

  it('every one of the five group types reads differently (opener, close), none near-identical to another', () => {
    const ids = ['community', 'moms', 'fitness', 'koc', 'vip'];
    const firstLines = ids.map((g) => byGroup[g]!.caption.split('\n')[0]);
    expect(new Set(firstLines).size).toBe(5);
    for (const g of ids) expect(byGroup[g]!.caption).toContain('12 小袋独立包装，每天一袋。');
    expect(byGroup.community!.findings.filter((f) => f.ruleId === 'captions.similar')).toEqual([]);
  });

  it('社区群 (light leg): soft short call to action, no extra price push; VIP群 (strong): deadline, price, reserve', () => {
    const community = byGroup.community!.caption;
    const vip = byGroup.vip!.caption;
    expect(community.split('\n')[0]).toBe('邻居们晚上好～');
    expect(community).toContain('不着急');
    expect(count(community, '¥168')).toBe(1); // only the leg's own price line
    expect(community).not.toMatch(/截止|名额/);
    expect(vip.split('\n')[0]).toContain('会员');
    expect(vip).toMatch(/2月14日截止，到手价¥168。需要留货请直接回复我。/);
    // No VIP benefit, limit or delivery in the data: the template promises none of them.
    expect(vip).not.toMatch(/专属福利|名额|限量|送货/);
    expect(count(vip, '¥168')).toBe(2);
    expect(vip.trim().endsWith('王芳 敬上')).toBe(true);
    expect(bigramSimilarity(community, vip)).toBeLessThan(0.9);
  });

  it('emoji off (健身群, VIP群) strips every emoji, the template\'s own included', () => {
    expect(hasEmoji(byGroup.fitness!.caption)).toBe(false);
    expect(hasEmoji(byGroup.vip!.caption)).toBe(false);
    expect(hasEmoji(byGroup.koc!.caption)).toBe(true);
  });

  it('each group type gets the channels it uses; Moments is written for Moments, not the group message cut short', () => {
    expect(Object.keys(byGroup.community!.channels)).toEqual(['group', 'moments']);
    expect(Object.keys(byGroup.fitness!.channels)).toEqual(['group', 'video']);
    expect(Object.keys(byGroup.vip!.channels)).toEqual(['group']);
    expect(byGroup.koc!.channels.group).toBe(byGroup.koc!.caption);
    const moments = byGroup.moms!.channels.moments!;
    const caption = byGroup.moms!.caption;
    expect(charCount(moments)).toBeLessThan(charCount(caption) * 0.7);
    expect(caption.startsWith(moments.slice(0, 20))).toBe(false);
    expect(moments).toContain('坚果礼盒');
    expect(moments).toContain('sq_ch=moments');
    expect(byGroup.community!.channels.moments).not.toContain('¥'); // light: no price in Moments either
  });

  it('视频号/抖音: a title of at most 30 characters on the first line, then hashtags', () => {
    const video = byGroup.koc!.channels.video!;
    const [title, tags] = video.split('\n');
    expect(charCount(title!)).toBeLessThanOrEqual(30);
    expect(tags).toBe('#禾田小食 #坚果礼盒 #朝阳区');
  });

  it('a caption over the group\'s limit is an error saying by how much; the leg is not cut', () => {
    const d = composeStudio();
    d.groupTypes.find((g) => g.id === 'community')!.rules.captionMaxLength = 100;
    const v = composeVariant(d, 'p1', 'community', 'S001');
    const f = v.findings.find((x) => x.ruleId === 'caption.too_long')!;
    const n = charCount(v.caption);
    expect(f.severity).toBe('error');
    expect(f.message.zh).toContain(`共 ${n} 字，超出上限 100 字 ${n - 100} 字`);
    expect(f.message.en).toContain(`${n - 100} over the limit of 100`);
    expect(v.caption).toContain('⏰ 活动到 2月14日');
    expect(v.caption).toContain(v.link);
    expect(f.position).toEqual({ start: Array.from(v.caption).slice(0, 100).join('').length, end: v.caption.length });
  });
});

describe('which template composes', () => {
  const custom = (id: string, versions: { version: number; state: Template['versions'][number]['state']; source: string }[]): Template => ({
    id,
    kind: 'caption',
    name: id,
    description: '',
    versions: versions.map((v) => ({ ...v, createdAt: '2026-01-01', createdBy: 'test', comments: [], hash: '' })),
  });

  it('built-ins load as approved v1 caption templates, one per channel kind', () => {
    const t = loadBuiltinCaptionTemplates();
    expect(t.map((x) => [x.id, x.kind, x.versions[0]!.version, x.versions[0]!.state])).toEqual([
      ['caption-group', 'caption', 1, 'approved'],
      ['caption-moments', 'caption', 1, 'approved'],
      ['caption-video', 'caption', 1, 'approved'],
    ]);
    expect(t[0]!.name).toBe('社群消息（默认）');
    expect(t[0]!.versions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the post\'s pinned version, else the workspace\'s latest approved, else the built-in', () => {
    const data = composeStudio();
    expect(composeVariant(data, 'p1', 'moms', 'S001').templates).toEqual({ group: 'builtin:caption-group@1', moments: 'builtin:caption-moments@1' });
    data.templates.push(custom('caption-group', [{ version: 1, state: 'approved', source: 'WS1 {{sections.leg}}' }, { version: 2, state: 'draft', source: 'WS2' }]));
    data.templates.push(custom('my-caption', [{ version: 3, state: 'approved', source: 'PIN {{vars.nickname}} {{sections.leg}}' }, { version: 4, state: 'in_review', source: 'DRAFT {{sections.leg}}' }]));
    const ws = composeVariant(data, 'p1', 'moms', 'S001');
    // 宝妈群's emoji policy is 'sparing': an emoji not opening its line (🎉 after "WS1 ") is dropped.
    expect(ws.caption.startsWith('WS1 满 2 盒')).toBe(true);
    expect(ws.templates.group).toBe('caption-group@1');
    data.posts[0]!.templates.caption = { template: 'my-caption', version: 3 };
    expect(composeVariant(data, 'p1', 'moms', 'S001').caption.startsWith('PIN 芳姐')).toBe(true);
    data.posts[0]!.templates.caption = { template: 'my-caption', version: 4 };
    const draft = composeVariant(data, 'p1', 'moms', 'S001');
    expect(draft.findings.find((f) => f.ruleId === 'template.not_approved')?.severity).toBe('error');
    data.posts[0]!.templates.caption = { template: 'gone', version: 1 };
    const gone = composeVariant(data, 'p1', 'moms', 'S001');
    expect(gone.findings.map((f) => f.ruleId)).toContain('template.missing');
    expect(gone.templates.group).toBe('builtin:caption-group@1');
  });

  it('a broken workspace template is a finding naming template, line and field, not a crash', () => {
    const data = composeStudio();
    data.templates.push(custom('caption-group', [{ version: 1, state: 'approved', source: '{{sections.leg}}\n{{store.phon}}' }]));
    const v = composeVariant(data, 'p1', 'moms', 'S001');
    const f = v.findings.find((x) => x.ruleId === 'template.error')!;
    expect(f.message.en).toContain('template "caption-group" line 2: missing field "store.phon"');
    expect(f.field).toBe('store.phon');
    expect(v.caption).toBe('');
  });
});

describe('store values are printed literally', () => {
  it('{{ }} and & < > " \' typed into a store name or catchphrase never become template code', () => {
    const data = composeStudio();
    const s = data.stores[0]!;
    s.storeName = '{{vars.phone}} A&B <店>';
    s.catchphrase = '"好货" \'实惠\' {{#each channels}}x{{/each}} {{link}}';
    data.posts[0]!.leg = doc(`${SECTIONS.leg}\n📍 {{vars.storeName}}`);
    const v = composeVariant(data, 'p1', 'community', 'S001');
    expect(v.caption).toContain('📍 {{vars.phone}} A&B <店>');
    expect(v.caption).toContain('—— 芳姐："好货" \'实惠\' {{#each channels}}x{{/each}} {{link}}');
    expect(v.channels.moments).toContain('进{{vars.phone}} A&B <店>云店下单');
    expect(v.findings.filter((f) => f.ruleId.startsWith('template'))).toEqual([]);
  });
});

describe('planning and preview', () => {
  it('post × (group types the store runs ∩ post.groupTypes, empty = all) × active stores; archived skipped', () => {
    const data = composeStudio();
    const ids = (f = {}) => planVariants(data, f).map((p) => `${p.post.id}/${p.group.id}/${p.store.id}`);
    expect(ids()).toEqual(['p1/community/S001', 'p1/moms/S001', 'p1/fitness/S001', 'p1/koc/S001', 'p1/vip/S001', 'p1/community/S002', 'p1/vip/S002']);
    data.posts[0]!.groupTypes = ['vip', 'moms'];
    expect(ids()).toEqual(['p1/moms/S001', 'p1/vip/S001', 'p1/vip/S002']);
    expect(ids({ store: 'S002' })).toEqual(['p1/vip/S002']);
    data.posts[0]!.status = 'archived';
    expect(ids()).toEqual([]);
    expect(ids({ post: 'p1' })).toHaveLength(3);
    expect(() => ids({ post: 'nope' })).toThrow(/post "nope" not found/);
  });

  it('an unsaved post composes for a group and store, fast enough for every keystroke', () => {
    const data = composeStudio();
    const draft = testPost({ id: 'draft-1', head: doc('新品上架！{{vars.nickname}}推荐'), groupTypes: ['moms'] });
    const v = composeVariant(data, draft, 'moms', 'S001');
    expect(v.post).toBe('draft-1');
    expect(v.caption).toContain('新品上架！芳姐推荐');
    expect(data.posts.map((p) => p.id)).toEqual(['p1']);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) composeVariant(data, testPost({ head: doc(`第 ${i} 次输入 {{vars.nickname}}`) }), 'moms', 'S001');
    expect((performance.now() - t0) / 20).toBeLessThan(150);
  });
});
