/**
 * Previews made on demand (issue 17, points 1 and 5): gallery thumbnails — each poster layout
 * rendered for the demo post and a store, captions as their text — cached by content key; the
 * editor's preview MP4 rendered as a job with progress, small, cached, and cancellable.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { checkBinaries } from '../../src/video/binaries.js';
import { afterAll, beforeAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { initWorkspace } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import { ctx as callContext } from '../helpers/session.js';

/** The demo workspace as the studio creates it (built-in templates included). */
function useStudioDemo() {
  let tmp: string;
  let ws: Workspace;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-previews-'));
    ws = await initWorkspace(join(tmp, 'ws'), { demo: true });
  });
  afterAll(async () => {
    await ws?.close();
    await rm(tmp, { recursive: true, force: true });
  });
  return () => callContext(ws, { user: { id: 'editor', role: 'editor' as const } });
}

async function waitJob(id: string, c: Parameters<typeof dispatch>[2]) {
  for (let i = 0; i < 2400; i++) {
    const s = await dispatch('jobs.get', { id }, c);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('template thumbnails and preview videos', () => {
  const ctx = useStudioDemo();

  it('renders every poster layout differently for the demo post, cached by content key; captions as their text', async () => {
    const list = await dispatch('templates.list', {}, ctx());
    const posters = list.filter((t) => t.kind === 'poster');
    expect(posters.length).toBeGreaterThanOrEqual(4);
    const images: Buffer[] = [];
    for (const t of posters) {
      const out = await dispatch('templates.thumbnail', { template: t.id }, ctx());
      expect(out.kind).toBe('poster');
      expect(out.sample?.post).toBe(ctx().ws.data().posts[0]!.id);
      const img = Buffer.from(out.image!.base64, 'base64');
      const meta = await sharp(img).metadata();
      expect([meta.width, meta.height]).toEqual([240, 320]);
      images.push(await sharp(img).resize(24, 32).raw().toBuffer());
      // The same content again: the cached thumbnail, same key.
      const again = await dispatch('templates.thumbnail', { template: t.id }, ctx());
      expect(again.key).toBe(out.key);
      expect(again.image!.base64).toBe(out.image!.base64);
    }
    // Four layouts, four different pictures (no shared placeholder).
    for (let i = 0; i < images.length; i++) for (let j = i + 1; j < images.length; j++) expect(images[i]!.equals(images[j]!)).toBe(false);

    const caption = await dispatch('templates.thumbnail', { template: 'caption-group' }, ctx());
    expect(caption.kind).toBe('caption');
    const store = ctx().ws.data().stores.find((s) => s.id === caption.sample!.store)!;
    expect(caption.text).toContain(store.nickname || store.ownerName);
    expect(caption.text).not.toMatch(/\{\{/);
  }, 120_000);

  it('a new workspace with no posts yet says so instead of a thumbnail', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'shequn-previews-blank-'));
    const blank = await initWorkspace(join(tmp, 'ws'));
    try {
      const c = callContext(blank, { user: { id: 'editor', role: 'editor' as const } });
      const poster = (await dispatch('templates.list', {}, c)).find((t) => t.kind === 'poster')!;
      expect(await dispatch('templates.thumbnail', { template: poster.id }, c)).toMatchObject({ kind: 'poster', noSample: true });
    } finally {
      await blank.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('a preview MP4 as a job: progress, small and playable, cached; a cancelled one leaves no file', async () => {
    await checkBinaries();
    const c = ctx();
    const post = structuredClone(c.ws.data().posts[0]!);
    post.title = '预览视频标题';
    const started = await dispatch('video.previewStart', { post, group: 'community', store: 'lc002' }, c);
    expect(started.key).toMatch(/^[a-f0-9]{40}$/);
    const done = await waitJob(started.job, c);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    // Preview = output: 社区群 exports 1:1 and 3:4, so its video is 1:1.
    expect(c.ws.data().groupTypes.find((g) => g.id === 'community')!.rules.sizes).not.toContain('9x16');
    expect(done.kind === 'videoPreview' && done.result).toMatchObject({ key: started.key, width: 360, height: 360, cached: false });
    const file = await dispatch('video.preview', { key: started.key }, c);
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.length).toBeLessThan(1_500_000);
    const path = join(tmpdir(), `preview-${started.key}.mp4`);
    writeFileSync(path, bytes);
    const probe = JSON.parse(execFileSync((await checkBinaries()).ffprobe, ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' })) as { streams: { codec_type: string; width?: number; codec_name: string }[] };
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 360 });
    // Asked for 9:16 explicitly: a quarter of 1080×1920.
    const tall = await waitJob((await dispatch('video.previewStart', { post, group: 'community', store: 'lc002', size: '9x16' }, c)).job, c);
    expect(tall.kind === 'videoPreview' && tall.result).toMatchObject({ width: 270, height: 480 });
    // The same variant again: done from the cache.
    const again = await dispatch('video.previewStart', { post, group: 'community', store: 'lc002' }, c);
    expect(again.key).toBe(started.key);
    const cached = await waitJob(again.job, c);
    expect(cached.kind === 'videoPreview' && cached.result?.cached).toBe(true);
    // Another variant, cancelled at once: cancelled, and nothing under its key.
    post.title = '另一个标题';
    const other = await dispatch('video.previewStart', { post, group: 'community', store: 'lc002' }, c);
    expect(other.key).not.toBe(started.key);
    await dispatch('jobs.cancel', { id: other.job }, c);
    expect((await waitJob(other.job, c)).state).toBe('cancelled');
    await expect(dispatch('video.preview', { key: other.key }, c)).rejects.toMatchObject({ code: 'not_found', field: 'key' });
  }, 240_000);
});
