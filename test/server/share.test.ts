import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { minimalStudio } from '../helpers/studio.js';
import { ctx, servicesOf } from '../helpers/session.js';

describe('the Share switch (portal served from the studio)', () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-share-'));
    ws = await createWorkspace(join(dir, 'ws'), minimalStudio());
    servicesOf(ws, { server: true });
  });
  afterAll(async () => {
    await dispatch('share.set', { on: false }, ctx(ws)).catch(() => {});
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is off at first, serves the portal on 127.0.0.1 when switched on, and stops when switched off', async () => {
    expect(await dispatch('share.status', {}, ctx(ws))).toMatchObject({ on: false, lan: false });
    const on = await dispatch('share.set', { on: true, port: 0 }, ctx(ws));
    expect(on).toMatchObject({ on: true, lan: false });
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${on.url}/p/not-a-real-token-000000000000`);
    expect(res.status).toBe(404);
    const off = await dispatch('share.set', { on: false }, ctx(ws));
    expect(off.on).toBe(false);
    await expect(fetch(`${on.url}/p/x`)).rejects.toThrow();
  });

  it('remembers the LAN choice in the workspace so portal links name the LAN host', async () => {
    const on = await dispatch('share.set', { on: true, lan: true, port: 0 }, ctx(ws));
    expect(on.lan).toBe(true);
    expect(ws.data().portal.lan).toBe(true);
    await dispatch('share.set', { on: false, lan: false }, ctx(ws));
    expect(ws.data().portal.lan).toBe(false);
  });
});
