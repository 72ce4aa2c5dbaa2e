import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { expiryInstant } from '../../src/pack/manifest.js';
import { packFolderName } from '../../src/pack/names.js';
import { writePack, type EntryInput } from '../../src/pack/writer.js';
import { activityDir, ActivityLog, parseBeacon, summarizeActivity } from '../../src/portal/activity.js';
import { buildApp } from '../../src/server/app.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { shequn } from '../helpers/cli.js';
import { tinyStudio } from '../helpers/memory-workspace.js';
import { ctx } from '../helpers/session.js';

// The activity beacon of store pages: what the portal records (and what it refuses), how it is
// summed up per store, and the CLI. The published pages' beacon in a real browser is in
// test/e2e/publish.test.ts.

function entry(store: string, poster: string): EntryInput {
  return {
    meta: {
      post: { id: 'p1', title: '新品上市', validFrom: '2026-01-01', validUntil: '2099-12-31' },
      group: { id: 'community', name: '社区群', tip: '' },
      dir: '社区群/新品上市',
      link: `https://shop.example.com/?sq_store=${store}`,
      expiresAt: expiryInstant('2099-12-31'),
      templates: [],
    },
    files: [
      { name: 'caption.txt', role: 'caption', text: `文案 ${store}`, channel: 'group', label: '群消息', primary: true },
      { name: 'poster-1x1.jpg', role: 'poster', from: poster, posterSize: '1x1' },
    ],
  };
}

