import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { lexicalFromText } from '../../src/demo/lexical.js';
import type { ExportResult } from '../../src/pack/export.js';
import { createStudio } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import type { Post } from '../../src/model/index.js';
import { shequn } from '../helpers/cli.js';
import { ctx, servicesOf } from '../helpers/session.js';
import { manifestOf, packFolders, readZip } from './helpers.js';

// The export gate on the demo: nothing that `shequn check` finds wrong, nothing expired and nothing
// made from an unapproved template reaches a pack; the other posts still do. One store (lc002:
// 社区群 + 宝妈群), one size, no video, so each export stays short. The clock stands on 2026-12-06.
const NOW = new Date('2026-12-06T04:00:00Z');
const BASE = { stores: ['lc002'], sizes: ['1x1' as const], video: false, zip: true };

describe('the export gate', () => {
  let dir: string;
  let ws: Workspace;
  let out: string;
  let n = 0;
  // The output folder as the studio hands it over: a one-time grant for the folder (a path of the caller's is refused).
  const run = (extra: Record<string, unknown> = {}) => dispatch('export.run', { ...BASE, folder: servicesOf(ws).grants.grant(out, 'export-folder'), ...extra }, ctx(ws)) as Promise<ExportResult>;
  /** A copy of spring-gift under another id, changed by `edit` (saved as is: posts.save keeps an existing post's pins). */
  const variantOf = async (id: string, edit: (p: Post) => void) => {
    await ws.update((d) => {
      const p = structuredClone(d.posts.find((x) => x.id === 'spring-gift')!);
      p.id = id;
      p.title = `${p.title} ${id}`;
      p.status = 'draft'; // exported only when named
      edit(p);
      d.posts = [...d.posts.filter((x) => x.id !== id), p];
    });
  };
  /** The post ids each pack (folder and zip) holds. */
  const shipped = async (): Promise<{ folders: string[]; zips: string[] }> => {
    const folders: string[] = [];
    const zips: string[] = [];
    for (const f of await packFolders(out)) {
      folders.push(...(await manifestOf(join(out, f))).entries.map((e) => e.post.id));
      if (existsSync(join(out, `${f}.zip`))) zips.push(...(await readZip(join(out, `${f}.zip`))).map((e) => e.name));
    }
    return { folders, zips };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-gate-'));
    ws = (await createStudio(join(dir, 'ws'), { demo: true })).ws;
    servicesOf(ws, { clock: () => NOW });
  }, 120_000);
  beforeEach(() => {
    out = join(dir, `out${++n}`);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a post with Advertising-Law terms in its head, naming rule, field and term; the other post ships', async () => {
    await variantOf('banned', (p) => {
      p.head = lexicalFromText('全网最低价！第一品牌，国家级品质');
    });
    const r = await run({ posts: ['banned', 'spring-gift'] });
    expect(r.refused.map((x) => [x.post, x.variants, x.stores])).toEqual([['banned', 2, ['lc002']]]);
    const terms = r.refused[0]!.findings.filter((f) => f.rule === 'adlaw.term').map((f) => [f.field, f.term]);
    expect(terms).toEqual([
      ['post.head', '最'],
      ['post.head', '第一'],
      ['post.head', '国家级'],
    ]);
    expect(r.counts).toMatchObject({ refused: 2, failed: 2 });
    const { folders, zips } = await shipped();
    expect(new Set(folders)).toEqual(new Set(['spring-gift']));
    expect(zips.some((z) => z.includes('banned'))).toBe(false);
    expect(zips.some((z) => z.endsWith('caption.txt'))).toBe(true);
  });

  it('refuses a post with a missing part, and one without a conversion entry (found while composing)', async () => {
    await variantOf('noleg', (p) => {
      p.leg = lexicalFromText('');
    });
    await variantOf('nolink', (p) => {
      p.leg = lexicalFromText('欢迎到店选购');
    });
    const r = await run({ posts: ['noleg', 'nolink', 'spring-gift'] });
    const byPost = Object.fromEntries(r.refused.map((x) => [x.post, x.findings.map((f) => `${f.rule}@${f.field}`)]));
    expect(byPost.noleg).toContain('parts.missing@post.leg');
    expect(byPost.nolink).toContain('leg.no_conversion@post.leg');
    expect((await shipped()).folders.sort()).toEqual(['spring-gift', 'spring-gift']);
    // A pack that left variants out is composed and checked again next time: the refusal is reported again.
    expect((await run({ posts: ['noleg', 'nolink', 'spring-gift'] })).refused.map((x) => x.post).sort()).toEqual(['noleg', 'nolink']);
  });

  it('refuses an expired post even when named (with its full date), never chooses it by default, and ships a named post not started yet', async () => {
    const expired = await run({ posts: ['summer-light'] });
    expect(expired.refused).toHaveLength(1);
    const f = expired.refused[0]!.findings[0]!;
    expect([f.rule, f.field]).toEqual(['post.expired', 'post.validUntil']);
    expect(f.message.zh).toContain('2026-10-31');
    expect(f.message.en).toContain('expired on 2026-10-31');
    expect(expired.packs).toEqual([]);
    expect((await run()).refused).toEqual([]); // the default selection leaves it out
    await ws.update((d) => {
      const p = d.posts.find((x) => x.id === 'school-snack')!;
      p.validFrom = '2026-12-20';
    });
    try {
      expect((await dispatch('export.plan', { stores: BASE.stores }, ctx(ws))).posts).toEqual(['spring-gift']);
      const named = await run({ posts: ['school-snack'] });
      expect(named.refused).toEqual([]);
      expect((await shipped()).folders).toContain('school-snack');
    } finally {
      await ws.update((d) => {
        d.posts.find((x) => x.id === 'school-snack')!.validFrom = '2026-09-01';
      });
    }
  });

  it('refuses a post pinned to an unapproved (or missing) template, and one whose group type asks for a format it cannot make', async () => {
    await variantOf('unapproved', (p) => {
      p.templates.poster = { template: 'poster-festive', version: 2 }; // in review in the demo
    });
    await variantOf('noposter', (p) => {
      delete p.templates.poster;
    });
    await variantOf('gone', (p) => {
      p.templates.poster = { template: 'poster-nowhere', version: 1 };
    });
    const r = await run({ posts: ['unapproved', 'noposter', 'gone', 'spring-gift'] });
    const rules = Object.fromEntries(r.refused.map((x) => [x.post, [...new Set(x.findings.map((f) => `${f.rule}@${f.field}`))]]));
    expect(r.refused.find((x) => x.post === 'noposter')!.findings.map((f) => f.group)).toEqual(['community', 'moms']); // both ask for posters
    expect(rules).toEqual({
      unapproved: ['template.not_approved@post.templates.poster'],
      noposter: ['format.poster_missing@post.templates.poster'],
      gone: ['template.missing@post.templates.poster'],
    });
    expect(r.refused.find((x) => x.post === 'noposter')!.findings[0]!.message.zh).toContain('群类型「社区群」要海报');
    expect((await shipped()).folders.sort()).toEqual(['spring-gift', 'spring-gift']);
    // Without posters asked for (no poster size of these group types chosen), the post needs no poster template.
    await variantOf('novideo', (p) => {
      delete p.templates.video;
    });
    expect((await run({ posts: ['novideo'], stores: ['lc003'], sizes: ['9x16'], video: false })).refused).toEqual([]);
    const withVideo = await dispatch('export.plan', { posts: ['novideo'], stores: ['lc003'], sizes: ['9x16'] }, ctx(ws));
    expect(withVideo.refused.map((x) => [x.post, x.findings.map((f) => f.rule)])).toEqual([['novideo', ['format.video_missing']]]);
  });

  it("a new post starts with the brand's default approved templates for the formats its group types ask for, and ships them", async () => {
    const spring = ws.data().posts.find((p) => p.id === 'spring-gift')!;
    const fresh = (id: string, groupTypes: string[]) => ({ ...structuredClone(spring), id, title: `新品 ${id}`, status: 'draft' as const, templates: {}, groupTypes });
    const koc = await dispatch('posts.save', { post: fresh('fresh-koc', ['koc']) }, ctx(ws)); // koc asks for posters and videos
    expect(koc.templates).toEqual(spring.templates);
    expect(Object.keys(koc.templates).sort()).toEqual(['caption', 'poster', 'video']);
    const community = await dispatch('posts.save', { post: fresh('fresh-community', ['community']) }, ctx(ws));
    expect(Object.keys(community.templates).sort()).toEqual(['caption', 'poster']);
    // Saving an existing post keeps its slots as they are (the settings drawer empties one on purpose).
    expect((await dispatch('posts.save', { post: { ...community, templates: {} } }, ctx(ws))).templates).toEqual({});
    const r = await run({ posts: ['fresh-koc'], stores: ['lc003'], sizes: ['9x16'], video: false });
    expect(r.refused).toEqual([]);
    const m = await manifestOf(join(out, r.packs[0]!.folder));
    expect(m.files.filter((f) => f.post === 'fresh-koc').map((f) => f.role).sort()).toEqual(['caption', 'channel', 'channel', 'poster', 'qr']);
  });

  it('refuses only the variants of a store whose own words break the rules', async () => {
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.catchphrase = '全城第一好吃';
    });
    try {
      const r = await run({ posts: ['spring-gift'], stores: ['lc002', 'lc007'] });
      expect(r.refused.map((x) => [x.post, x.stores])).toEqual([['spring-gift', ['lc007']]]);
      expect(r.refused[0]!.findings.map((f) => [f.rule, f.field, f.term, f.store])).toEqual([['adlaw.term', 'store.catchphrase', '第一', 'lc007']]);
      expect(r.packs.map((p) => [p.store, p.status])).toEqual([
        ['lc002', 'written'],
        ['lc007', 'failed'],
      ]);
    } finally {
      await ws.update((d) => {
        d.stores.find((s) => s.id === 'lc007')!.catchphrase = '';
      });
    }
  });
});

