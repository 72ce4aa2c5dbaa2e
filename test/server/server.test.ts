import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startServer, type StudioServer } from '../../src/server/app.js';
import { memoryWorkspace, tinyStudio } from '../helpers/memory-workspace.js';

/** A raw HTTP request so the Host header can be anything (fetch forbids setting it). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('the studio HTTP server', () => {
  let server: StudioServer;
  const ws = memoryWorkspace(tinyStudio());
  beforeAll(async () => {
    server = await startServer({ ws, port: 0 });
  });
  afterAll(() => server.close());

  const call = (method: string, body: unknown, headers: Record<string, string> = { 'x-shequn-token': server.token }) =>
    raw(`${server.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('binds 127.0.0.1 by default and prints an address with the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openUrl).toBe(`${server.url}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(20);
  });

  it('answers a contract call with the token', async () => {
    const res = await call('stores.list', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result).toHaveLength(2);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await call('stores.list', {}, {})).status).toBe(401);
    expect((await call('stores.list', {}, { 'x-shequn-token': 'wrong' })).status).toBe(401);
  });

  it('maps contract errors to statuses with {code, message, field}', async () => {
    const res = await call('stores.get', { id: 7 });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'bad_input', field: 'id' });
    const missing = await call('stores.get', { id: 'zzz' });
    expect(missing.status).toBe(404);
    expect((await call('nope.nothing', {})).status).toBe(404);
  });

  it('refuses a __proto__ body', async () => {
    const writes = ws.writes;
    const res = await raw(`${server.url}/api/stores.save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shequn-token': server.token },
      body: '{"store":{"id":"s5","storeName":"a","ownerName":"b"},"__proto__":{"x":1}}',
    });
    expect(res.status).toBe(400);
    expect(ws.writes).toBe(writes);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await raw(`${server.url}/api/stores.list`, { method: 'POST', headers: { host: 'evil.example:80', 'x-shequn-token': server.token, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(421);
    const ok = await raw(`${server.url}/`, { headers: { host: `localhost:${new URL(server.url).port}` } });
    expect(ok.status).toBe(200);
  });
});
