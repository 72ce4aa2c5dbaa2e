/**
 * Issue 15 point 8 (token, Host and content type checked before any body is read), point 9 (links
 * carry the running server's address; every store has a token while serving) and the "Also"
 * paragraph (bad review tokens answered 429 like the portal's).
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { startServer, type StudioServer } from '../../src/server/app.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { servicesOf } from '../helpers/session.js';
import { realWorkspace, tempDir } from './helpers.js';

const run = promisify(execFile);
let root: { dir: string; cleanup: () => Promise<void> };
let ws: Workspace;
let server: StudioServer;
let port: number;

beforeAll(async () => {
  root = await tempDir('server-early');
  const data = minimalStudio();
  data.portal.tokens = []; // stores that never had a portal token
  ws = await realWorkspace(root.dir, data);
  server = await startServer({ ws, services: servicesOf(ws, { server: true }), port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await ws?.close();
  await root?.cleanup();
});

/** Sends raw request bytes on a real socket; resolves with what came back within `ms` (or '' when nothing did). */
function raw(request: string, ms = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => (socket.destroy(), resolve(got)), ms);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

const call = (method: string, body: string, headers: Record<string, string>) =>
  fetch(`${server.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('point 8: the token, Host and content type are checked before the body is read', () => {
  it('a no-token request announcing 50 MB is answered 401 at once, its body never sent', async () => {
    const t = performance.now();
    const answer = await raw(`POST /api/stores.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1048576}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(performance.now() - t).toBeLessThan(2500);
  });

  it('a no-token request with a broken JSON body is a 401, not a parse error (nothing parsed before the token)', async () => {
    const res = await call('stores.list', '{"broken": ', {});
    expect(res.status).toBe(401);
  });

  it('text/plain from a foreign Origin is refused even with the token; only application/json is read', async () => {
    const token = server.token;
    const plain = await fetch(`${server.url}/api/stores.list`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-shequn-token': token }, body: '{}' });
    expect(plain.status).toBe(415);
    const foreign = await call('stores.list', '{}', { 'x-shequn-token': token, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call('stores.list', '{}', { 'x-shequn-token': token, origin: server.url });
    expect(own.status).toBe(200);
  });

  it('a foreign Host is refused first (421), even with a large announced body', async () => {
    const answer = await raw(`POST /api/stores.list HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1048576}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 421 /);
  });
});

describe('point 9: links name the running server, and every store has one while serving', () => {
  it('portal.links {} on a server listening on a chosen port returns links with that port (not :5178)', async () => {
    const res = await call('portal.links', '{}', { 'x-shequn-token': server.token });
    const links = ((await res.json()) as { result: { url: string }[] }).result;
    expect(links.length).toBe(ws.data().stores.filter((s) => s.active).length);
    for (const l of links) expect(new URL(l.url).port).toBe(String(port));
  });

  it('tokens are issued at serve start: the workspace had none, now every active store has one', () => {
    const active = ws.data().stores.filter((s) => s.active).map((s) => s.id);
    expect(ws.data().portal.tokens.map((t) => t.store).sort()).toEqual(active.sort());
  });

  it('a store imported while serving gets its token at once; `shequn portal links` (read-only, another process) lists it with the served port', async () => {
    const csv = Buffer.from('store_id,store_name,owner_name\nNEW1,新来的店,新店主\n').toString('base64');
    const res = await call('stores.importData', JSON.stringify({ name: 'new.csv', base64: csv }), { 'x-shequn-token': server.token });
    expect(res.status).toBe(200);
    const { stdout, stderr } = await run(process.execPath, ['bin/shequn.mjs', 'portal', 'links', '-w', ws.dir, '--json']);
    expect(stderr).toContain(`serving the portal at 127.0.0.1:${port}`);
    const links = JSON.parse(stdout) as { store: string; url: string }[];
    const added = links.find((l) => l.store === 'NEW1');
    expect(added).toBeDefined();
    expect(new URL(added!.url).port).toBe(String(port));
    expect(links.map((l) => l.store).sort()).toEqual(ws.data().stores.filter((s) => s.active).map((s) => s.id).sort());
  });

  it('the Store screen\'s call (portal.links {} in-process, e.g. over IPC) names the served port too', async () => {
    const links = await dispatch('portal.links', {}, { ws, services: servicesOf(ws) });
    expect(links.every((l) => new URL(l.url).port === String(port))).toBe(true);
  });
});

describe('also: bad review tokens are limited like the portal\'s', () => {
  it('20 wrong manager tokens from one address: 403s, then 429 with Retry-After; the right token still works', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await fetch(`${server.url}/review?token=wrong-token-${i}`, { redirect: 'manual' })).status);
    expect(codes.slice(0, 19).every((c) => c === 403)).toBe(true);
    expect(codes.slice(19)).toEqual([429, 429]);
    const blocked = await fetch(`${server.url}/review?token=wrong-token-x`, { redirect: 'manual' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The manager's own link (another bucket) still opens from the same address.
    const right = await fetch(`${server.url}/review?token=${ws.data().portal.managerToken}`, { redirect: 'manual' });
    expect(right.status).toBe(303);
  });
});
