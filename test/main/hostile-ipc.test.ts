import { describe, expect, it, vi } from 'vitest';

// Only main/ tests mock electron (see test/main/shell.test.ts); this file is part of the hostile
// suite (test/hostile/README.md): IPC calls from foreign frames and origins, and hostile inputs.
vi.mock('electron', () => ({}));

import { setupIpc } from '../../main/ipc';
import { ORIGIN } from '../../main/protocol';
import { setupNavigationGuards } from '../../main/security';
import { methodNames } from '../../src/api/contract';
import { memoryWorkspace, tinyStudio } from '../helpers/memory-workspace';
import { sessionOf } from '../helpers/session.js';

type Reply = { result?: unknown; error?: { code: string; message: string; field?: string } };
type Handler = (event: unknown, input: unknown, userKey?: unknown) => Promise<Reply>;

/** The IPC handlers wired to a fresh in-memory workspace and an own window whose main frame is given. */
function wire(mainFrameUrl = `${ORIGIN}/index.html`) {
  const handlers = new Map<string, Handler>();
  const ws = memoryWorkspace(tinyStudio());
  const mainFrame = { url: mainFrameUrl };
  const own = { mainFrame };
  let open = true;
  setupIpc({ handle: (ch: string, fn: Handler) => handlers.set(ch, fn) } as never, { getSession: () => sessionOf(ws), ownWindow: () => (open ? (own as never) : undefined), origin: ORIGIN });
  const call = (method: string, input: unknown, event: unknown = { sender: own, senderFrame: mainFrame }, userKey?: unknown) => handlers.get(`studio:${method}`)!(event, input, userKey);
  return { handlers, ws, own, mainFrame, call, close: () => (open = false) };
}

const goodStore = () => ({ store: { id: 's009', storeName: '新店', ownerName: '赵', groupTypes: ['community'] } });

describe('IPC carries the identity switch’s key: acting as a user needs that user’s own key', () => {
  it('refuses a named user without their key or with a wrong one, and answers with it', async () => {
    const w = wire();
    const own = { sender: w.own, senderFrame: w.mainFrame };
    // The workspace is being set up (no manager has a key): the desktop may add the first manager, and is shown the key once.
    const added = await w.call('users.add', { user: { id: 'boss', name: '', role: 'manager' } });
    const key = (added.result as { key: string }).key;
    expect(key).toMatch(/^sqk_/);
    expect((await w.call('users.whoami', { as: 'boss' }, own)).error).toMatchObject({ code: 'forbidden', field: 'key' });
    expect((await w.call('users.whoami', { as: 'boss' }, own, `${key}x`)).error).toMatchObject({ code: 'forbidden' });
    expect((await w.call('users.whoami', { as: 'boss' }, own, { key })).error).toMatchObject({ code: 'forbidden' }); // not a string: ignored
    expect((await w.call('users.whoami', { as: 'boss' }, own, key)).result).toMatchObject({ id: 'boss', role: 'manager' });
    // Now a manager has a key: the desktop alone may not add another one.
    expect((await w.call('users.add', { user: { id: 'boss2', name: '', role: 'manager' } })).error).toMatchObject({ code: 'forbidden' });
  });
});

describe('IPC from anything but the studio window’s own top frame is refused, and nothing is written', () => {
  it('the studio window’s own top frame is answered (baseline)', async () => {
    const { call, ws } = wire();
    expect((await call('stores.save', goodStore())).result).toMatchObject({ id: 's009' });
    expect(ws.writes).toBe(1);
  });

  it.each([
    ['a child frame (iframe) of the window, even at our origin', (w: ReturnType<typeof wire>) => ({ sender: w.own, senderFrame: { url: `${ORIGIN}/index.html` } })],
    ['a frame that has gone (senderFrame null)', (w: ReturnType<typeof wire>) => ({ sender: w.own, senderFrame: null })],
    ['another web contents loaded from our origin', (w: ReturnType<typeof wire>) => ({ sender: { mainFrame: w.mainFrame }, senderFrame: w.mainFrame })],
    ['no sender at all', () => ({})],
  ])('%s', async (_what, event) => {
    const w = wire();
    const reply = await w.call('stores.save', goodStore(), event(w));
    expect(reply.error).toMatchObject({ code: 'forbidden', message: 'IPC call stores.save refused: not from the studio window' });
    expect(w.ws.writes).toBe(0);
  });

  it.each([
    'https://evil.example/',
    'studio://app.evil.example/index.html',
    'studio://appx/index.html',
    'studio://app@evil.example/',
    'file:///etc/passwd',
    'about:blank',
    'data:text/html,<script>studio.call()</script>',
  ])('the window’s top frame navigated to %s', async (url) => {
    const w = wire(url);
    expect((await w.call('stores.save', goodStore())).error?.code).toBe('forbidden');
    expect(w.ws.writes).toBe(0);
  });

  it('a call after the studio window closed', async () => {
    const w = wire();
    w.close();
    expect((await w.call('stores.save', goodStore())).error?.code).toBe('forbidden');
    expect(w.ws.writes).toBe(0);
  });

  it('the navigation guard keeps look-alike origins out as well', () => {
    let onCreated: ((e: unknown, c: unknown) => void) | undefined;
    setupNavigationGuards({ on: (_e: string, fn: typeof onCreated) => (onCreated = fn) } as never, { openExternal: vi.fn() } as never, ORIGIN);
    const listeners: Record<string, (ev: { preventDefault(): void }, url: string) => void> = {};
    onCreated!({}, { on: (e: string, fn: (typeof listeners)[string]) => (listeners[e] = fn), setWindowOpenHandler: () => {} });
    const blocked = (url: string) => {
      const ev = { preventDefault: vi.fn() };
      listeners['will-navigate']!(ev, url);
      return ev.preventDefault.mock.calls.length > 0;
    };
    expect(blocked(`${ORIGIN}/index.html#/stores`)).toBe(false);
    for (const url of ['studio://app.evil.example/', 'studio://appx/', 'https://evil.example/']) expect(blocked(url), url).toBe(true);
  });
});

