import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/compose/checkAll.js';
import { checkSimilarity, findAdLawTerms, loadAdLawRules, type Finding } from '../../src/compose/checks/index.js';
import { composeAll, composeVariant } from '../../src/compose/compose.js';
import { postSections } from '../../src/compose/context.js';
import type { StudioData, Template } from '../../src/model/index.js';
import { composeStudio, doc, SECTIONS } from './fixtures.js';

const rules = loadAdLawRules();
const rulesOf = (fs: Finding[]) => fs.map((f) => f.ruleId);
/** All findings of all variants of the studio, collapsed. */
const check = (data: StudioData) => checkWorkspace(data).findings;
const withPost = (edit: (d: StudioData) => void) => {
  const d = composeStudio();
  edit(d);
  return d;
};

describe('the clean fixture passes every check', () => {
  it('no findings at all on the five group types', () => {
    const report = checkWorkspace(composeStudio());
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ errors: 0, warnings: 0, variants: 7 });
  });
});

describe('the price', () => {
  it('a price not filled in (0) is a warning naming the field, and nothing prints "¥0"', () => {
    const d = withPost((x) => (x.posts[0]!.product = { ...x.posts[0]!.product, price: 0 }));
    const f = check(d).find((x) => x.ruleId === 'post.price_missing')!;
    expect(f).toMatchObject({ severity: 'warning', field: 'post.product.price' });
    // The post's text uses the price variable: still one warning, no per-store error.
    d.posts[0]!.leg = doc('到手价 {{vars.price}}，下单：{{link}}');
    const report = checkWorkspace(d);
    expect(report.errors).toBe(0);
    expect(report.findings.filter((x) => x.ruleId === 'post.price_missing')).toHaveLength(1);
    expect(composeVariant(composeStudio(), 'p1', 'vip', 'S001').caption).toContain('168');
    const v = composeVariant(d, 'p1', 'vip', 'S001');
    expect(v.caption).not.toMatch(/¥\s*0(?!\d)/);
  });
});

describe('head, waist and leg present', () => {
  it('an empty (or whitespace-only) section is an error naming it', () => {
    const f = check(withPost((d) => (d.posts[0]!.waist = doc('   \n'))));
    const missing = f.find((x) => x.ruleId === 'parts.missing')!;
    expect(missing).toMatchObject({ severity: 'error', section: 'waist', post: 'p1', variants: 8 });
    expect(missing.message.zh).toContain('腰部');
  });

  it('a section that is only a variable with no value for a store is empty for that store', () => {
    const d = withPost((x) => (x.posts[0]!.head = doc('{{vars.phone}}')));
    const f = check(d).filter((x) => x.ruleId === 'parts.empty_for_store');
    expect(f.map((x) => [x.store, x.section, x.variants])).toEqual([['S002', 'head', 2]]);
  });
});

describe('conversion entry in the leg', () => {
  it('missing → error', () => {
    const f = check(withPost((d) => (d.posts[0]!.leg = doc('欢迎选购'))));
    expect(f.find((x) => x.ruleId === 'leg.no_conversion')).toMatchObject({ severity: 'error', section: 'leg' });
  });

  it('a QR code mention passes when the group type gets posters, not when it does not', () => {
    const d = withPost((x) => (x.posts[0]!.leg = doc('扫海报上的二维码下单')));
    expect(rulesOf(check(d))).not.toContain('leg.no_conversion');
    d.groupTypes.forEach((g) => (g.rules.formats = ['caption']));
    expect(rulesOf(check(d))).toContain('leg.no_conversion');
  });

  it('a hand-written URL passes with a warning that it is not tracked', () => {
    const f = check(withPost((d) => (d.posts[0]!.leg = doc('下单：https://shop.example.com/x'))));
    expect(f.find((x) => x.ruleId === 'leg.untracked_link')?.severity).toBe('warning');
    expect(rulesOf(f)).not.toContain('leg.no_conversion');
  });
});