describe('the export gate reaches packs already on disk', () => {
  let dir: string;
  let ws: Workspace;
  let out: string;
  const run = (extra: Record<string, unknown>) => dispatch('export.run', { ...BASE, folder: servicesOf(ws).grants.grant(out, 'export-folder'), ...extra }, ctx(ws)) as Promise<ExportResult>;
  const entriesOf = async (store: string) => {
    const folder = (await packFolders(out)).find((f) => f.startsWith(`${store}-`))!;
    const m = await manifestOf(join(out, folder));
    return { folder, m, posts: m.entries.map((e) => `${e.post.id}/${e.group.id}`).sort() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-withdraw-'));
    ws = (await createStudio(join(dir, 'ws'), { demo: true })).ws;
    servicesOf(ws, { clock: () => NOW });
    out = join(dir, 'packs');
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a post refused now is taken out of every pack that carries it (a store whose variants were all refused, a store outside the export); the rest of each pack stays, zips too', async () => {
    const first = await run({ stores: ['lc002', 'lc003'], posts: ['spring-gift', 'school-snack'] });
    expect(first.refused).toEqual([]);
    const title = ws.data().posts.find((p) => p.id === 'spring-gift')!.title;
    expect((await entriesOf('lc003')).posts.some((p) => p.startsWith('spring-gift/'))).toBe(true);

    // The head gets an Advertising-Law term; the next export names only that post and only lc002.
    await ws.update((d) => {
      d.posts.find((p) => p.id === 'spring-gift')!.head = lexicalFromText('全网最低价，第一品牌');
    });
    const r = await run({ stores: ['lc002'], posts: ['spring-gift'] });
    expect(r.refused.map((x) => x.post)).toEqual(['spring-gift']);
    expect(r.packs.map((p) => [p.store, p.status])).toEqual([]);
    expect(r.withdrawn.map((w) => w.store).sort()).toEqual(['lc002', 'lc003']);
    for (const store of ['lc002', 'lc003']) {
      const { folder, m, posts } = await entriesOf(store);
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.every((p) => p.startsWith('school-snack/'))).toBe(true);
      expect(m.files.some((f) => f.post === 'spring-gift')).toBe(false);
      expect(m.inputKey).toBeUndefined(); // the next export composes it again
      const html = await readFile(join(out, folder, 'index.html'), 'utf8');
      expect(html).not.toContain(title);
      expect(html).not.toContain('第一品牌');
      // The files of the kept entries are whole; the withdrawn ones are gone from the folder and the zip.
      for (const f of m.files) expect((await readFile(join(out, folder, ...f.path.split('/')))).length).toBe(f.size);
      const zip = (await readZip(join(out, `${folder}.zip`))).map((e) => e.name);
      expect(zip.length).toBe(m.files.length + 1); // and manifest.json
      expect(zip.some((n) => n.endsWith("/manifest.json"))).toBe(true);
      expect(zip.some((n) => n.includes(title))).toBe(false);
    }

    // A pack whose every entry was refused keeps nothing to hand out, and says so.
    await ws.update((d) => {
      d.posts.find((p) => p.id === 'school-snack')!.head = lexicalFromText('国家级品质，全网最低价');
    });
    const again = await run({ stores: ['lc002'], posts: ['school-snack'], zip: false });
    expect(again.withdrawn.map((w) => w.store).sort()).toEqual(['lc002', 'lc003']);
    const { folder, m } = await entriesOf('lc003');
    expect(m.entries).toEqual([]);
    expect(await readFile(join(out, folder, 'index.html'), 'utf8')).toContain('暂时没有可以发的内容');
    expect(existsSync(join(out, `${folder}.zip`))).toBe(false); // no zip asked for: the old one went with its content
    // Nothing left to take out: the next export withdraws nothing.
    expect((await run({ stores: ['lc002'], posts: ['school-snack'] })).withdrawn).toEqual([]);
  });
});

