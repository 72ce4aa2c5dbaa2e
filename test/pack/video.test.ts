import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/pack/export.js';
import { initWorkspace } from '../../src/setup/init.js';
import { checkBinaries } from '../../src/video/binaries.js';
import { probe } from '../../src/video/ffmpeg.js';
import sharp from 'sharp';
import type { Workspace } from '../../src/workspace/types.js';
import { fileSha, manifestOf } from './helpers.js';

// One store, one post, one group type with the video format, at a reduced frame (540×960) so the
// real ffmpeg encode stays short; test/video covers full-size videos.
const FORMAT = { width: 540, height: 960, fps: 30 };

describe('pack export with video', () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-export-video-'));
    ws = await initWorkspace(join(dir, 'ws'), { demo: true });
  });
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts video.mp4 and its cover.jpg in the pack, lists them in the manifest and the index, and reuses them next time', async () => {
    const out = join(dir, 'out');
    const opts = { stores: ['lc003'], posts: ['spring-gift'], sizes: ['9x16' as const], out, videoOverrides: { format: FORMAT } };
    const env = { now: Date.parse('2026-12-06T12:00:00+08:00') }; // spring-gift runs to 2027-02-28
    const r = await runExport(ws, opts, env);
    expect(r.failures).toEqual([]);
    expect(r.counts).toEqual({ rendered: 4, reused: 0, failed: 0, refused: 0 }); // koc: poster 9x16, video, its cover, qr
    const folder = r.packs[0]!.folder;
    const m = await manifestOf(join(out, folder));
    const entry = m.entries[0]!;
    expect(entry.video).toBe(`${entry.dir}/video.mp4`);
    const file = m.files.find((f) => f.role === 'video')!;
    const path = join(out, folder, ...file.path.split('/'));
    expect(await fileSha(path)).toBe(file.sha256);
    const p = await probe(await checkBinaries(), path);
    expect(p).toMatchObject({ width: 540, height: 960 });
    expect(p.duration).toBeGreaterThan(2);
    expect(entry.templates.some((t) => t.kind === 'video')).toBe(true);
    const html = await readFile(join(out, folder, 'index.html'), 'utf8');
    const href = entry.dir.split('/').map(encodeURIComponent).join('/');
    expect(html).toContain(`<video src="${href}/video.mp4" poster="${href}/cover.jpg" controls playsinline`);
    // cover.jpg beside the video: the first frame, the hook on the product, at the video's size; not black.
    expect(entry.cover).toBe(`${entry.dir}/cover.jpg`);
    const cover = join(out, folder, ...entry.cover!.split('/'));
    expect(await fileSha(cover)).toBe(m.files.find((f) => f.role === 'cover')!.sha256);
    const meta = await sharp(cover).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 540, 960]);
    const { channels } = await sharp(cover).stats();
    expect(channels[0]!.mean + channels[1]!.mean + channels[2]!.mean).toBeGreaterThan(3 * 60);
    const again = await runExport(ws, opts, env);
    expect(again.counts).toEqual({ rendered: 0, reused: 4, failed: 0, refused: 0 });
  });
});
