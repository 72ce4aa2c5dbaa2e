import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { ctx } from '../helpers/session.js';

let dir: string;
let ws: Workspace;
const doc = (text: string) => ({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sq-tools-'));
  ws = await createWorkspace(path.join(dir, 'ws'), minimalStudio());
  await dispatch(
    'posts.save',
    { post: { id: 'p1', title: '端午礼盒', status: 'ready', head: doc('端午'), waist: doc('礼盒'), leg: doc('下单'), product: { name: '粽子', price: 39.9 }, conversionUrl: 'https://yun.example.com/p1', validFrom: '2026-06-01', validUntil: '2026-06-30', groupTypes: ['community'], templates: {} } as never },
    ctx(ws),
  );
});
afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('posts.duplicate', () => {
  it('makes a draft copy with a new id and the same parts; a second copy gets another id', async () => {
    const copy = await dispatch('posts.duplicate', { id: 'p1' }, ctx(ws));
    expect(copy).toMatchObject({ id: 'p1-copy', title: '端午礼盒（副本）', status: 'draft', groupTypes: ['community'], conversionUrl: 'https://yun.example.com/p1' });
    expect(JSON.stringify(copy.head)).toContain('端午');
    const again = await dispatch('posts.duplicate', { id: 'p1', title: '端午礼盒 第二版' }, ctx(ws));
    expect(again).toMatchObject({ id: 'p1-copy2', title: '端午礼盒 第二版' });
    expect(ws.data().posts.map((p) => p.id)).toEqual(['p1', 'p1-copy', 'p1-copy2']);
    expect(ws.data().posts[0]!.status).toBe('ready');
    await expect(dispatch('posts.duplicate', { id: 'nope' }, ctx(ws))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('stores.bulkUpdate', () => {
  it('switches stores off and on, and sets, adds and removes group types', async () => {
    expect(await dispatch('stores.bulkUpdate', { ids: ['S001', 'S002'], active: false }, ctx(ws))).toEqual({ updated: 2, unchanged: 0 });
    expect(ws.data().stores.map((s) => s.active)).toEqual([false, false]);
    expect(await dispatch('stores.bulkUpdate', { ids: ['S002'], active: true, groupTypes: { mode: 'add', ids: ['moms'] } }, ctx(ws))).toEqual({ updated: 1, unchanged: 0 });
    expect(ws.data().stores.find((s) => s.id === 'S002')).toMatchObject({ active: true, groupTypes: ['community', 'moms'] });
    // A store switched on has its portal link.
    expect(ws.data().portal.tokens.some((t) => t.store === 'S002')).toBe(true);
    await dispatch('stores.bulkUpdate', { ids: ['S001', 'S002'], groupTypes: { mode: 'remove', ids: ['community'] } }, ctx(ws));
    expect(ws.data().stores.map((s) => s.groupTypes)).toEqual([['moms'], ['moms']]);
    expect(await dispatch('stores.bulkUpdate', { ids: ['S001', 'S002'], groupTypes: { mode: 'set', ids: ['moms'] } }, ctx(ws))).toEqual({ updated: 0, unchanged: 2 });
  });

  it('refuses unknown stores or group types and changes nothing', async () => {
    const before = JSON.stringify(ws.data().stores);
    await expect(dispatch('stores.bulkUpdate', { ids: ['S001', 'X9'], active: false }, ctx(ws))).rejects.toMatchObject({ code: 'not_found', field: 'ids' });
    await expect(dispatch('stores.bulkUpdate', { ids: ['S001'], groupTypes: { mode: 'add', ids: ['vip'] } }, ctx(ws))).rejects.toMatchObject({ code: 'bad_input' });
    await expect(dispatch('stores.bulkUpdate', { ids: ['S001'] }, ctx(ws))).rejects.toMatchObject({ code: 'bad_input' });
    expect(JSON.stringify(ws.data().stores)).toBe(before);
  });
});