describe('Advertising-Law absolute terms', () => {
  it('the rules file names the article of the law', () => {
    expect(rules.law.zh).toBe('《中华人民共和国广告法》第九条第三项');
    expect(rules.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['最', '第一', '唯一', '国家级', '顶级', '极品', '绝对', '100%', '万能']));
  });

  it('finds terms with positions; the longest overlapping term wins; Latin case-insensitive', () => {
    expect(findAdLawTerms('全网最低价，国家级工艺，no.1 品质，100%纯', rules).map((m) => [m.term, m.start, m.end])).toEqual([
      ['最', 2, 3],
      ['国家级', 6, 9],
      ['NO.1', 12, 16],
      ['100%', 20, 24],
    ]);
    expect(findAdLawTerms('独一无二', rules).map((m) => m.term)).toEqual(['独一无二']);
  });

  it('the small allow list: 最近 / 最后 / 第一次 pass, 最新 / 最好 do not', () => {
    expect(findAdLawTerms('最近上新，最后一天，第一次来', rules)).toEqual([]);
    expect(findAdLawTerms('最新款 最好吃', rules).map((m) => m.start)).toEqual([0, 4]);
  });

  it('in a section: error with the section and the position in its display text', () => {
    const d = withPost((x) => (x.posts[0]!.waist = doc('{{vars.brandName}}的礼盒\n品质顶级，全城最低')));
    const f = check(d).filter((x) => x.ruleId === 'adlaw.term');
    const display = postSections(d.posts[0]!).waist.display;
    expect(f.map((x) => [x.section, display.slice(x.position!.start, x.position!.end)])).toEqual([
      ['waist', '顶级'],
      ['waist', '最'],
    ]);
    expect(f[0]!.message.zh).toContain('《中华人民共和国广告法》第九条第三项');
    expect(f[0]!.message.en).toContain('Article 9');
    expect(f[0]!.excerpt).toContain('品质顶级');
  });

  it('in the offer, a store owner\'s catchphrase, and in a template\'s own words (with the channel)', () => {
    const d = withPost((x) => {
      x.posts[0]!.offer = '全网唯一低价';
      x.stores[0]!.catchphrase = '绝对新鲜';
      x.templates.push({
        id: 'caption-moments', kind: 'caption', name: 'm', description: '',
        versions: [{ version: 1, state: 'approved', source: '{{firstLine sections.head}}\n极品好货 {{link channel.id}}', createdAt: '2026-01-01', createdBy: 't', comments: [], hash: '' }],
      } satisfies Template);
    });
    const f = check(d).filter((x) => x.ruleId === 'adlaw.term');
    expect(f.find((x) => x.field === 'post.offer')?.excerpt).toBe('全网唯一低价');
    expect(f.find((x) => x.field === 'store.catchphrase')).toMatchObject({ store: 'S001', position: { start: 0, end: 2 } });
    const tpl = f.filter((x) => x.channel === 'moments');
    expect(tpl.length).toBeGreaterThan(0);
    expect(tpl.every((x) => x.message.zh.includes('「极品」'))).toBe(true);
    // terms already reported for the offer and the store are not reported again per channel
    expect(f.filter((x) => x.channel && /唯一|绝对/.test(x.message.zh))).toEqual([]);
  });
});

describe('templates and formats (what the export gate refuses too)', () => {
  it('a post without a poster template for group types that get posters: error per group type, naming the field', () => {
    const d = withPost((x) => delete x.posts[0]!.templates.poster);
    const fs = check(d).filter((f) => f.ruleId === 'format.poster_missing');
    expect(fs.map((f) => f.group).sort()).toEqual(['community', 'fitness', 'koc', 'moms', 'vip']);
    expect(fs[0]).toMatchObject({ severity: 'error', field: 'post.templates.poster', post: 'p1' });
    const captionsOnly = withPost((x) => {
      x.groupTypes = x.groupTypes.map((g) => ({ ...g, rules: { ...g.rules, formats: ['caption'] } }));
      x.posts[0]!.templates = {};
    });
    expect(check(captionsOnly)).toEqual([]);
  });

  it('a pinned poster or video template that is missing or not approved: error naming template, version and state', () => {
    const d = withPost((x) => {
      x.templates[0]!.versions.push({ ...x.templates[0]!.versions[0]!, version: 2, state: 'in_review' });
      x.posts[0]!.templates.poster = { template: 'poster-plain', version: 2 };
    });
    const f = check(d).find((x) => x.ruleId === 'template.not_approved')!;
    expect(f).toMatchObject({ severity: 'error', field: 'post.templates.poster', post: 'p1' });
    expect(f.message.en).toContain('poster-plain v2 is not approved (in_review)');
    const gone = check(withPost((x) => (x.posts[0]!.templates.video = { template: 'nope', version: 3 })));
    expect(gone.find((x) => x.ruleId === 'template.missing')).toMatchObject({ field: 'post.templates.video', message: { zh: expect.stringContaining('nope v3 不存在') } });
  });

  it('Advertising-Law findings name the term', () => {
    const f = check(withPost((x) => (x.posts[0]!.head = doc('全网最低价，第一品牌')))).filter((x) => x.ruleId === 'adlaw.term');
    expect(f.map((x) => [x.section, x.term])).toEqual([
      ['head', '最'],
      ['head', '第一'],
    ]);
  });
});

