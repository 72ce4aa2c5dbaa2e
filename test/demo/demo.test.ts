import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot } from 'lexical';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { STUDIO_NODES } from '../../src/model/nodes/index.js';
import { buildDemoStudio, DEMO_MUSIC, demoMusicPath, lexicalFromText, variablesIn, withBuiltinTemplates } from '../../src/demo/index.js';
import { type LexicalDoc, StudioData, type Template } from '../../src/model/index.js';
import { ensureExecutable, resolveBinary } from '../../src/video/binaries.js';
import { createWorkspace } from '../../src/workspace/index.js';

let demo: Awaited<ReturnType<typeof buildDemoStudio>>;
beforeAll(async () => {
  demo = await buildDemoStudio();
});

/** Plain text of a section as Lexical itself reads it (variables as their template expressions). */
function textOf(doc: LexicalDoc): string {
  const editor = createHeadlessEditor({ nodes: [...STUDIO_NODES], onError: (e) => { throw e; } });
  editor.setEditorState(editor.parseEditorState(JSON.stringify(doc)));
  return editor.getEditorState().read(() => $getRoot().getTextContent());
}

// Advertising-Law absolutes (广告法极限词) the checks flag; the demo posts must contain none.
const ABSOLUTES = ['最', '第一', '唯一', '顶级', '极品', '100%', '百分百', '绝对', '国家级', '万能', '首选', '全网', '独一无二', '史无前例', '零添加', '无敌'];

