import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { dispatch } from '../../src/api/dispatcher.js';
import { buildApp } from '../../src/server/app.js';
import { expiryInstant } from '../../src/pack/manifest.js';
import { packFolderName } from '../../src/pack/names.js';
import { ensureZip, writePack, type EntryInput } from '../../src/pack/writer.js';
import Fastify from 'fastify';
import { createPortalPlugin } from '../../src/server/portal/plugin.js';
import { serverPlugins } from '../../src/server/plugins.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { tinyStudio } from '../helpers/memory-workspace.js';
import { ctx } from '../helpers/session.js';

// Packs are written with the exporter's writer from small made-up files: this file tests the
// portal's access rules, Range and expiry; test/pack/export.test.ts tests real exports.

function entry(storeId: string, post: string, title: string, validUntil: string, poster: string): EntryInput {
  const dir = `社区群/${title}`;
  return {
    meta: {
      post: { id: post, title, validFrom: '2026-01-01', validUntil },
      group: { id: 'community', name: '社区群', tip: '晚饭后发' },
      dir,
      link: `https://shop.example.com/?sq_post=${post}&sq_store=${storeId}`,
      expiresAt: expiryInstant(validUntil),
      templates: [],
    },
    files: [
      { name: 'caption.txt', role: 'caption', text: `${title} 的文案 ${storeId}`, channel: 'group', label: '群消息', primary: true },
      { name: 'poster-1x1.jpg', role: 'poster', from: poster, posterSize: '1x1' },
    ],
  };
}

