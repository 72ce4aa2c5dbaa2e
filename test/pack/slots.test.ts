import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { renderIndexHtml } from '../../src/pack/index-html.js';
import { expiryInstant, type ManifestEntry } from '../../src/pack/manifest.js';
import { packFolderName } from '../../src/pack/names.js';
import { chinaDate, orderBySlot } from '../../src/pack/slots.js';
import { writePack, type EntryInput } from '../../src/pack/writer.js';
import { buildApp } from '../../src/server/app.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { tinyStudio } from '../helpers/memory-workspace.js';
import { ctx } from '../helpers/session.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function meta(post: string, title: string, slots?: string[]): ManifestEntry {
  return {
    post: { id: post, title, validFrom: '2026-01-01', validUntil: '2099-12-31' },
    group: { id: 'community', name: '社区群', tip: '' },
    dir: `社区群/${title}`,
    link: `https://shop.example.com/?sq_post=${post}`,
    expiresAt: expiryInstant('2099-12-31'),
    templates: [],
    texts: [],
    posters: [],
    ...(slots ? { slots } : {}),
  };
}

describe('packs list items by send slot', () => {
  const now = Date.parse('2027-01-20T08:00:00+08:00');

  it('today first with the time, later ones with their date, then unplanned, then past-only', () => {
    const entries = [meta('a', '不排期'), meta('b', '下周', ['2027-01-26 19:30']), meta('c', '今天晚上', ['2027-01-19 09:00', '2027-01-20 19:30']), meta('d', '只排过', ['2027-01-02 09:00']), meta('e', '今天早上', ['2027-01-20 06:20'])];
    expect(orderBySlot(entries, now).map((x) => [x.entry.post.id, x.place.label])).toEqual([
      ['e', '今天 06:20'],
      ['c', '今天 19:30'],
      ['b', '1月26日 周二 19:30'],
      ['a', ''],
      ['d', ''],
    ]);
    const html = renderIndexHtml({ store: { id: 's', storeName: '店', ownerName: '王' }, brand: { name: 'B', color: '#B5482E' }, createdAt: '2027-01-20T00:00:00Z', entries }, { texts: new Map(), now });
    const order = [...html.matchAll(/<section class="entry[^"]*" id="e(\d)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([4, 2, 1, 0, 3]);
    expect(html).toContain('<div class="slot today">今天 06:20</div>');
    expect(html).toContain('<div class="slot">1月26日 周二 19:30</div>');
    expect(html).toContain('data-slots="2027-01-19 09:00,2027-01-20 19:30"'); // the phone re-sorts by its own date
  });
});

describe('the portal orders by the live plan and notes pack opens', () => {
  let dir: string;
  let ws: Workspace;
  let app: FastifyInstance;
  let token: string;
  const today = chinaDate(Date.now());

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-slots-'));
    ws = await createWorkspace(join(dir, 'ws'), tinyStudio());
    const poster = join(dir, 'poster.bin');
    await writeFile(poster, Buffer.alloc(100, 7));
    const s = ws.data().stores[0]!;
    const entry = (post: string, title: string): EntryInput => {
      const { texts: _t, posters: _p, ...m } = meta(post, title);
      return { meta: m, files: [{ name: 'caption.txt', role: 'caption', text: `${title} 文案`, channel: 'group', label: '群消息', primary: true }] };
    };
    await writePack(ws.paths.packs, { folder: packFolderName(s), packKey: 'b'.repeat(64), store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName }, brand: { name: 'B', color: '#B5482E' }, createdAt: new Date().toISOString(), entries: [entry('p1', '先写的'), entry('p2', '后写的')] });
    // Planned after the export: the portal reads the plan as it is now.
    await ws.update((d) => {
      d.plan.slots.push({ id: 'slot-1', post: 'p1', group: 'community', at: `${addDays(today, 2)} 09:00` }, { id: 'slot-2', post: 'p2', group: 'community', at: `${today} 23:59` });
    });
    const links = await dispatch('portal.links', { port: 80, host: 'localhost' }, ctx(ws));
    token = links.find((l) => l.store === s.id)!.url.split('/p/')[1]!;
    app = await buildApp({ ws, port: 80, token: 'studio-token-1234567890' });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists today\'s post first and records one open per visit window', async () => {
    const get = () => app.inject({ method: 'GET', url: `/p/${token}`, headers: { host: 'localhost:80' }, remoteAddress: '10.0.0.9' });
    const res = await get();
    expect(res.statusCode).toBe(200);
    const titles = [...res.body.matchAll(/<h2>([^<·]+) ·/g)].map((m) => m[1]!.trim());
    expect(titles).toEqual(['后写的', '先写的']);
    expect(res.body).toContain('今天 23:59');
    await get(); // a reload right after is the same visit
    const lines = (await readFile(join(ws.paths.results, 'portal-activity.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ store: ws.data().stores[0]!.id, at: expect.any(String), what: 'index' }]);
    const overview = await dispatch('results.overview', {}, ctx(ws));
    expect(overview.activity.find((a) => a.store === ws.data().stores[0]!.id)).toMatchObject({ opens: 1, orders: 0 });
  });
});