describe('demo studio', () => {
  it('validates as StudioData and is deterministic', async () => {
    expect(StudioData.safeParse(demo.data).success).toBe(true);
    const again = await buildDemoStudio();
    expect(JSON.stringify(again.data)).toBe(JSON.stringify(demo.data));
  });

  it('has a brand with logo, slogan, colours and a brand IP with image and greeting', () => {
    const b = demo.data.brand;
    expect(b.name).toBe('拾果山房');
    expect(b.slogan).not.toBe('');
    expect(b.logo).toBeDefined();
    expect(b.ip).toMatchObject({ name: '栗栗' });
    expect(b.ip.image).toBeDefined();
    expect(b.ip.greeting.length).toBeGreaterThan(5);
  });

  it('has the three channels with their limits', () => {
    const byId = Object.fromEntries(demo.data.channels.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['group', 'moments', 'video']);
    expect(byId.group).toMatchObject({ kind: 'group', text: { maxLength: 500 } });
    expect(byId.moments).toMatchObject({ kind: 'moments', text: { maxLength: 300 }, images: { min: 1, max: 9, sizes: ['1x1', '3x4'] } });
    expect(byId.video).toMatchObject({ kind: 'video', text: { titleMaxLength: 30, hashtags: 3 }, video: { minSeconds: 10, maxSeconds: 30 } });
  });

  it('has five group types whose rules really differ', () => {
    const g = demo.data.groupTypes;
    expect(g.map((x) => x.id)).toEqual(['community', 'moms', 'fitness', 'koc', 'vip']);
    expect(g.map((x) => x.name)).toEqual(['社区群', '宝妈群', '健身群', 'KOC种子群', 'VIP群']);
    expect(new Set(g.map((x) => x.rules.captionMaxLength)).size).toBe(5);
    expect(new Set(g.map((x) => x.rules.legWeight))).toEqual(new Set(['light', 'normal', 'strong']));
    expect(new Set(g.map((x) => x.rules.emojiAllowed))).toEqual(new Set([true, false]));
    expect(new Set(g.map((x) => [...x.rules.channels].sort().join('+'))).size).toBeGreaterThanOrEqual(4);
    const byId = Object.fromEntries(g.map((x) => [x.id, x]));
    expect(byId.community!.rules).toMatchObject({ legWeight: 'light', emojiAllowed: true, channels: ['group', 'moments'] });
    expect(byId.community!.tone).toContain('弱交易');
    expect(byId.vip!.rules.legWeight).toBe('strong');
    expect(byId.koc!.rules.channels).toContain('video');
    expect(byId.fitness!.rules.emojiAllowed).toBe(false);
    const channelIds = demo.data.channels.map((c) => c.id);
    for (const t of g) {
      expect(t.tip.length, t.id).toBeGreaterThan(10);
      for (const c of t.rules.channels) expect(channelIds, `${t.id} channel ${c}`).toContain(c);
    }
  });

  it('has twelve varied store owners with the worst cases', () => {
    const s = demo.data.stores;
    expect(s).toHaveLength(12);
    expect(new Set(s.map((x) => x.id)).size).toBe(12);
    expect(new Set(s.map((x) => x.avatar)).size).toBe(12);
    expect(new Set(s.map((x) => x.district)).size).toBeGreaterThanOrEqual(5);
    const groupIds = demo.data.groupTypes.map((x) => x.id);
    for (const x of s) {
      expect(x.groupTypes.length, x.id).toBeGreaterThanOrEqual(1);
      expect(x.groupTypes.length, x.id).toBeLessThanOrEqual(4);
      for (const id of x.groupTypes) expect(groupIds).toContain(id);
      expect(x.nickname && x.catchphrase && x.phone && x.address, x.id).toBeTruthy();
    }
    expect(s.some((x) => x.storeName === '幸福里社区生活超市（旗舰店）第二分店·24小时营业部')).toBe(true);
    expect(Math.max(...s.map((x) => [...x.catchphrase].length))).toBeGreaterThanOrEqual(60);
    expect(s.filter((x) => !x.cloudStoreUrl).map((x) => x.id)).toEqual(['lc004']);
    expect(s.filter((x) => !x.active).map((x) => x.id)).toEqual(['lc005']);
    expect(s.some((x) => x.catchphrase.includes('&') && x.catchphrase.includes('"') && x.catchphrase.includes('{{'))).toBe(true);
    expect(s.some((x) => x.groupTypes.length === 4)).toBe(true);
    // Every group type is run by at least one active store, so each one gets variants.
    for (const id of groupIds) expect(s.some((x) => x.active && x.groupTypes.includes(id)), id).toBe(true);
  });

  it('has three complete posts: head, waist and leg, a link in every leg, known variables only', () => {
    const posts = demo.data.posts;
    expect(posts).toHaveLength(3);
    for (const p of posts) {
      for (const part of ['head', 'waist', 'leg'] as const) expect(textOf(p[part]).trim().length, `${p.id}.${part}`).toBeGreaterThan(15);
      expect(variablesIn(p.leg), p.id).toContain('link');
      expect(textOf(p.leg)).toContain('{{link}}');
      expect(p.product.image).toBeDefined();
      expect(p.product.originalPrice!).toBeGreaterThan(p.product.price);
      expect(p.offer).not.toBe('');
      expect(p.groupTypes.length).toBeGreaterThanOrEqual(2);
      for (const id of p.groupTypes) expect(demo.data.groupTypes.map((g) => g.id)).toContain(id);
      expect(p.validFrom < p.validUntil).toBe(true);
      expect(p.templates).toEqual({});
    }
    const expired = posts.filter((p) => p.validUntil < '2026-11-01');
    expect(expired.map((p) => p.id)).toEqual(['summer-light']);
    for (const p of posts.filter((x) => x !== expired[0])) expect(p.validUntil >= '2027-01-01').toBe(true);
  });

  it('uses no Advertising-Law absolutes anywhere in the posts or the store catchphrases', () => {
    const texts = demo.data.posts.flatMap((p) => [p.title, p.offer, p.product.name, textOf(p.head), textOf(p.waist), textOf(p.leg)]);
    texts.push(...demo.data.stores.map((s) => s.catchphrase), demo.data.brand.slogan, demo.data.brand.ip.greeting);
    for (const t of texts) for (const w of ABSOLUTES) expect(t.includes(w), `"${w}" in ${t}`).toBe(false);
  });

  // An estimate, not the compose check: a link counts 80 (a cloud-store URL with tracking ids) and
  // 40 characters are left for what a caption template adds (greeting, signature).
  it('fits each post, with the longest store values, into every target group with room for a template', () => {
    const longest = (k: 'storeName' | 'nickname' | 'catchphrase') => Math.max(...demo.data.stores.map((s) => [...s[k]].length));
    const widths: Record<string, number> = { storeName: longest('storeName'), nickname: longest('nickname'), link: 80, offer: 30, validUntil: 6, price: 7, brandName: 4, productName: 16 };
    for (const p of demo.data.posts) {
      let n = 0;
      for (const part of [p.head, p.waist, p.leg]) {
        const t = textOf(part).replace(/\n\n/g, '\n').replace(/\{\{(?:vars\.)?(\w+)\}\}/g, (_m, v: string) => 'x'.repeat(widths[v] ?? 10));
        n += [...t].length + 1;
      }
      const limit = Math.min(...p.groupTypes.map((id) => demo.data.groupTypes.find((g) => g.id === id)!.rules.captionMaxLength));
      expect(n + 40, `${p.id}: ${n} chars against ${limit}`).toBeLessThanOrEqual(limit);
    }
  });

  it('references only assets it ships, each a decodable image of the expected size', async () => {
    const d = demo.data;
    const refs = [d.brand.logo!, d.brand.ip.image!, ...d.stores.map((s) => s.avatar!), ...d.posts.map((p) => p.product.image!)];
    expect(refs).toHaveLength(17);
    const byId = new Map(d.assets.map((a) => [a.id, a]));
    const names = new Set(demo.assets.map((a) => a.name));
    for (const id of refs) {
      const rec = byId.get(id);
      expect(rec, id).toBeDefined();
      expect(names.has(rec!.name), rec!.name).toBe(true);
    }
    for (const a of demo.assets) {
      const meta = await sharp(a.bytes).metadata();
      const rec = d.assets.find((r) => r.name === a.name)!;
      expect(meta.format, a.name).toBe(rec.mime === 'image/png' ? 'png' : 'jpeg');
      expect(meta.width, a.name).toBe(meta.height);
      const expected = a.name.startsWith('avatar-') ? 320 : a.name.startsWith('product-') ? 1080 : 600;
      expect(meta.width, a.name).toBe(expected);
      // Not a blank canvas: a drawing has real tonal range.
      const { channels } = await sharp(a.bytes).stats();
      expect(Math.max(...channels.slice(0, 3).map((c) => c.max - c.min)), a.name).toBeGreaterThan(100);
    }
  });

  it('creates a real workspace whose assets are stored under the ids the data references', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shequn-demo-'));
    try {
      const ws = await createWorkspace(dir, demo.data, demo.assets);
      try {
        expect(ws.data().stores).toHaveLength(12);
        for (const s of ws.data().stores) expect((await ws.assets.read(s.avatar!)).length).toBeGreaterThan(1000);
        expect(ws.data().assets).toHaveLength(demo.data.assets.length);
      } finally {
        await ws.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('demo helpers', () => {
  it('lexicalFromText makes a paragraph per line with variable nodes', () => {
    const doc = lexicalFromText('你好 {nickname}\n第二行');
    const paras = doc.root.children as { type: string; children: Record<string, unknown>[] }[];
    expect(paras.map((p) => p.type)).toEqual(['paragraph', 'paragraph']);
    expect(paras[0]!.children).toEqual([
      expect.objectContaining({ type: 'text', text: '你好 ' }),
      { type: 'variable', version: 1, name: 'nickname' },
    ]);
    expect(textOf(doc)).toBe('你好 {{vars.nickname}}\n\n第二行');
    expect(() => lexicalFromText('{nickName}')).toThrow(/unknown variable/);
    expect(textOf(lexicalFromText('{ 不是变量 } and {{x'))).toBe('{ 不是变量 } and {{x');
  });

  it('withBuiltinTemplates adds templates and pins each post to version 1 of the defaults', () => {
    const v = (n: number) => ({ version: n, source: `s${n}`, createdAt: '2026-11-01', createdBy: 'system', state: 'approved' as const, comments: [], hash: '' });
    const templates: Template[] = [
      { id: 'caption-warm', kind: 'caption', name: 'warm', description: '', versions: [v(1)] },
      { id: 'caption-default', kind: 'caption', name: 'default', description: '', versions: [v(1), v(2)] },
      { id: 'poster-card', kind: 'poster', name: 'card', description: '', versions: [v(1)] },
      { id: 'video-basic', kind: 'video', name: 'basic', description: '', versions: [v(1)] },
    ];
    const out = withBuiltinTemplates(demo.data, templates);
    expect(demo.data.templates).toEqual([]);
    expect(out.templates.map((t) => t.id)).toEqual(templates.map((t) => t.id));
    for (const p of out.posts) {
      expect(p.templates).toEqual({
        caption: { template: 'caption-default', version: 1 },
        poster: { template: 'poster-card', version: 1 },
        video: { template: 'video-basic', version: 1 },
      });
    }
    expect(StudioData.safeParse(out).success).toBe(true);
    expect(withBuiltinTemplates(out, templates).templates).toHaveLength(4);
  });

  it('ships two background tracks made by the project: AAC, about 30 s, under 1 MB', async () => {
    const probe = resolveBinary('ffprobe');
    ensureExecutable(probe);
    for (const track of DEMO_MUSIC) {
      const file = demoMusicPath(track.id);
      expect((await stat(file)).size).toBeLessThan(1024 * 1024);
      const out = execFileSync(probe.path, ['-v', 'error', '-show_entries', 'stream=codec_name,channels:format=duration', '-of', 'json', file], { encoding: 'utf8' });
      const info = JSON.parse(out) as { streams: { codec_name: string; channels: number }[]; format: { duration: string } };
      expect(info.streams[0]).toMatchObject({ codec_name: 'aac', channels: 2 });
      expect(Number(info.format.duration)).toBeGreaterThan(28);
      expect(Number(info.format.duration)).toBeLessThan(32);
    }
  });
});