describe('lengths', () => {
  it('a channel text over its limit is an error by how much', () => {
    const d = withPost((x) => (x.channels.find((c) => c.id === 'moments')!.text.maxLength = 40));
    const f = check(d).find((x) => x.ruleId === 'channel.too_long')!;
    expect(f).toMatchObject({ severity: 'error', channel: 'moments' });
    expect(f.message.zh).toMatch(/超出上限 40 字 \d+ 字/);
  });

  it('the video title over titleMaxLength, and too many hashtags', () => {
    const d = withPost((x) => {
      const video = x.channels.find((c) => c.id === 'video')!;
      video.text.titleMaxLength = 5;
      video.text.hashtags = 2;
    });
    const f = check(d);
    expect(f.find((x) => x.ruleId === 'channel.title_too_long')).toMatchObject({ severity: 'error', channel: 'video' });
    expect(f.find((x) => x.ruleId === 'channel.hashtags')).toMatchObject({ severity: 'warning', channel: 'video' });
  });

  it('a caption over the group type\'s limit (see compose.test.ts for the by-how-much text)', () => {
    const d = withPost((x) => (x.groupTypes.find((g) => g.id === 'vip')!.rules.captionMaxLength = 50));
    expect(check(d).filter((x) => x.ruleId === 'caption.too_long').map((x) => [x.group, x.store])).toEqual([
      ['vip', 'S001'],
      ['vip', 'S002'],
    ]);
  });
});

describe('variables', () => {
  it('a variable with no value for a store is an error naming variable, store and source', () => {
    const d = withPost((x) => (x.posts[0]!.leg = doc(`${SECTIONS.leg}\n电话 {{vars.phone}} 地址 {{vars.address}}`)));
    const f = check(d).filter((x) => x.ruleId === 'vars.unresolved');
    expect(f.map((x) => [x.store, x.field])).toEqual([
      ['S002', 'store.phone'],
      ['S002', 'store.address'],
    ]);
    expect(f[0]!.message.zh).toContain('门店电话');
  });

  it('a document with an unknown variable is reported, not thrown', () => {
    const d = withPost((x) => (x.posts[0]!.head = { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'variable', version: 1, name: 'bogus' }] }] } }));
    const f = check(d);
    expect(f.find((x) => x.ruleId === 'section.unreadable')).toMatchObject({ severity: 'error', section: 'head' });
    const v = composeVariant(d, 'p1', 'moms', 'S001');
    expect(v.caption).toBe('');
    expect(rulesOf(v.findings)).toContain('section.unreadable');
  });

  it('a group type listing a channel that does not exist: warning', () => {
    const d = withPost((x) => x.groupTypes[0]!.rules.channels.push('weibo'));
    expect(check(d).find((x) => x.ruleId === 'channel.unknown')).toMatchObject({ severity: 'warning', channel: 'weibo' });
  });
});

describe('near-identical captions across every group type', () => {
  it('one template that ignores the group type → warning; the built-ins → none', () => {
    const d = withPost((x) =>
      x.templates.push({
        id: 'caption-group', kind: 'caption', name: 'same', description: '',
        versions: [{ version: 1, state: 'approved', source: '{{sections.head}}\n{{sections.waist}}\n{{sections.leg}}', createdAt: '2026-01-01', createdBy: 't', comments: [], hash: '' }],
      }),
    );
    const f = check(d).filter((x) => x.ruleId === 'captions.similar');
    expect(f.map((x) => [x.severity, x.store])).toEqual([
      ['warning', 'S001'],
      ['warning', 'S002'],
    ]);
    expect(f[0]!.message.zh).toMatch(/5 个群类型/);
    expect(rulesOf(composeAll(composeStudio()).flatMap((v) => v.findings))).not.toContain('captions.similar');
  });

  it('similarity ignores links, emoji and punctuation, and needs two group types', () => {
    const a = '你好🎉！买它 https://x.example/?sq_group=a';
    const b = '你好，买它 https://x.example/?sq_group=b';
    expect(checkSimilarity('p', 's', [{ group: 'a', caption: a }, { group: 'b', caption: b }])).toHaveLength(1);
    expect(checkSimilarity('p', 's', [{ group: 'a', caption: a }])).toEqual([]);
    expect(checkSimilarity('p', 's', [{ group: 'a', caption: a }, { group: 'b', caption: '完全不同的一段话' }])).toEqual([]);
  });
});

describe('check report', () => {
  it('collapses repeats across variants, sorts errors first and counts', () => {
    const d = withPost((x) => {
      x.posts[0]!.waist = doc('顶级');
      x.posts[0]!.leg = doc('https://shop.example.com/x');
    });
    const r = checkWorkspace(d);
    expect(r.findings.map((f) => [f.severity, f.ruleId, f.variants])).toEqual([
      ['error', 'adlaw.term', 8],
      ['warning', 'leg.untracked_link', 7],
    ]);
    expect([r.errors, r.warnings, r.variants]).toEqual([1, 1, 7]);
    expect(() => checkWorkspace(d, { post: 'nope' })).toThrow(/not found/);
  });
});
