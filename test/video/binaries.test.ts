import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { checkBinaries, ensureExecutable, resolveBinary } from '../../src/video/binaries.js';
import { renderVariantVideos } from '../../src/video/render.js';
import { parseStoryboard } from '../../src/video/storyboard.js';
import tinyJson from '../fixtures/video/tiny.json' with { type: 'json' };

const dir = mkdtempSync(join(tmpdir(), 'shequn-bin-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<StudioError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

describe('ffmpeg binaries', () => {
  it('come from the npm packages by default, and both run', async () => {
    expect(resolveBinary('ffmpeg', {}).source).toBe('package');
    const bin = await checkBinaries({});
    expect(bin.ffmpegVersion).toMatch(/^ffmpeg version /);
    expect(bin.ffprobeVersion).toMatch(/^ffprobe version /);
  });

  it('a missing ffmpeg is one clear error naming the path and the env var', async () => {
    const e = await rejection(checkBinaries({ SHEQUN_FFMPEG: '/nonexistent' }));
    expect(e.message).toContain('/nonexistent');
    expect(e.message).toContain('SHEQUN_FFMPEG');
    const p = await rejection(checkBinaries({ SHEQUN_FFPROBE: '/nonexistent/ffprobe' }));
    expect(p.message).toMatch(/ffprobe at \/nonexistent\/ffprobe \(from SHEQUN_FFPROBE\) does not exist; set SHEQUN_FFPROBE/);
  });

  it('a file that is not a working ffmpeg is refused before use', async () => {
    const fake = join(dir, 'fake-ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho hello\n');
    chmodSync(fake, 0o755);
    const e = await rejection(checkBinaries({ SHEQUN_FFMPEG: fake }));
    expect(e.message).toContain(`ffmpeg at ${fake} (from SHEQUN_FFMPEG) does not run`);
    chmodSync(fake, 0o644);
    const n = await rejection(checkBinaries({ SHEQUN_FFMPEG: fake }));
    expect(n.message).toContain('is not executable');
  });

  it('restores the exec bit of a packaged binary that npm ignore-scripts left without one', () => {
    const copy = join(dir, 'ffprobe-copy');
    copyFileSync(resolveBinary('ffprobe', {}).path, copy);
    chmodSync(copy, 0o644);
    ensureExecutable({ tool: 'ffprobe', path: copy, source: 'package', envVar: 'SHEQUN_FFPROBE' });
    expect(statSync(copy).mode & 0o100).toBe(0o100);
  });

  it('a render with SHEQUN_FFMPEG=/nonexistent fails before any work: no temp folder, no output', async () => {
    const tmpRoot = join(dir, 'tmp');
    const outDir = join(dir, 'out');
    for (const d of [tmpRoot, outDir]) rmSync(d, { recursive: true, force: true });
    const job = { storyboard: parseStoryboard(tinyJson), source: JSON.stringify(tinyJson), size: '9x16' as const, variants: [], assets: { image: async () => undefined, file: (r: string) => r } };
    const e = await rejection(renderVariantVideos({ ...job, variants: [{ ctx: {} as never, output: join(outDir, 'video.mp4') }] }, { env: { SHEQUN_FFMPEG: '/nonexistent' }, tmpRoot }));
    expect(e.message).toContain('SHEQUN_FFMPEG');
    expect(() => readdirSync(tmpRoot)).toThrow();
    expect(() => readdirSync(outDir)).toThrow();
  });
});