describe('store activity (beacon, log, summary)', () => {
  let dir: string;
  let ws: Workspace;
  let app: FastifyInstance;
  let tokens: Record<string, string>;
  const packKey = (s: string) => (s === 's001' ? 'a' : 'b').repeat(64);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-activity-'));
    ws = await createWorkspace(join(dir, 'ws'), tinyStudio());
    const poster = join(dir, 'poster.bin');
    await writeFile(poster, Buffer.alloc(500, 7));
    for (const s of ws.data().stores) {
      await writePack(ws.paths.packs, { folder: packFolderName(s), packKey: packKey(s.id), store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName }, brand: { name: '山野果坊', color: '#B5482E' }, createdAt: '2026-11-01T10:00:00.000Z', entries: [entry(s.id, poster)] });
    }
    const links = await dispatch('portal.links', { host: 'localhost', port: 80 }, ctx(ws));
    tokens = Object.fromEntries(links.map((l) => [l.store, l.url.split('/p/')[1]!]));
    app = await buildApp({ ws, port: 80, token: 'studio-token-1234567890' });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const beacon = (token: string, body: unknown, host = 'localhost:80', ip = '10.1.0.1') =>
    app.inject({ method: 'POST', url: `/a/${token}`, headers: { host, 'content-type': 'text/plain;charset=UTF-8' }, payload: typeof body === 'string' ? body : JSON.stringify(body), remoteAddress: ip });

  it("the portal page carries a same-origin beacon (no third-party script) and its CSP lets it reach only its own server", async () => {
    const res = await app.inject({ method: 'GET', url: `/p/${tokens.s001}`, headers: { host: 'localhost:80' } });
    expect(res.body).toContain(`data-beacon="/a/${tokens.s001}"`);
    expect(res.body).toContain(`data-pack="${'a'.repeat(16)}"`);
    expect(res.body).toContain('data-path="社区群/新品上市/caption.txt"');
    expect(res.body).not.toMatch(/<script[^>]+src=/);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it('records page opens, downloads and copies per store, with no personal data', async () => {
    expect((await beacon(tokens.s001!, { e: 'open', k: 'a'.repeat(16), s: 'portal' })).statusCode).toBe(204);
    expect((await beacon(tokens.s001!, { e: 'download', f: '社区群/新品上市/poster-1x1.jpg', k: 'a'.repeat(16), s: 'portal' })).statusCode).toBe(204);
    expect((await beacon(tokens.s001!, { e: 'copy', f: '社区群/新品上市/caption.txt', s: 'portal' })).statusCode).toBe(204);
    // A published page's beacon reaches the studio under whatever name the internet uses for it.
    expect((await beacon(tokens.s002!, { e: 'open', k: 'c'.repeat(16), s: 'published' }, 'collect.brand.example')).statusCode).toBe(204);
    const files = await readdir(activityDir(ws.dir));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}\.[A-Za-z0-9_-]+\.ndjson$/);
    const lines = (await readFile(join(activityDir(ws.dir), files[0]!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    for (const l of lines) for (const k of Object.keys(l)) expect(['at', 'store', 'kind', 'path', 'pack', 'via']).toContain(k);
    expect(lines.map((l) => [l.store, l.kind, l.via])).toEqual([
      ['s001', 'open', 'portal'],
      ['s001', 'download', 'portal'],
      ['s001', 'copy', 'portal'],
      ['s002', 'open', 'published'],
    ]);

    const r = await dispatch('activity.list', {}, ctx(ws));
    expect(r.stores).toEqual([
      { store: 's001', storeName: '老王家便利店', lastOpened: lines[0]!.at, opens: 1, downloads: 1, copies: 1, openedNewest: true },
      // s002 opened a page of another pack, not its newest.
      { store: 's002', storeName: '幸福里生活超市', lastOpened: lines[3]!.at, opens: 1, downloads: 0, copies: 0, openedNewest: false },
    ]);
    expect((await dispatch('activity.list', { since: '2999-01-01' }, ctx(ws))).stores.every((s) => s.opens === 0)).toBe(true);
  });

  it('refuses what it cannot trust: wrong tokens get the portal 404, bad bodies 400, files not in the pack are not stored', async () => {
    const wrong = await beacon('x'.repeat(24), { e: 'open' }, 'localhost:80', '10.2.0.1');
    const page404 = await app.inject({ method: 'GET', url: `/p/${'x'.repeat(24)}`, headers: { host: 'localhost:80' }, remoteAddress: '10.2.0.2' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(page404.body);
    expect((await beacon(tokens.s001!, 'not json')).statusCode).toBe(400);
    expect((await beacon(tokens.s001!, { e: 'delete-everything' })).statusCode).toBe(400);
    expect((await beacon(tokens.s001!, { e: 'download', f: '../../studio.json' })).statusCode).toBe(400);
    expect((await beacon(tokens.s001!, 'x'.repeat(5000))).statusCode).toBe(413);
    // The Host check still guards everything but the beacon.
    expect((await app.inject({ method: 'GET', url: `/p/${tokens.s001}`, headers: { host: 'collect.brand.example' } })).statusCode).toBe(421);
    expect(parseBeacon(JSON.stringify({ e: 'download', f: 'other.jpg' }), new Set(['a.jpg']))).toBeUndefined();
    expect(parseBeacon(JSON.stringify({ e: 'open', k: 'ZZ' }))).toEqual({ kind: 'open', via: 'portal' });
  });

  it('caps events per store and reads around a torn last line', async () => {
    const logDir = join(dir, 'cap');
    const log = new ActivityLog(logDir, { host: 'h1', maxPerStore: 3, clock: () => new Date('2026-12-01T01:00:00Z') });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await log.record('s001', { kind: 'open', via: 'portal' }));
    expect(results).toEqual([true, true, true, false, false]);
    await appendFile(join(logDir, '2026-12.h1.ndjson'), '{"at":"2026-12-01T01:00:00.000Z","store":"s0'); // a crash mid-line
    await writeFile(join(logDir, '2026-11.collector.ndjson'), JSON.stringify({ at: '2026-11-20T01:00:00.000Z', store: 's001', kind: 'copy', path: 'a.txt', via: 'published' }) + '\n');
    const all = await summarizeActivity(logDir);
    expect(all.get('s001')).toMatchObject({ opens: 3, copies: 1 });
    const since = await summarizeActivity(logDir, { since: Date.parse('2026-12-01T00:00:00Z') });
    expect(since.get('s001')).toMatchObject({ opens: 3, copies: 0 });
  });

  it('a portal-only server serves store pages and the collector under any host name, and no API or UI', async () => {
    const portal = await buildApp({ ws, port: 8080, token: 'unused-token-1234567890', portalOnly: true });
    try {
      const host = 'packs.brand.example';
      expect((await portal.inject({ method: 'GET', url: `/p/${tokens.s001}`, headers: { host } })).statusCode).toBe(200);
      expect((await portal.inject({ method: 'POST', url: `/a/${tokens.s001}`, headers: { host, 'content-type': 'text/plain' }, payload: '{"e":"open"}' })).statusCode).toBe(204);
      expect((await portal.inject({ method: 'POST', url: '/api/stores.list', headers: { host, 'x-shequn-token': 'unused-token-1234567890', 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(404);
      expect((await portal.inject({ method: 'GET', url: '/review?token=x', headers: { host } })).statusCode).toBe(404);
    } finally {
      await portal.close();
    }
  });

  it('shequn serve --portal-only answers store pages and beacons, and nothing else', async () => {
    const { spawn } = await import('node:child_process');
    const { request } = await import('node:http');
    const bin = new URL('../../bin/shequn.mjs', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'serve', '--portal-only', '-w', ws.dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /store pages: (http:\/\/[^/\s]+)\/p\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
      });
      expect(out).not.toContain('api token');
      // A public host name in the Host header, as behind a reverse proxy.
      const get = (path: string, method = 'GET', body?: string) =>
        new Promise<number>((resolve, reject) => {
          const u = new URL(path, base);
          const req = request({ host: u.hostname, port: u.port, path: u.pathname, method, headers: { host: 'packs.brand.example', ...(body ? { 'content-type': 'text/plain' } : {}) } }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          });
          req.on('error', reject);
          req.end(body);
        });
      expect(await get(`/p/${tokens.s001}`)).toBe(200);
      expect(await get(`/a/${tokens.s001}`, 'POST', '{"e":"open","s":"published"}')).toBe(204);
      expect(await get('/api/stores.list', 'POST', '{}')).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('shequn activity lists per store: last opened, downloads, copies, newest pack opened', async () => {
    await ws.close(); // the CLI opens the workspace itself
    const r = await shequn('activity', '-w', join(dir, 'ws'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { stores: { store: string; opens: number; downloads: number; copies: number; openedNewest: boolean; lastOpened?: string }[] };
    expect(out.stores.map((s) => Object.keys(s).sort())[0]).toEqual(['copies', 'downloads', 'lastOpened', 'openedNewest', 'opens', 'store', 'storeName']);
    expect(out.stores.find((s) => s.store === 's001')).toMatchObject({ opens: 3, downloads: 1, copies: 1, openedNewest: true });
    const text = await shequn('activity', '-w', join(dir, 'ws'), '--since', '2020-01-01');
    expect(text.stdout).toMatch(/s001\s+老王家便利店\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+3\s+1\s+1\s+已打开 opened/);
    expect((await shequn('activity', '-w', join(dir, 'ws'), '--since', 'yesterday')).code).toBe(2);
  });
});
