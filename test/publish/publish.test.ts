import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import type { MethodOutput } from '../../src/api/contract.js';
import { packFolderName } from '../../src/pack/names.js';
import { activeToken } from '../../src/portal/tokens.js';
import { initWorkspace } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import { startS3, type TestS3 } from '../helpers/servers.js';
import { ctx, servicesOf } from '../helpers/session.js';
import { readZip } from '../pack/helpers.js';
import { shequn } from '../helpers/cli.js';
import { CLOCK, keysOf, linksOf, pageIsWhole, PREFIX, targetOf, zbar } from './helpers.js';

// Publishing the demo workspace's real packs to a real S3-protocol server (s3rver on loopback),
// then reading the result the way a phone does: plain HTTP GETs of the path-style URLs.

type Result = MethodOutput<'publish.run'>;
let dir: string;
let ws: Workspace;
let s3: TestS3;
const STORES = ['lc002', 'lc007'];
const token = (store: string) => activeToken(ws.data(), store)!.token;
const publish = (input: object = {}) => dispatch('publish.run', { target: targetOf(s3), stores: STORES, ...input }, ctx(ws)) as Promise<Result>;
const exportPacks = (stores = STORES) => dispatch('export.run', { stores, sizes: ['1x1'], video: false }, ctx(ws));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shequn-publish-'));
  s3 = await startS3('packs');
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' });
  ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  // The packs are written on 15 October, while the summer post still runs (the export gate ships
  // only what is valid then); they are published on CLOCK's day, after it ended.
  let now = new Date('2026-10-15T08:00:00Z');
  servicesOf(ws, { clock: () => now, posterWorkers: 0 });
  await dispatch('portal.links', {}, ctx(ws)); // issues the store tokens, as the studio does
  await exportPacks();
  now = CLOCK();
}, 300_000);
afterAll(async () => {
  await servicesOf(ws)?.close();
  await ws?.close();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('shequn publish to S3-compatible storage', () => {
  let first: Result;

  it("publishes each store's pack under p/<token>/ and the page works over plain HTTP", async () => {
    first = await publish();
    expect(first.stores.map((s) => [s.store, s.status])).toEqual([
      ['lc002', 'published'],
      ['lc007', 'published'],
    ]);
    expect(first.uploaded).toBeGreaterThan(10);
    expect(first.skipped).toBe(0);
    const url = `${s3.endpoint}/packs/brand/${encodeURIComponent('春季')}/p/${token('lc007')}/index.html`;
    expect(first.stores[1]!.url).toBe(url);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('老城口杂货铺');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    // Every link is relative to the page, and every one resolves.
    const links = linksOf(html).filter((l) => !l.startsWith('#'));
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const l of links) expect(l).toMatch(/^(f\/[0-9a-f]{16}\/[^/]+|pack\.zip)$/);
    const { manifest } = await pageIsWhole(url);

    // Files: immutable, with their real types; texts in UTF-8.
    const poster = links.find((l) => l.endsWith('.jpg'))!;
    const img = await fetch(new URL(poster, url));
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(img.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const caption = Object.entries(manifest.published.keys).find(([p]) => p.endsWith('caption.txt'))!;
    const txt = await fetch(new URL(caption[1], url));
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await txt.text()).toMatch(/[\u4e00-\u9fff]/);

    // The poster's QR, read by an independent decoder, carries the store's own tracking link.
    const entry = (manifest as unknown as { entries: { link: string; posters: { path: string }[] }[] }).entries.find((e) => manifest.published.keys[e.posters[0]!.path] === poster)!;
    expect(zbar(Buffer.from(await img.arrayBuffer()), 'jpg')).toEqual([entry.link]);
    expect(entry.link).toContain('lc007');
  });

  it('never publishes expired content: the summer post is withdrawn from the page, the files and the zip', async () => {
    const url = first.stores[1]!.url;
    const html = await (await fetch(url)).text();
    expect(html).toContain('夏日轻食');
    expect(html).toContain('此内容已过期，已撤回');
    const { manifest } = await pageIsWhole(url);
    const paths = manifest.files.map((f) => f.path);
    expect(paths.some((p) => p.includes('夏日轻食'))).toBe(false);
    expect(paths.some((p) => p.includes('开学季'))).toBe(true);

    const zip = await fetch(new URL('pack.zip', url));
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const folder = packFolderName(ws.data().stores.find((s) => s.id === 'lc007')!);
    expect(zip.headers.get('content-disposition')).toBe(`attachment; filename="pack.zip"; filename*=UTF-8''${encodeURIComponent(`${folder}.zip`)}`);
    const file = join(dir, 'pack.zip');
    await writeFile(file, Buffer.from(await zip.arrayBuffer()));
    const entries = await readZip(file);
    expect(entries.every((e) => e.utf8 && e.name.startsWith(`${folder}/`))).toBe(true);
    expect(entries.map((e) => e.name)).toContain(`${folder}/index.html`);
    expect(entries.some((e) => e.name.includes('夏日轻食'))).toBe(false);
    expect(entries.filter((e) => e.name.endsWith('.jpg')).length).toBe(manifest.files.filter((f) => f.path.endsWith('.jpg')).length);
  });

  it('re-publishing uploads nothing', async () => {
    const again = await publish();
    expect(again.uploaded).toBe(0);
    expect(again.deleted).toBe(0);
    expect(again.skipped).toBe(first.uploaded);
    expect(again.stores.map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
  });

  it("one store changed: only that store's objects are uploaded, and its stale files go", async () => {
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc002')!.catchphrase = '发布后改过的口头禅';
    });
    await exportPacks(['lc002']);
    const before = await keysOf(s3, token('lc007'));
    const r = await publish();
    const [lc002, lc007] = r.stores;
    expect(lc007).toMatchObject({ store: 'lc007', status: 'unchanged', uploaded: 0, deleted: 0 });
    expect(lc002).toMatchObject({ store: 'lc002', status: 'published' });
    expect(lc002!.uploaded).toBeGreaterThan(0);
    expect(r.uploaded).toBe(lc002!.uploaded);
    expect(await keysOf(s3, token('lc007'))).toEqual(before);
    // What lc002's root holds is exactly what its new manifest lists.
    const { manifest } = await pageIsWhole(lc002!.url);
    const listed = new Set([...Object.values(manifest.published.keys), 'manifest.json']);
    expect(new Set(await keysOf(s3, token('lc002')))).toEqual(listed);
    expect((await (await fetch(lc002!.url)).text())).toContain('发布后改过的口头禅');
  });

  it('a rotated link moves the page: the new path is published, the old one deleted', async () => {
    const old = token('lc007');
    const oldUrl = first.stores[1]!.url;
    const rotated = await dispatch('portal.rotate', { store: 'lc007' }, ctx(ws));
    // With a publish target set, links are the published pages.
    expect(rotated.url).toBe(`${s3.endpoint}/packs/brand/${encodeURIComponent('春季')}/p/${token('lc007')}/index.html`);
    const r = await publish();
    expect(r.removedPaths).toBe(1);
    expect(r.stores[1]!.url).toBe(rotated.url);
    expect((await fetch(rotated.url)).status).toBe(200);
    expect((await fetch(oldUrl)).status).toBe(404);
    expect(await keysOf(s3, old)).toEqual([]);
    const links = await dispatch('portal.links', {}, ctx(ws));
    expect(links.find((l) => l.store === 'lc007')!.url).toBe(rotated.url);
    // The studio's own portal is still there when asked for.
    expect((await dispatch('portal.links', { via: 'portal', host: '127.0.0.1', port: 5178 }, ctx(ws))).find((l) => l.store === 'lc007')!.url).toBe(`http://127.0.0.1:5178/p/${token('lc007')}`);
  });

  it('a revoked link is unpublished at the next publish; the status says when each page was published', async () => {
    const old = token('lc002');
    await dispatch('portal.revoke', { store: 'lc002' }, ctx(ws));
    const r = await publish();
    expect(r.stores[0]).toMatchObject({ store: 'lc002', status: 'skipped' });
    expect(r.stores[0]!.reason).toMatch(/revoked/);
    expect(await keysOf(s3, old)).toEqual([]);
    const status = await dispatch('publish.status', {}, ctx(ws));
    expect(status.target).toBe(`s3://packs/${PREFIX}`);
    const lc007 = status.stores.find((s) => s.store === 'lc007')!;
    expect(lc007.url).toBe(r.stores[1]!.url);
    expect(lc007.current).toBe(true);
    expect(Date.parse(lc007.publishedAt!)).toBeGreaterThan(0);
    expect(status.stores.find((s) => s.store === 'lc002')!.url).toBeUndefined();
    await dispatch('portal.rotate', { store: 'lc002' }, ctx(ws));
  });

  it('unpublish removes a store page; publish brings it back', async () => {
    const url = (await publish()).stores.find((s) => s.store === 'lc007')!.url;
    const u = await dispatch('publish.unpublish', { stores: ['lc007'] }, ctx(ws));
    expect(u.deleted).toBeGreaterThan(3);
    expect((await fetch(url)).status).toBe(404);
    expect(await keysOf(s3, token('lc007'))).toEqual([]);
    const back = await publish({ stores: ['lc007'] });
    expect(back.stores).toHaveLength(1);
    expect(back.stores[0]!.status).toBe('published');
    await pageIsWhole(url);
  });

  it('cancels between uploads (as Ctrl+C does): published pages stay whole, the next publish completes', async () => {
    await dispatch('publish.unpublish', { stores: ['lc007'] }, ctx(ws));
    const controller = new AbortController();
    const seen: string[] = [];
    const run = dispatch('publish.run', { target: targetOf(s3), stores: STORES }, ctx(ws, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.current ?? '');
        if (p.current?.includes(' · f/')) controller.abort(); // the first file is up
      },
    }));
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const left = await keysOf(s3, token('lc007'));
    expect(left.length).toBeGreaterThan(0);
    expect(left).not.toContain('index.html'); // no page before its files
    await pageIsWhole(first.stores[0]!.url.replace(/p\/[^/]+\//, `p/${token('lc002')}/`));
    expect(seen.some((c) => c.startsWith('检查 check'))).toBe(true);
    const done = await publish();
    expect(done.stores[1]!.skipped).toBeGreaterThanOrEqual(left.length);
    await pageIsWhole(done.stores[1]!.url);
  });

  it('without --store every active store is published; those without a pack are skipped with the reason', async () => {
    const r = await dispatch('publish.run', {}, ctx(ws));
    expect(r.stores.filter((s) => s.status !== 'skipped').map((s) => s.store)).toEqual(STORES);
    const lc001 = r.stores.find((s) => s.store === 'lc001')!;
    expect(lc001).toMatchObject({ status: 'skipped', url: '' });
    expect(lc001.reason).toMatch(/export first/);
    expect(r.uploaded).toBe(0);
  });

  it('refuses a bad target with a message naming the field', async () => {
    await expect(publish({ target: { to: 'http://packs/x' } })).rejects.toMatchObject({ code: 'bad_input', field: 'target.to' });
    await expect(dispatch('publish.run', { target: { to: 's3://Bad_Bucket/x' } }, ctx(ws))).rejects.toThrow(/not a bucket name/);
    await expect(dispatch('publish.run', { target: { ...targetOf(s3), publicBase: 'ftp://x' } }, ctx(ws))).rejects.toMatchObject({ code: 'bad_input' });
    await expect(dispatch('publish.run', { stores: ['nope'] }, ctx(ws))).rejects.toMatchObject({ code: 'not_found', field: 'store' });
  });

  it('a publish killed (kill -9) half way leaves every page whole; the next publish completes it', async () => {
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.catchphrase = '被杀掉的发布不会留下半个页面';
    });
    await exportPacks();
    const url = (await publish()).stores[1]!.url.replace(/p\/[^/]+\//, `p/${token('lc007')}/`);
    const before = await pageIsWhole(url);
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.catchphrase = '第二次修改：这次发布会被 kill -9';
    });
    await exportPacks();

    // The child holds after lc007's files (before its page): kill it once new files are there.
    const child = spawn(process.execPath, [fileURLToPath(new URL('./kill-child.mjs', import.meta.url)), ws.dir, JSON.stringify(targetOf(s3)), ...STORES], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const exited = new Promise((r) => child.on('exit', (code, sig) => r(sig ?? code)));
    const known = new Set(Object.values(before.manifest.published.keys));
    const end = Date.now() + 240_000;
    let fresh: string[] = [];
    while (!fresh.length) {
      if (child.exitCode !== null) throw new Error(`the publish ended before it could be killed: ${stderr}`);
      if (Date.now() > end) throw new Error('no new file was published in time');
      fresh = (await keysOf(s3, token('lc007'))).filter((k) => k.startsWith('f/') && !known.has(k));
      if (!fresh.length) await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Every page is still whole: the old page, its manifest and every file it links.
    for (const store of STORES) await pageIsWhole(first.stores[0]!.url.replace(/p\/[^/]+\//, `p/${token(store)}/`));
    expect((await pageIsWhole(url)).manifest.files).toEqual(before.manifest.files);
    expect(await (await fetch(url)).text()).not.toContain('第二次修改');
    expect((await stat(join(ws.dir, '.publish.lock'))).isFile()).toBe(true); // left by the dead process

    // The next publish takes over the dead lock, keeps what the killed run uploaded and completes the page.
    const r = await publish();
    const lc007 = r.stores[1]!;
    expect(lc007.status).toBe('published');
    const after = await pageIsWhole(url);
    const needed = Object.values(after.manifest.published.keys).filter((k) => !known.has(k)).length + 1; // + manifest.json
    expect(lc007.uploaded).toBeLessThan(needed);
    expect(lc007.skipped).toBeGreaterThanOrEqual(fresh.length);
    expect(await (await fetch(url)).text()).toContain('第二次修改');
    expect((await publish()).uploaded).toBe(0);
  }, 300_000);

  it('shequn publish --json ends with one JSON line {stores:[{store,url}],uploaded,skipped,deleted}; portal links give the published pages and warn about 127.0.0.1', async () => {
    const t = targetOf(s3);
    const r = await shequn('publish', '-w', ws.dir, '--to', t.to, '--endpoint', t.endpoint, '--path-style', '--json');
    expect(r.code, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(last)).toEqual(['stores', 'uploaded', 'skipped', 'deleted']);
    expect(last.stores).toEqual(STORES.map((store) => ({ store, url: `${s3.endpoint}/packs/brand/${encodeURIComponent('春季')}/p/${token(store)}/index.html` })));
    expect(last.uploaded).toBe(0);
    expect(r.stderr).toMatch(/127\.0\.0\.1.*--public-base/);

    const links = await shequn('portal', 'links', '-w', ws.dir, '--json');
    expect(links.code).toBe(0);
    expect(JSON.parse(links.stdout).find((l: { store: string }) => l.store === 'lc007').url).toBe(last.stores[1].url);
    expect(links.stderr).toMatch(/只有本机能打开.*open on this computer only/);
    const lan = await shequn('portal', 'links', '-w', ws.dir, '--host', '192.168.1.20', '--json');
    expect(JSON.parse(lan.stdout)[0].url).toMatch(/^http:\/\/192\.168\.1\.20:5178\/p\//);
    expect(lan.stderr).toMatch(/局域网地址 192\.168\.1\.20.*private LAN address/);

    const bad = await shequn('publish', '-w', ws.dir, '--to', 'packs/x', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/s3:\/\/BUCKET\/PREFIX/);
  }, 120_000);
});
