import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReview } from '../../src/review/machine.js';
import { createServices } from '../../src/api/services.js';
import { addVersion } from '../../src/review/versions.js';
import { registerReviewPages } from '../../src/server/review-pages.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fakeRenderers } from './fake-renderers.js';
import { fixture, keyOf, user } from './fixture.js';
import { issueKey } from '../../src/review/keys.js';

const HOST = '127.0.0.1:4321';
const ORIGIN = `http://${HOST}`;
const MANAGER = 'manager-token-0123456789abcdef';
const STORE = 'store-token-s1-abcdefghijklmnop';

let app: FastifyInstance;
let ws: Workspace;

beforeAll(async () => {
  const data = fixture();
  data.templates[0]!.name = '标准话术 <script>alert(1)</script>';
  addVersion(data, { template: 'cap', source: 'v2 {{sections.head}} <b>"x"</b>', by: 'editor' });
  applyReview(data, { template: 'cap', action: 'submit', actor: user(data, 'editor') });
  ws = await createWorkspace(mkdtempSync(join(tmpdir(), 'rvpages-')), data);
  app = Fastify();
  const services = createServices(ws, { proofRenderers: () => fakeRenderers() });
  await registerReviewPages(app, { getSession: () => ({ ws, services }) });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

function stateOfV2(): string {
  return ws.data().templates.find((t) => t.id === 'cap')!.versions[1]!.state;
}

/** Opens the pages with the shared manager link: a session that may look, not act. */
async function linkSession(): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/review/cap/2?token=${MANAGER}`, headers: { host: HOST } });
  expect(res.statusCode).toBe(303);
  const setCookie = String(res.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

/** The CSRF token of a page's forms (approve, sign out). */
async function csrfOf(cookie: string, url = '/review/cap/2'): Promise<string> {
  const pageRes = await app.inject({ method: 'GET', url, headers: { host: HOST, cookie } });
  expect(pageRes.statusCode).toBe(200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(pageRes.body)?.[1];
  expect(csrf).toBeTruthy();
  return csrf!;
}

/** Signs a manager in with their id and key (as the sign-in form posts it); returns the session cookie and CSRF token. */
async function signIn(id = 'manager', key = keyOf(id)): Promise<{ cookie: string; csrf: string }> {
  const res = await post('/review/login', { id, key, next: '/review/cap/2' }, { origin: ORIGIN });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/review/cap/2');
  const setCookie = String(res.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const cookie = setCookie.split(';')[0]!;
  return { cookie, csrf: await csrfOf(cookie) };
}

function post(url: string, form: Record<string, string>, headers: Record<string, string>) {
  return app.inject({ method: 'POST', url, payload: new URLSearchParams(form).toString(), headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

describe('review pages', () => {
  it('refuse visitors without the manager token, and store tokens', async () => {
    expect((await app.inject({ url: '/review', headers: { host: HOST } })).statusCode).toBe(403);
    const store = await app.inject({ url: `/review?token=${STORE}`, headers: { host: HOST } });
    expect(store.statusCode).toBe(403);
    expect(store.headers['set-cookie']).toBeUndefined();
    expect((await app.inject({ url: `/review/cap/2?token=${STORE}`, headers: { host: HOST } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/review/cap/2/sheet.jpg', headers: { host: HOST, cookie: 'shequn_review=forged' } })).statusCode).toBe(403);
  });

  it('show the queue and the version page with escaped content, proof sheet and diff', async () => {
    const cookie = await linkSession();
    const queue = await app.inject({ url: '/review', headers: { host: HOST, cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.headers['content-security-policy']).toContain("default-src 'none'");
    expect(queue.body).toContain('href="/review/cap/2"');
    expect(queue.body).not.toContain('<script>');
    expect(queue.body).toContain('&lt;script&gt;');
    let pageRes = await app.inject({ url: '/review/cap/2', headers: { host: HOST, cookie } });
    // The first visit starts the proof in the background; the page reloads itself until it is there.
    for (let i = 0; i < 100 && pageRes.body.includes('正在生成校样'); i++) {
      expect(pageRes.body).toContain('<a href="/review/cap/2" data-refresh>刷新查看</a>');
      await new Promise((r) => setTimeout(r, 100));
      pageRes = await app.inject({ url: '/review/cap/2', headers: { host: HOST, cookie } });
    }
    expect(pageRes.body).not.toContain('http-equiv="refresh"');
    expect(pageRes.body).toContain('+v2 {{sections.head}} &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(pageRes.body).toContain('src="/review/cap/2/sheet.jpg"');
    // Chinese by default (issue 17): an h1, Chinese headings and states, times in China time (never raw ISO).
    expect(pageRes.body).toMatch(/<h1>/);
    expect(pageRes.body).toContain('审核中');
    expect(pageRes.body).toContain('北京时间');
    expect(pageRes.body).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(queue.body).toContain('<h1>审核队列</h1>');
    expect(queue.body).not.toMatch(/submitted by|Review queue/);
    // A browser that prefers English gets the English page.
    const en = await app.inject({ url: '/review', headers: { host: HOST, cookie, 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    expect(en.body).toContain('<h1>Review queue</h1>');
    expect(en.body).toContain('<html lang="en">');
    const sheet = await app.inject({ url: '/review/cap/2/sheet.jpg', headers: { host: HOST, cookie } });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('image/jpeg');
    expect(sheet.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('refuse a POST without CSRF token, with a wrong one, with a foreign or missing Origin, or without the session; state unchanged', async () => {
    const { cookie, csrf } = await signIn();
    const link = await linkSession();
    const linkCsrf = /name="csrf" value="([^"]+)"/.exec((await app.inject({ url: '/review', headers: { host: HOST, cookie: link } })).body)?.[1];
    const url = '/review/cap/2/approve';
    const cases = [
      // The shared link alone may look, not approve: its page has no approve form, and a forged POST is refused.
      post(url, { as: 'manager', csrf: linkCsrf ?? 'none' }, { cookie: link, origin: ORIGIN }),
      post(url, { as: 'manager' }, { cookie, origin: ORIGIN }),
      post(url, { as: 'manager', csrf: csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') }, { cookie, origin: ORIGIN }),
      post(url, { as: 'manager', csrf }, { cookie, origin: 'http://evil.example' }),
      post(url, { as: 'manager', csrf }, { cookie, origin: 'http://127.0.0.1:9999' }),
      post(url, { as: 'manager', csrf }, { cookie }),
      post(url, { as: 'manager', csrf }, { origin: ORIGIN }),
      post(`${url}?token=${MANAGER}`, { as: 'manager', csrf }, { origin: ORIGIN }),
      post(`${url}?token=${STORE}`, { as: 'manager', csrf }, { origin: ORIGIN }),
      post('/review/cap/2/reject', { as: 'manager' }, { cookie, origin: ORIGIN }),
      app.inject({ method: 'GET', url: `${url}?csrf=${csrf}&as=manager`, headers: { host: HOST, cookie, origin: ORIGIN } }),
    ];
    for (const res of await Promise.all(cases)) {
      expect([403, 404]).toContain(res.statusCode);
      expect(stateOfV2()).toBe('in_review');
    }
    expect(ws.data().audit.filter((a) => a.action === 'review.approve')).toHaveLength(0);
  });

  it('shows the link-only visitor a sign-in link instead of the approve form', async () => {
    const cookie = await linkSession();
    const body = (await app.inject({ url: '/review/cap/2', headers: { host: HOST, cookie } })).body;
    expect(body).not.toContain('action="/review/cap/2/approve"');
    expect(body).toContain('href="/review/login?next=%2Freview%2Fcap%2F2"');
  });

  it('sign-in: refuses a wrong key, an unknown id, an editor, a foreign Origin; nothing changes', async () => {
    const cases: [Record<string, string>, Record<string, string>, RegExp][] = [
      [{ id: 'manager', key: keyOf('editor') }, { origin: ORIGIN }, /wrong user id or key/],
      [{ id: 'manager', key: '' }, { origin: ORIGIN }, /wrong user id or key/],
      [{ id: 'ghost', key: keyOf('manager') }, { origin: ORIGIN }, /wrong user id or key/],
      [{ id: 'editor', key: keyOf('editor') }, { origin: ORIGIN }, /only brand managers sign in here/],
      [{ id: 'manager', key: keyOf('manager') }, { origin: 'http://evil.example' }, /did not come from this server/],
      [{ id: 'manager', key: keyOf('manager') }, {}, /Origin missing/],
    ];
    for (const [form, headers, why] of cases) {
      const res = await post('/review/login', form, headers);
      expect(res.statusCode).toBe(403);
      expect(res.body).toMatch(why);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // The page never sends the user to another site after signing in.
    const res = await post('/review/login', { id: 'manager', key: keyOf('manager'), next: '//evil.example/x' }, { origin: ORIGIN });
    expect(res.headers.location).toBe('/review');
    expect(stateOfV2()).toBe('in_review');
  });

  it('refuses self-approval and approves as the signed-in manager (a name in the form is ignored), logged by that manager', async () => {
    await ws.update((d) => {
      // manager2 submitted v3 of pos: they may not approve it themselves.
      addVersion(d, { template: 'pos', source: '<div>{{vars.storeName}} v3</div>', by: 'manager2' });
      applyReview(d, { template: 'pos', action: 'submit', actor: user(d, 'manager2') });
    });
    const m2 = await signIn('manager2');
    const self = await post('/review/pos/2/approve', { csrf: m2.csrf }, { cookie: m2.cookie, origin: ORIGIN });
    expect(self.statusCode).toBe(403);
    expect(self.body).toContain('cannot approve their own submission');
    const { cookie, csrf } = await signIn();
    const ok = await post('/review/cap/2/approve', { as: 'manager2', csrf, comment: '可以 <ok>' }, { cookie, origin: ORIGIN });
    expect(ok.statusCode).toBe(303);
    expect(stateOfV2()).toBe('approved');
    expect(ws.data().audit.at(-1)).toMatchObject({ by: 'manager', action: 'review.approve', target: 'cap', version: 2, comment: '可以 <ok>' });
    const again = await post('/review/cap/2/approve', { csrf }, { cookie, origin: ORIGIN });
    expect(again.statusCode).toBe(409);
  });

  it('ends a session when the manager gets a new key, and on sign-out', async () => {
    const { cookie, csrf } = await signIn('manager2');
    expect((await app.inject({ url: '/review', headers: { host: HOST, cookie } })).body).toContain('已登录');
    const out = await post('/review/logout', { csrf }, { cookie, origin: ORIGIN });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await app.inject({ url: '/review', headers: { host: HOST, cookie } })).statusCode).toBe(403);
    const again = await signIn('manager2');
    await ws.update((d) => void issueKey(d, 'manager2', 'manager'));
    expect((await app.inject({ url: '/review', headers: { host: HOST, cookie: again.cookie } })).statusCode).toBe(403);
  });
});
