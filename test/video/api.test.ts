/**
 * video.render through the dispatcher on a real workspace (the demo studio written to disk),
 * with the post pinned to the tiny test storyboard so a full-size 1080×1920 render stays short.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/api/context.js';
import { dispatch } from '../../src/api/dispatcher.js';
import { StudioError } from '../../src/model/index.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { sourceHash } from '../../src/workspace/hash.js';
import { buildVariantContext } from '../../src/compose/context.js';
import { checkBinaries } from '../../src/video/binaries.js';
import { renderVideoItems } from '../../src/video/workspace.js';
import { probe } from '../../src/video/ffmpeg.js';
import { outputProblems } from '../../src/video/verify.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { ctx } from '../helpers/session.js';

const source = readFileSync(new URL('../fixtures/video/tiny.json', import.meta.url), 'utf8');
let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shequn-video-api-'));
  const demo = await buildDemoStudio();
  const data = structuredClone(demo.data);
  data.templates.push({ id: 'tiny-test', kind: 'video', name: '测试用短片', description: '', versions: [{ version: 1, source, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'system', state: 'approved', comments: [], hash: sourceHash(source) }] });
  data.posts[0]!.templates.video = { template: 'tiny-test', version: 1 };
  ws = await createWorkspace(join(dir, 'ws'), data, demo.assets);
});
afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, input: unknown, extra: { onProgress?: (p: Progress) => void } = {}) => dispatch(method, input, ctx(ws, { user: { id: 't', role: 'editor' }, ...extra }));

describe('video.render', () => {
  it('renders one variant at 1080×1920 under renders/videos/ and reports it', async () => {
    const post = ws.data().posts[0]!;
    const group = post.groupTypes[0]!;
    const store = ws.data().stores[0]!.id;
    const seen: Progress[] = [];
    const out = (await call('video.render', { post: post.id, group, store }, { onProgress: (p) => seen.push(p) })) as { path: string; duration: number; template: unknown };
    expect(out.path).toBe(`renders/videos/${post.id}/${group}/${store}-9x16.mp4`);
    expect(out.template).toEqual({ id: 'tiny-test', version: 1, builtin: false });
    const file = join(ws.dir, out.path);
    const p = await probe(await checkBinaries(), file);
    expect(outputProblems(p, { width: 1080, height: 1920, fps: 30, duration: 4 })).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ done: 100, total: 100 });
  });

  it('refuses bad input with the contract errors', async () => {
    const post = ws.data().posts[0]!;
    await expect(call('video.render', { post: post.id, group: post.groupTypes[0], store: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('video.render', { post: post.id, group: post.groupTypes[0], store: 'x', size: '3x4' })).rejects.toBeInstanceOf(StudioError);
    await expect(call('video.renderStores', { post: post.id, group: post.groupTypes[0], stores: [] })).rejects.toMatchObject({ code: 'bad_input' });
    expect(existsSync(join(ws.dir, 'renders', 'videos', post.id, post.groupTypes[0]!, 'nope-9x16.mp4'))).toBe(false);
  });
});

describe('video.start', () => {
  it('runs as a job that jobs.cancel stops, leaving no video and no half file', async () => {
    const post = ws.data().posts[0]!;
    const group = post.groupTypes[0]!;
    const stores = ws.data().stores.slice(4, 6).map((s) => s.id);
    await expect(call('video.start', { post: post.id, group, stores: ['nope'] })).rejects.toMatchObject({ code: 'not_found' });
    const { job } = (await call('video.start', { post: post.id, group, stores })) as { job: string };
    type Status = { state: string; progress: { done: number } };
    let status = (await call('jobs.get', { id: job })) as Status;
    for (let i = 0; i < 600 && status.state === 'running' && status.progress.done < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await call('jobs.get', { id: job })) as Status;
    }
    expect(await call('jobs.cancel', { id: job })).toEqual({ cancelled: true });
    for (let i = 0; i < 600 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await call('jobs.get', { id: job })) as Status;
    }
    expect(status.state).toBe('cancelled');
    const folder = join(ws.dir, 'renders', 'videos', post.id, group);
    const left = existsSync(folder) ? readdirSync(folder).filter((f) => stores.some((s) => f.includes(s))) : [];
    expect(left).toEqual([]);
  });
});

describe('renderVideoItems (what the exporter calls)', () => {
  it('renders the items of a storyboard together and reports a broken storyboard per key', async () => {
    const data = ws.data();
    const post = data.posts[0]!;
    const group = post.groupTypes[0]!;
    const template = { id: 'tiny-test', version: 1, source };
    const broken = { id: 'broken', version: 2, source: source.replace('"duration": 1,', '"duration": 0.1,') };
    const item = (i: number, t: typeof template) => ({ key: `k${i}`, ctx: buildVariantContext(data, post, group, data.stores[i]!.id), template: t, output: join(dir, 'items', `${i}.mp4`) });
    const errors = await renderVideoItems(ws, [item(1, template), item(2, template), item(3, broken)], { format: { width: 540, height: 960, fps: 30 } });
    expect([...errors.keys()]).toEqual(['k3']);
    expect(errors.get('k3')!.message).toContain('video template "broken" v2: scenes[0] (head).duration');
    expect(existsSync(join(dir, 'items', '1.mp4')) && existsSync(join(dir, 'items', '2.mp4'))).toBe(true);
    expect(existsSync(join(dir, 'items', '3.mp4'))).toBe(false);
  });
});
