import { readFile, rm, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { composeVariant } from '../../src/compose/index.js';
import type { ExportResult } from '../../src/pack/export.js';
import { initWorkspace } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import { decodeQrFile, fileSha, hiddenEntries, manifestOf, packFolders, readZip } from './helpers.js';
import { ctx, servicesOf } from '../helpers/session.js';

// The demo workspace (shequn init --demo), two stores and one poster size so the file stays fast:
// lc002 runs 社区群 + 宝妈群 (4 variants), lc007 runs 社区群 (2 variants). No video here. The clock
// stands on 2026-12-06: summer-light (valid to 2026-10-31) has expired, so it is not exported.
const NOW = new Date('2026-12-06T04:00:00Z');
const STORES = ['lc002', 'lc007'];
const BASE = { stores: STORES, sizes: ['1x1' as const], video: false, zip: true };

describe('pack export of the demo', () => {
  let dir: string;
  let ws: Workspace;
  let out: string;
  let first: ExportResult;
  /** The folder as a shell hands it over: a one-time grant of the path the user named. */
  const folder = () => servicesOf(ws).grants.grant(out, 'export-folder');
  const run = (extra: Record<string, unknown> = {}) => dispatch('export.run', { ...BASE, folder: folder(), ...extra }, ctx(ws)) as Promise<ExportResult>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-export-'));
    ws = await initWorkspace(join(dir, 'ws'), { demo: true });
    servicesOf(ws, { clock: () => NOW });
    out = join(dir, 'out');
    first = await run();
  }, 300_000);
  afterAll(async () => {
    // Services first: nothing of theirs may still write into the folder being removed.
    if (ws) await servicesOf(ws)?.close();
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plans one variant per post × group type the store runs × size', async () => {
    const plan = await dispatch('export.plan', { stores: STORES, sizes: ['1x1'], video: false }, ctx(ws));
    expect(plan).toMatchObject({ stores: 2, variants: 6, posters: 6, videos: 0, qr: 6, refused: [] });
    expect(plan.posts).toEqual(['spring-gift', 'school-snack']); // ready and valid now; summer-light expired
    const all = await dispatch('export.plan', {}, ctx(ws));
    expect(all.stores).toBe(11); // lc005 is inactive and not named
    expect((await dispatch('export.plan', { stores: ['lc005'] }, ctx(ws))).stores).toBe(1);
  });

  it('writes one pack per store, rendering every poster and QR once', () => {
    expect(first.failures).toEqual([]);
    expect(first.counts).toEqual({ rendered: 12, reused: 0, failed: 0, refused: 0 });
    expect(first.refused).toEqual([]);
    expect(first.packs.map((p) => [p.folder, p.status, p.zip])).toEqual([
      ['lc002-梧桐巷便利店', 'written', 'lc002-梧桐巷便利店.zip'],
      ['lc007-老城口杂货铺', 'written', 'lc007-老城口杂货铺.zip'],
    ]);
  });

  it('lays out each pack: index.html, manifest.json, <group type>/<post>/ caption, channel texts, posters, qr.png', async () => {
    expect(await packFolders(out)).toEqual(['lc002-梧桐巷便利店', 'lc007-老城口杂货铺']);
    const dir2 = join(out, 'lc002-梧桐巷便利店');
    const m = await manifestOf(dir2);
    const title = (id: string) => ws.data().posts.find((p) => p.id === id)!.title;
    expect(m.entries.map((e) => e.dir).sort()).toEqual(
      [`宝妈群/${title('school-snack')}`, `宝妈群/${title('spring-gift')}`, `社区群/${title('school-snack')}`, `社区群/${title('spring-gift')}`].sort(),
    );
    const e = m.entries.find((x) => x.dir.startsWith('社区群/新春'))!;
    const names = m.files.filter((f) => f.path.startsWith(`${e.dir}/`)).map((f) => f.path.slice(e.dir.length + 1)).sort();
    expect(names).toEqual(['caption.txt', 'poster-1x1.jpg', 'qr.png', '朋友圈.txt']);
    expect(e.templates.map((t) => `${t.id}@${t.version}`)).toEqual(expect.arrayContaining(['caption-group@1', 'caption-moments@1', 'poster-festive@1']));
    expect(e.templates.every((t) => /^[a-f0-9]{64}$/.test(t.hash))).toBe(true);
    for (const f of m.files.filter((x) => x.role !== 'index')) {
      expect(f).toMatchObject({ store: 'lc002', post: expect.any(String), groupType: expect.any(String), link: expect.stringContaining('sq_store=lc002'), validUntil: expect.any(String) });
    }
    expect(Date.parse(m.createdAt)).toBeGreaterThan(0);
  });

  it('lists every file in the manifest with its real sha256 and size', async () => {
    for (const folder of await packFolders(out)) {
      const m = await manifestOf(join(out, folder));
      expect(m.files.length).toBeGreaterThan(5);
      for (const f of m.files) {
        const p = join(out, folder, ...f.path.split('/'));
        expect(await fileSha(p)).toBe(f.sha256);
        expect((await stat(p)).size).toBe(f.size);
      }
    }
  });

  it('streams zips with UTF-8 names whose entries match the manifest', async () => {
    for (const folder of await packFolders(out)) {
      const m = await manifestOf(join(out, folder));
      const entries = await readZip(join(out, `${folder}.zip`));
      expect(entries.every((e) => e.utf8)).toBe(true);
      const byName = new Map(entries.map((e) => [e.name, e]));
      expect(byName.has(`${folder}/manifest.json`)).toBe(true);
      expect(entries).toHaveLength(m.files.length + 1);
      for (const f of m.files) expect(byName.get(`${folder}/${f.path}`)?.sha256).toBe(f.sha256);
    }
  });

  it("decodes every poster's and qr.png's QR code to the variant's tracking link", async () => {
    let posters = 0;
    for (const folder of await packFolders(out)) {
      const m = await manifestOf(join(out, folder));
      for (const f of m.files.filter((x) => x.role === 'poster' || x.role === 'qr')) {
        expect(await decodeQrFile(join(out, folder, ...f.path.split('/')))).toBe(f.link);
        if (f.role === 'poster') posters++;
      }
    }
    expect(posters).toBe(6);
  });

  it('writes exactly the texts compose makes (group message and each further channel)', async () => {
    const data = ws.data();
    for (const folder of await packFolders(out)) {
      const m = await manifestOf(join(out, folder));
      for (const e of m.entries) {
        const v = composeVariant(data, e.post.id, e.group.id, m.store.id);
        for (const t of e.texts) {
          const text = await readFile(join(out, folder, ...t.path.split('/')), 'utf8');
          expect(text).toBe(t.primary ? v.caption : v.channels[t.channel]);
          expect(text.length).toBeGreaterThan(10);
        }
        expect(e.link).toBe(v.link);
      }
    }
  });

  it('makes a self-contained phone page: copy buttons with a fallback, relative media, tip, valid-until; no expired post', async () => {
    const html = await readFile(join(out, 'lc007-老城口杂货铺', 'index.html'), 'utf8');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('navigator.clipboard');
    expect(html).toContain("execCommand('copy')");
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)=/); // no external CSS or JS
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((x) => decodeURIComponent(x[1]!));
    expect(srcs.length).toBe(4); // a poster and a QR per entry
    for (const s of srcs) expect((await stat(join(out, 'lc007-老城口杂货铺', s))).isFile()).toBe(true);
    expect(html).toContain('晚饭后 19:30–20:30 发');
    expect(html).toContain('2027-02-28');
    const expired = ws.data().posts.find((p) => p.id === 'summer-light')!;
    expect(html).not.toContain(expired.title); // expired: never exported
    expect(html).not.toContain('class="entry expired"');
    expect((html.match(/button class="copy"/g) ?? []).length).toBe(4); // caption + 朋友圈 per entry
  });

  it('reuses everything when nothing changed', async () => {
    const again = await run();
    expect(again.counts).toEqual({ rendered: 0, reused: 12, failed: 0, refused: 0 });
    expect(again.packs.every((p) => p.status === 'reused')).toBe(true);
  });

  it('keeps packs whose inputs changed in a way no output shows, remembering the new input key', async () => {
    const before = await manifestOf(join(out, 'lc002-梧桐巷便利店'));
    await ws.update((d) => {
      const t = d.templates.find((x) => x.id === 'caption-video')!; // no group type of these stores posts video
      t.versions[0]!.comments.push({ by: 'manager', at: '2026-11-25T00:00:00Z', text: '好', action: 'comment' });
      t.versions[0]!.source += '\n{{!-- tweak --}}';
    });
    const r = await run();
    expect(r.counts).toEqual({ rendered: 0, reused: 12, failed: 0, refused: 0 });
    expect(r.packs.every((p) => p.status === 'reused')).toBe(true);
    const after = await manifestOf(join(out, 'lc002-梧桐巷便利店'));
    expect(after.packKey).toBe(before.packKey);
    expect(after.inputKey).toMatch(/^[a-f0-9]{64}$/);
    expect(after.inputKey).not.toBe(before.inputKey);
  });

  it("after editing one store renders only that store's variants", async () => {
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.catchphrase = '老街坊的老味道，常来坐坐！';
    });
    const r = await run();
    expect(r.counts).toEqual({ rendered: 2, reused: 10, failed: 0, refused: 0 }); // lc007's 2 posters; its QR links did not change
    expect(Object.fromEntries(r.packs.map((p) => [p.store, p.status]))).toEqual({ lc002: 'reused', lc007: 'written' });
    const caption = await readFile(join(out, 'lc007-老城口杂货铺', '社区群', '新春年货礼盒 · 团圆带点山野味', 'caption.txt'), 'utf8');
    expect(caption).toContain('老街坊的老味道');
  });

  it("after editing one post renders only that post's variants, with reserved characters in its title made safe", async () => {
    await ws.update((d) => {
      const p = d.posts.find((x) => x.id === 'school-snack')!;
      p.title = 'CON';
      p.offer = '第二件半价';
    });
    const r = await run();
    expect(r.counts).toEqual({ rendered: 3, reused: 9, failed: 0, refused: 0 }); // school-snack: lc002 ×2 + lc007 ×1 posters
    const m = await manifestOf(join(out, 'lc002-梧桐巷便利店'));
    expect(m.entries.filter((e) => e.post.id === 'school-snack').map((e) => e.dir).sort()).toEqual(['宝妈群/_CON', '社区群/_CON']);
    expect((await stat(join(out, 'lc002-梧桐巷便利店', '社区群', '_CON', 'poster-1x1.jpg'))).isFile()).toBe(true);
    await ws.update((d) => {
      d.posts.find((x) => x.id === 'school-snack')!.title = '开学季<特惠>: "坚果"/第1波?';
    });
    const r2 = await run();
    expect(r2.counts.rendered).toBe(3); // the title is on the poster
    const m2 = await manifestOf(join(out, 'lc007-老城口杂货铺'));
    expect(m2.entries.map((e) => e.dir)).toContain('社区群/开学季_特惠__ _坚果__第1波_');
    expect((await readZip(join(out, 'lc007-老城口杂货铺.zip'))).map((e) => e.name)).toContain('lc007-老城口杂货铺/社区群/开学季_特惠__ _坚果__第1波_/caption.txt');
  });

  it('moves a renamed store to its new folder and removes the old one', async () => {
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.storeName = '老城口杂货铺（新址）';
    });
    const r = await run();
    expect(r.counts.rendered).toBe(2);
    expect(await packFolders(out)).toEqual(['lc002-梧桐巷便利店', 'lc007-老城口杂货铺（新址）']);
    expect(await hiddenEntries(out)).toEqual([]);
  });

  it('refuses a post whose pinned template version is not approved, naming the template and its state; the other post still ships', async () => {
    await ws.update((d) => {
      d.posts.find((x) => x.id === 'spring-gift')!.templates.poster = { template: 'poster-festive', version: 2 };
    });
    const plan = await dispatch('export.plan', { stores: STORES }, ctx(ws));
    expect(plan.refused.map((b) => [b.post, b.variants, b.stores])).toEqual([['spring-gift', 3, STORES]]);
    expect(plan.refused[0]!.findings).toEqual([expect.objectContaining({ rule: 'template.not_approved', field: 'post.templates.poster', message: expect.objectContaining({ en: expect.stringContaining('poster-festive v2 is not approved (in_review)') }) })]);
    const r = await run();
    expect(r.counts).toMatchObject({ failed: 3, refused: 3 });
    expect(r.refused.map((x) => x.post)).toEqual(['spring-gift']);
    for (const folder of await packFolders(out)) {
      const m = await manifestOf(join(out, folder));
      expect(m.entries.map((e) => e.post.id)).toEqual(['school-snack', ...(folder.startsWith('lc002') ? ['school-snack'] : [])]);
    }
    // The refusal is reported again on the next run, and by the job the studio starts.
    expect((await run()).refused.map((x) => x.post)).toEqual(['spring-gift']);
    const { job } = await dispatch('export.start', { ...BASE, folder: folder() }, ctx(ws));
    for (let i = 0; i < 600 && servicesOf(ws).jobs.get(job)!.state === 'running'; i++) await new Promise((res) => setTimeout(res, 50));
    const done = servicesOf(ws).jobs.get(job)!;
    expect(done.state).toBe('done');
    expect(done.kind === 'export' && done.result?.refused.map((x) => x.post)).toEqual(['spring-gift']);
    await ws.update((d) => {
      d.posts.find((x) => x.id === 'spring-gift')!.templates.poster = { template: 'poster-festive', version: 1 };
    });
    expect((await run()).counts).toMatchObject({ failed: 0, refused: 0 });
  });

  it('runs as a job with progress, and a cancel leaves the previous packs intact', async () => {
    const before = await manifestOf(join(out, 'lc002-梧桐巷便利店'));
    await ws.update((d) => {
      for (const s of d.stores) if (STORES.includes(s.id)) s.nickname = `${s.nickname}·新`;
    });
    const { job } = await dispatch('export.start', { ...BASE, folder: folder() }, ctx(ws));
    let status = servicesOf(ws).jobs.get(job)!;
    for (let i = 0; i < 600 && status.progress.done < 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = servicesOf(ws).jobs.get(job)!;
    }
    expect(status.progress.total).toBeGreaterThan(0);
    expect(status.progress.current).toBeTruthy();
    await dispatch('jobs.cancel', { id: job }, ctx(ws));
    for (let i = 0; i < 600 && servicesOf(ws).jobs.get(job)!.state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(servicesOf(ws).jobs.get(job)!.state).toBe('cancelled');
    const after = await manifestOf(join(out, 'lc002-梧桐巷便利店'));
    expect(after.packKey).toBe(before.packKey);
    expect(await hiddenEntries(out)).toEqual([]);
  });
});