describe('shequn export with refused posts', () => {
  let dir: string;
  let w: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-gate-cli-'));
    w = join(dir, 'ws');
    const { ws } = await createStudio(w, { demo: true });
    await ws.update((d) => {
      const p = structuredClone(d.posts.find((x) => x.id === 'spring-gift')!);
      p.id = 'banned';
      p.title = '违规样例';
      p.head = lexicalFromText('全网最低价，第一品牌');
      d.posts.push(p);
    });
    await ws.close();
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 1 naming each refused post with its findings (rule, field, term; the date of an expired one); the others are exported', async () => {
    const out = join(dir, 'out');
    const r = await shequn('export', '-w', w, '--post', 'banned', '--post', 'summer-light', '--post', 'spring-gift', '--store', 'lc002', '--size', '1x1', '--no-video', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused 2 post(s)');
    expect(r.stderr).toMatch(/refused: post banned 「违规样例」 \(2 variant\(s\) in 1 store\(s\)\):/);
    expect(r.stderr).toContain('- rule adlaw.term · field post.head · term 最');
    expect(r.stderr).toContain('- rule adlaw.term · field post.head · term 第一');
    expect(r.stderr).toMatch(/refused: post summer-light .*\n {4}- rule post\.expired · field post\.validUntil: .*2026-10-31/);
    const packs = await packFolders(out);
    expect(packs).toEqual(['lc002-梧桐巷便利店']);
    expect((await manifestOf(join(out, packs[0]!))).entries.map((e) => e.post.id)).toEqual(['spring-gift', 'spring-gift']);
    const json = await shequn('export', '-w', w, '--post', 'banned', '--store', 'lc002', '--size', '1x1', '--no-video', '--out', join(dir, 'out2'), '--json');
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as ExportResult;
    expect(result.refused[0]!.findings[0]).toMatchObject({ rule: 'adlaw.term', field: 'post.head', term: '最', severity: 'error' });
    expect(await packFolders(join(dir, 'out2'))).toEqual([]);
  }, 180_000);
});
