/**
 * Issue 15 point 1: the API reads and writes no file a caller names. `stores.import {"file":
 * "/etc/passwd"}` used to echo the file's first line in a warning and `stores.exportCsv {"file":
 * "../x.csv"}` wrote relative to the server's folder, over HTTP and IPC alike. Now a picked file
 * or folder reaches the core only as a one-time grant a shell issued; downloads are served by the
 * server; an export's `out` stays inside the workspace's packs/.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { buildApp } from '../../src/server/app.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { ctx } from '../helpers/session.js';
import { realWorkspace, savedState, tempDir } from './helpers.js';

const TOKEN = 'api-paths-token-0123456789';
let root: { dir: string; cleanup: () => Promise<void> };
let ws: Workspace;
let app: FastifyInstance;
const FIRST_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

beforeAll(async () => {
  root = await tempDir('api-paths');
  ws = await realWorkspace(root.dir, minimalStudio());
  app = await buildApp({ ws, services: ctx(ws).services, port: 80, token: TOKEN });
});
afterAll(async () => {
  await app?.close();
  await ws?.close();
  await root?.cleanup();
});

const http = (method: string, body: unknown) =>
  app.inject({ method: 'POST', url: `/api/${method}`, headers: { host: 'localhost:80', 'x-shequn-token': TOKEN, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('no method takes a path a caller chose', () => {
  it('stores.import {"file": "/etc/passwd", "dryRun": true}: refused over HTTP and through the dispatcher (IPC), the file never read', async () => {
    const res = await http('stores.import', { file: '/etc/passwd', dryRun: true });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(FIRST_LINE);
    expect(res.json().error).toMatchObject({ code: 'bad_input' });
    const err = await dispatch('stores.import', { file: '/etc/passwd', dryRun: true } as never, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_input' });
    expect(JSON.stringify(err)).not.toContain(FIRST_LINE);
  });

  it('results.import {"file": "/etc/passwd"} and a mapping path: refused over HTTP and through the dispatcher, nothing read or saved; only a grant is taken', async () => {
    const before = await savedState(ws);
    const res = await http('results.import', { file: '/etc/passwd', dryRun: true });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(FIRST_LINE);
    const viaIpc = await dispatch('results.import', { file: '/etc/passwd', map: '/etc/passwd' } as never, ctx(ws)).catch((e) => e);
    expect(viaIpc).toMatchObject({ code: 'bad_input' });
    expect(JSON.stringify(viaIpc)).not.toContain(FIRST_LINE);
    const forged = await http('results.import', { grant: 'g_forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toMatchObject({ code: 'forbidden', field: 'grant' });
    const folderGrant = ctx(ws).services.grants.grant('/etc/passwd', 'export-folder');
    const misuse = await http('results.import', { grant: folderGrant, dryRun: true });
    expect(misuse.statusCode).toBe(403);
    expect(misuse.body).not.toContain(FIRST_LINE);
    expect(await savedState(ws)).toEqual(before);
  });

  it('a grant the shells never issued, or one issued for another use, is refused (forbidden) naming the field', async () => {
    const forged = await http('stores.import', { grant: 'g_forged-token', dryRun: true });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toMatchObject({ code: 'forbidden', field: 'grant' });
    const folderGrant = ctx(ws).services.grants.grant('/etc/passwd', 'export-folder');
    const misuse = await http('stores.import', { grant: folderGrant, dryRun: true });
    expect(misuse.statusCode).toBe(403);
    expect(misuse.body).not.toContain(FIRST_LINE);
  });

  it('stores.exportCsv {"file": "../x.csv"} no longer exists: nothing written next to the server', async () => {
    const target = path.resolve('../x.csv');
    const res = await http('stores.exportCsv', { file: '../x.csv' });
    expect(res.statusCode).toBe(404);
    expect(existsSync(target)).toBe(false);
  });

  it('the stores CSV is a download the server serves (token in a header), byte for byte what the contract gives', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/download/stores.csv', headers: { host: 'localhost:80', 'x-shequn-token': TOKEN } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('stores.csv');
    const data = await dispatch('stores.exportCsvData', {}, ctx(ws));
    expect(res.rawPayload.equals(Buffer.from(data.base64, 'base64'))).toBe(true);
    const anonymous = await app.inject({ method: 'GET', url: '/api/download/stores.csv', headers: { host: 'localhost:80' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it.each([
    ['../outside', /not a folder inside the workspace's packs/],
    ['/tmp/elsewhere', /not a folder inside the workspace's packs/],
    ['a/../../b', /not a folder inside the workspace's packs/],
  ])('export.run { out: %s } is refused before anything is written', async (out, message) => {
    const before = await savedState(ws);
    const err = await dispatch('export.run', { out, posts: [] }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'forbidden', field: 'out', message: expect.stringMatching(message) });
    expect(await savedState(ws)).toEqual(before);
  });

  it('export.run { out } through a symlink inside packs/ that leads outside is refused; a plain subfolder is used', async () => {
    const outside = path.join(root.dir, 'outside');
    mkdirSync(outside, { recursive: true });
    mkdirSync(ws.paths.packs, { recursive: true });
    symlinkSync(outside, path.join(ws.paths.packs, 'link'));
    const err = await dispatch('export.run', { out: 'link/x', posts: [] }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'forbidden', field: 'out', message: expect.stringContaining('through a link') });
    const ok = await dispatch('export.run', { out: 'march', posts: [] }, ctx(ws));
    expect(ok.out).toBe(path.join(ws.paths.packs, 'march'));
  });

  it('export.start { folder } takes a folder grant once: the same grant again is refused', async () => {
    const target = path.join(root.dir, 'picked', '社群内容包');
    const grant = ctx(ws).services.grants.grant(target, 'export-folder');
    const first = await dispatch('export.run', { folder: grant, posts: [] }, ctx(ws));
    expect(first.out).toBe(target);
    const again = await dispatch('export.run', { folder: grant, posts: [] }, ctx(ws)).catch((e) => e);
    expect(again).toMatchObject({ code: 'forbidden', field: 'folder' });
  });
});
