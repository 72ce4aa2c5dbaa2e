import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReview } from '../../src/review/machine.js';
import { addVersion } from '../../src/review/versions.js';
import { buildApp, serverServices } from '../../src/server/app.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fakeRenderers } from './fake-renderers.js';
import { fixture, keyOf, user } from './fixture.js';

const PORT = 47123;
const HOST = `127.0.0.1:${PORT}`;
const STUDIO = 'studio-token-abcdefghijklmnopqrstuvwxyz';
const MANAGER = 'manager-token-0123456789abcdef';

let app: FastifyInstance;
let ws: Workspace;

beforeAll(async () => {
  const d = fixture();
  addVersion(d, { template: 'cap', source: 'v2', by: 'editor' });
  applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor') });
  ws = await createWorkspace(mkdtempSync(join(tmpdir(), 'rvserver-')), d);
  app = await buildApp({ ws, services: serverServices(ws, { proofRenderers: () => fakeRenderers() }), port: PORT, token: STUDIO });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

describe('review pages on the studio server', () => {
  it('open with the manager token only (not the studio token, not a store token)', async () => {
    expect((await app.inject({ url: `/review?token=${STUDIO}`, headers: { host: HOST } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/review?token=store-token-s1-abcdefghijklmnop', headers: { host: HOST } })).statusCode).toBe(403);
    expect((await app.inject({ url: `/review?token=${MANAGER}`, headers: { host: 'evil.example' } })).statusCode).toBe(421);
    const ok = await app.inject({ url: `/review?token=${MANAGER}`, headers: { host: HOST } });
    expect(ok.statusCode).toBe(303);
  });

  it('API: acting as a user needs that user\'s key in x-shequn-user-key; the studio token alone does not approve', async () => {
    const call = (body: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/review.reject', payload: body, headers: { host: HOST, 'x-shequn-token': STUDIO, ...headers } });
    const target = { template: 'cap', version: 2, as: 'manager', comment: 'no' };
    const none = await call(target);
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toMatchObject({ code: 'forbidden', field: 'key' });
    expect((await call(target, { 'x-shequn-user-key': keyOf('editor') })).statusCode).toBe(403);
    expect((await call({ ...target, as: 'editor' }, { 'x-shequn-user-key': keyOf('editor') })).statusCode).toBe(403); // an editor may not
    expect(ws.data().templates[0]!.versions[1]!.state).toBe('in_review');
    expect(ws.data().audit.some((a) => a.action === 'review.request_changes')).toBe(false);
    // The user's own key works: whoami answers who it is.
    const who = await app.inject({ method: 'POST', url: '/api/users.whoami', payload: { as: 'manager' }, headers: { host: HOST, 'x-shequn-token': STUDIO, 'x-shequn-user-key': keyOf('manager') } });
    expect([who.statusCode, who.json().result]).toEqual([200, { id: 'manager', name: '', role: 'manager' }]);
  });

  it('sends a referrer policy that keeps the Origin header on same-origin form posts', async () => {
    // no-referrer made Chromium send `Origin: null`, and the Origin check refused every real click.
    const res = await app.inject({ url: '/review/login', headers: { host: HOST } });
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('approve only with the exact origin of the page (another allowed host name is still a foreign origin)', async () => {
    const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
    const login = (origin: string) =>
      app.inject({ method: 'POST', url: '/review/login', payload: form({ id: 'manager', key: keyOf('manager') }), headers: { host: HOST, origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await login(`http://localhost:${PORT}`)).statusCode).toBe(403);
    const open = await login(`http://${HOST}`);
    expect(open.statusCode).toBe(303);
    const cookie = String(open.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/review/cap/2', headers: { host: HOST, cookie } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (origin: string) =>
      app.inject({ method: 'POST', url: '/review/cap/2/approve', payload: `csrf=${encodeURIComponent(csrf)}&as=manager`, headers: { host: HOST, cookie, origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await post(`http://localhost:${PORT}`)).statusCode).toBe(403);
    expect(ws.data().templates[0]!.versions[1]!.state).toBe('in_review');
    expect((await post(`http://${HOST}`)).statusCode).toBe(303);
    expect(ws.data().templates[0]!.versions[1]!.state).toBe('approved');
  });
});