describe('hostile IPC input: refused with bad_input naming the field; nothing written, nothing polluted', () => {
  it.each([
    ['stores.get', { id: 1 }, 'id'],
    ['stores.get', 's001', '(root)'],
    ['stores.get', [{ id: 's001' }], '(root)'],
    ['stores.get', 42, '(root)'],
    ['stores.save', { store: [] }, 'store'],
    ['stores.save', { store: { ...goodStore().store, groupTypes: 'community' } }, 'store.groupTypes'],
    ['stores.save', { store: { ...goodStore().store, cloudStoreUrl: 'javascript:alert(1)' } }, 'store.cloudStoreUrl'],
    ['assets.upload', { name: 5, base64: 'AAAA' }, 'name'],
    ['stores.get', { id: 's001', admin: true }, '(root)'],
    ['stores.save', { ...goodStore(), force: true }, '(root)'],
    // Issue 15 point 1: no path from the window reaches the core (a picked file comes as a grant).
    ['stores.import', { file: '/etc/passwd', dryRun: true }, 'grant'],
    ['export.start', { out: 42 }, 'out'],
    ['stores.save', { store: { ...goodStore().store, storeName: '门店\u202egpj.exe.zip' } }, 'store.storeName'],
  ])('%s %j', async (method, input, field) => {
    const { call, ws } = wire();
    const before = JSON.stringify(ws.data());
    const reply = await call(method, input);
    expect(reply.error).toMatchObject({ code: 'bad_input', field });
    expect(Object.keys(reply.error!).every((k) => ['code', 'message', 'field', 'details'].includes(k))).toBe(true);
    expect(ws.writes).toBe(0);
    expect(JSON.stringify(ws.data())).toBe(before);
  });

  /** `{"a":{"a":…{"<key>":{"polluted":true}}}}` with the key as an own property, as JSON.parse and structured clone make it. */
  const nested = (key: string, depth: number) => {
    let v: unknown = JSON.parse(`{"${key}": {"polluted": true}}`);
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  it.each([
    ['__proto__', 0],
    ['__proto__', 5],
    ['constructor', 3],
    ['prototype', 3],
    ['__proto__', 62],
    ['__proto__', 70], // below the depth the walk used to stop at (fixed: deeper input is refused)
    ['__proto__', 500],
  ])('a %s key %i levels down inside a post’s Lexical children', async (key, depth) => {
    const { call, ws } = wire();
    const post = {
      id: 'p9',
      title: 't',
      head: { root: { type: 'root', children: [nested(key, depth)] } },
      waist: { root: { type: 'root', children: [] } },
      leg: { root: { type: 'root', children: [] } },
      product: { name: 'x', price: 1 },
      conversionUrl: 'https://x.example/',
      validFrom: '2026-01-01',
      validUntil: '2026-02-01',
      templates: {},
    };
    const reply = await call('posts.save', { post });
    expect(reply.error?.code).toBe('bad_input');
    expect(reply.error?.message).toMatch(/forbidden key \(__proto__, constructor or prototype\)/);
    expect(ws.writes).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a cyclic input (structured clone can carry one) is refused without a stack overflow', async () => {
    const { call, ws } = wire();
    const store: Record<string, unknown> = { ...goodStore().store };
    store.self = store;
    const reply = await call('stores.save', { store });
    expect(reply.error?.code).toBe('bad_input');
    expect(ws.writes).toBe(0);
  });

  it('only contract methods have channels: no __proto__, constructor or toString channel exists', () => {
    const { handlers } = wire();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(handlers.has(`studio:${name}`)).toBe(false);
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `studio:${m}`).sort());
  });
});