describe('staff portal', () => {
  let dir: string;
  let ws: Workspace;
  let app: FastifyInstance;
  let tokens: Record<string, string>;
  let folderA: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-portal-'));
    ws = await createWorkspace(join(dir, 'ws'), tinyStudio());
    const poster = join(dir, 'poster.bin');
    await writeFile(poster, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251)));
    for (const s of ws.data().stores) {
      const folder = packFolderName(s);
      await writePack(ws.paths.packs, {
        folder,
        packKey: 'a'.repeat(63) + (s.id === 's001' ? '1' : '2'),
        store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName },
        brand: { name: '山野果坊', color: '#B5482E' },
        createdAt: '2026-11-01T10:00:00.000Z',
        entries: s.id === 's001' ? [entry(s.id, 'p1', '新品上市', '2099-12-31', poster), entry(s.id, 'p0', '旧活动', '2020-01-31', poster)] : [entry(s.id, 'p1', '新品上市', '2099-12-31', poster)],
      });
      if (s.id === 's001') folderA = folder;
    }
    const links = await dispatch('portal.links', { port: 80, host: 'localhost' }, ctx(ws));
    tokens = Object.fromEntries(links.map((l) => [l.store, l.url.split('/p/')[1]!]));
    expect(serverPlugins.length).toBeGreaterThan(0); // the portal is registered with the server
    app = await buildApp({ ws, port: 80, token: 'studio-token-1234567890' });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}, ip = '10.0.0.1') => app.inject({ method: 'GET', url, headers: { host: 'localhost:80', ...headers }, remoteAddress: ip });

  it('issues random tokens of 128 bits or more and lists links with exactly store, storeName, url', async () => {
    const links = await dispatch('portal.links', { host: '192.168.1.5', port: 5178 }, ctx(ws));
    expect(links).toHaveLength(2);
    for (const l of links) {
      expect(Object.keys(l).sort()).toEqual(['store', 'storeName', 'url']);
      expect(l.url).toMatch(/^http:\/\/192\.168\.1\.5:5178\/p\/[A-Za-z0-9_-]{24}$/);
    }
    expect(new Set(Object.values(tokens)).size).toBe(2);
  });

  it("serves a store its own index with links rewritten to the portal, and withdraws expired entries", async () => {
    const res = await get(`/p/${tokens.s001}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(res.body).toContain('老王家便利店');
    expect(res.body).not.toContain('幸福里生活超市');
    expect(res.body).toContain(`/p/${tokens.s001}/files/${encodeURIComponent('社区群')}/`);
    expect(res.body).toContain('新品上市 的文案 s001');
    expect(res.body).toContain('此内容已过期，已撤回');
    expect(res.body).not.toContain('旧活动 的文案');
    // No copy button for withdrawn content: one for the live entry's caption only.
    expect((res.body.match(/button class="copy"/g) ?? []).length).toBe(1);
    expect((await get(`/p/${tokens.s001}/`)).statusCode).toBe(200);
  });

  it("answers another store's file and a wrong token with the same 404", async () => {
    const path = `/files/${encodeURIComponent('社区群')}/${encodeURIComponent('新品上市')}/caption.txt`;
    const own = await get(`/p/${tokens.s001}${path}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toBe('新品上市 的文案 s001');
    const other = await get(`/p/${tokens.s002}/files/..%2F${encodeURIComponent(folderA)}%2Fmanifest.json`, {}, '10.0.0.2');
    const wrong = await get(`/p/${'x'.repeat(24)}${path}`, {}, '10.0.0.3');
    const traversal = await get(`/p/${tokens.s002}/files/../../${encodeURIComponent(folderA)}/index.html`, {}, '10.0.0.4');
    for (const r of [other, wrong]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(wrong.body);
      expect(r.headers['content-type']).toBe(wrong.headers['content-type']);
    }
    expect([404, 400]).toContain(traversal.statusCode);
    expect(traversal.body).not.toContain('老王家');
  });

  it('serves byte ranges: 206 with Content-Range, suffix ranges, 416 when unsatisfiable, 200 for multiple ranges', async () => {
    const url = `/p/${tokens.s001}/files/${encodeURIComponent('社区群')}/${encodeURIComponent('新品上市')}/poster-1x1.jpg`;
    const full = await get(url);
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.rawPayload.length).toBe(1000);
    const part = await get(url, { range: 'bytes=10-19' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/1000');
    expect([...part.rawPayload]).toEqual([...full.rawPayload.subarray(10, 20)]);
    const tail = await get(url, { range: 'bytes=-5' });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe('bytes 995-999/1000');
    const open = await get(url, { range: 'bytes=990-' });
    expect(open.rawPayload.length).toBe(10);
    const bad = await get(url, { range: 'bytes=5000-6000' });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */1000');
    const multi = await get(url, { range: 'bytes=0-1,5-6' });
    expect(multi.statusCode).toBe(200);
    expect(multi.rawPayload.length).toBe(1000);
    // Resuming with If-Range and a stale validator restarts from the beginning.
    const stale = await get(url, { range: 'bytes=10-19', 'if-range': '"not-the-etag"' });
    expect(stale.statusCode).toBe(200);
  });

  it('answers 410 for the files of an expired post', async () => {
    const res = await get(`/p/${tokens.s001}/files/${encodeURIComponent('社区群')}/${encodeURIComponent('旧活动')}/caption.txt`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('已过有效期');
  });

  it('streams a zip of what is still valid (UTF-8 names, expired content left out)', async () => {
    await ensureZip(ws.paths.packs, folderA);
    const res = await get(`/p/${tokens.s001}/pack.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(folderA)}.zip`);
    const names = await zipNames(res.rawPayload);
    expect(names).toContain(`${folderA}/社区群/新品上市/caption.txt`);
    expect(names.some((n) => n.includes('旧活动/'))).toBe(false);
  });

  it('serves the stored zip, resumable, when nothing in it has expired', async () => {
    const folderB = packFolderName(ws.data().stores.find((s) => s.id === 's002')!);
    expect(await ensureZip(ws.paths.packs, folderB)).toBe(true);
    expect(await ensureZip(ws.paths.packs, folderB)).toBe(false); // same pack key: kept
    const full = await get(`/p/${tokens.s002}/pack.zip`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    const size = full.rawPayload.length;
    const part = await get(`/p/${tokens.s002}/pack.zip`, { range: 'bytes=100-' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-${size - 1}/${size}`);
    expect(Buffer.concat([full.rawPayload.subarray(0, 100), part.rawPayload]).equals(full.rawPayload)).toBe(true);
    const names = await zipNames(full.rawPayload);
    expect(names).toContain(`${folderB}/manifest.json`);
    expect(names).toContain(`${folderB}/社区群/新品上市/poster-1x1.jpg`);
  });

  it('rotates and revokes tokens: the old link stops working at once', async () => {
    const old = tokens.s002!;
    const link = await dispatch('portal.rotate', { store: 's002', host: 'localhost', port: 80 }, ctx(ws));
    const fresh = link.url.split('/p/')[1]!;
    expect(fresh).not.toBe(old);
    expect((await get(`/p/${old}`, {}, '10.0.1.1')).statusCode).toBe(404);
    expect((await get(`/p/${fresh}`, {}, '10.0.1.1')).statusCode).toBe(200);
    await dispatch('portal.revoke', { store: 's002' }, ctx(ws));
    expect((await get(`/p/${fresh}`, {}, '10.0.1.1')).statusCode).toBe(404);
    expect((await dispatch('portal.links', {}, ctx(ws))).map((l) => l.store)).toEqual(['s001']);
  });

  it('rate-limits repeated bad tokens per client address with 429 and Retry-After', async () => {
    const ip = '10.9.9.9';
    const codes: number[] = [];
    const stale = 'bad'.padEnd(24, '0');
    for (let i = 0; i < 21; i++) codes.push((await get(`/p/${stale}`, {}, ip)).statusCode);
    expect(codes.slice(0, 19).every((c) => c === 404)).toBe(true);
    expect(codes.slice(19)).toEqual([429, 429]);
    // While blocked, every token of that bucket gets 429: a guesser cannot tell a hit from a miss.
    const blocked = await get(`/p/${stale.slice(0, 6)}${'x'.repeat(18)}`, {}, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Stores behind the same address (one NAT) keep their own links working.
    expect((await get(`/p/${tokens.s001}`, {}, ip)).statusCode).toBe(200);
    expect((await get(`/p/${tokens.s001}`, {}, '10.9.9.8')).statusCode).toBe(200);
  });

  it('frees a limited address once its failures leave the window; a guesser rotating tokens meets the per-address ceiling', async () => {
    const f = Fastify();
    await createPortalPlugin({ limits: { perToken: 3, perAddress: 5, windowMs: 1000 } })(f, { ws, services: ctx(ws).services, token: 't' });
    const hit = (token: string, ip: string) => f.inject({ method: 'GET', url: `/p/${token}`, remoteAddress: ip }).then((r) => r.statusCode);
    const bad = (i: number) => `${String(i).padStart(6, 'q')}`.padEnd(24, 'z');
    expect([await hit(bad(1), '10.7.0.1'), await hit(bad(1), '10.7.0.1'), await hit(bad(1), '10.7.0.1')]).toEqual([404, 404, 429]);
    // Other prefixes go on (404) until the address has sent five bad tokens in the window:
    expect([await hit(bad(2), '10.7.0.1'), await hit(bad(3), '10.7.0.1')]).toEqual([404, 429]);
    // now everything from it waits, even a good link (a guesser rotating tokens).
    expect(await hit(tokens.s001, '10.7.0.1')).toBe(429);
    expect(await hit(tokens.s001, '10.7.0.2')).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await hit(tokens.s001, '10.7.0.1')).toBe(200);
    expect(await hit(bad(1), '10.7.0.1')).toBe(404);
    await f.close();
  });

  it('refuses a foreign Host header (DNS rebinding) before any portal logic', async () => {
    const res = await app.inject({ method: 'GET', url: `/p/${tokens.s001}`, headers: { host: 'evil.example:80' } });
    expect(res.statusCode).toBe(421);
  });

  it('writes the printable QR sheet with one card per linked store', async () => {
    const sheet = await dispatch('portal.sheet', { host: 'localhost', port: 80 }, ctx(ws));
    expect(sheet.stores).toBe(1);
    expect(sheet.html).toContain('<svg');
    expect(sheet.html).toContain('老王家便利店');
  });
});

function zipNames(buf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        expect(e.generalPurposeBitFlag & 0x800).toBe(0x800);
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
