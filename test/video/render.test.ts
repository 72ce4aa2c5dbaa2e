/**
 * Real renders at reduced size and length (540×960, 3 s body + 1 s end card: the QR code needs
 * 540 px of width to keep 4 px modules) with the bundled ffmpeg, checked with ffprobe, a full
 * decode, packet timestamps and a QR scan of the end card in the encoded video.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { buildVariantContext } from '../../src/compose/context.js';
import type { VariantContext } from '../../src/compose/types.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import type { StudioData } from '../../src/model/index.js';
import { memoryVideoAssets } from '../../src/video/assets.js';
import { checkBinaries, type Binaries } from '../../src/video/binaries.js';
import { decodeErrors, extractFrame, probe, videoPacketTimes } from '../../src/video/ffmpeg.js';
import { createLayerRenderer } from '../../src/video/layers.js';
import type { LayerImage } from '../../src/video/layers.js';
import { renderVariantVideos, type VideoJob, type VideoProgress } from '../../src/video/render.js';
import { parseStoryboard } from '../../src/video/storyboard.js';
import { outputProblems, ptsGaps } from '../../src/video/verify.js';
import { describeAsset } from '../../src/workspace/assets.js';

const source = readFileSync(new URL('../fixtures/video/tiny.json', import.meta.url), 'utf8');
const storyboard = parseStoryboard(source);
const FMT = { width: 540, height: 960, fps: 30 };
const SECONDS = 4;

let dir: string;
let bin: Binaries;
let data: StudioData;
let images: Map<string, LayerImage>;
const renderer = createLayerRenderer();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shequn-video-test-'));
  bin = await checkBinaries();
  const demo = await buildDemoStudio();
  data = demo.data;
  images = new Map(demo.assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctxOf(storeIndex: number): VariantContext {
  const post = data.posts[0]!;
  return buildVariantContext(data, post, post.groupTypes[0] ?? data.groupTypes[0]!.id, data.stores[storeIndex]!.id);
}

function job(stores: number[], out: string): VideoJob {
  return { storyboard, source, size: '9x16', assets: memoryVideoAssets(images), variants: stores.map((i) => ({ ctx: ctxOf(i), output: join(out, data.stores[i]!.id, 'video.mp4') })) };
}

/** Top-level MP4 box types in file order. */
function topBoxes(file: string): string[] {
  const buf = readFileSync(file);
  const types: string[] = [];
  for (let at = 0; at + 8 <= buf.length; ) {
    let size = buf.readUInt32BE(at);
    if (size === 1) size = Number(buf.readBigUInt64BE(at + 8));
    types.push(buf.toString('latin1', at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  return types;
}

/** Decodes the QR code visible in a video at `seconds`. */
async function qrAt(file: string, seconds: number): Promise<string | undefined> {
  const png = join(dir, `frame-${Math.random().toString(36).slice(2)}.png`);
  await extractFrame(bin, file, seconds, png);
  const { data: px, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(px.buffer, px.byteOffset, px.length), info.width, info.height)?.data;
}

describe('short video render (real ffmpeg, reduced size)', () => {
  it('body once + batched end cards: every store gets a checked, joinable, gap-free H.264/AAC file with its own QR', async () => {
    const out = join(dir, 'join');
    const progress: VideoProgress[] = [];
    const stores = [0, 1, 2];
    const done = await renderVariantVideos(job(stores, out), { format: FMT, renderer, tmpRoot: dir, onProgress: (p) => progress.push(p) });
    expect(done.map((d) => d.store)).toEqual(stores.map((i) => data.stores[i]!.id));
    for (const [k, v] of done.entries()) {
      const p = await probe(bin, v.path);
      expect(p).toMatchObject({ videoCodec: 'h264', profile: 'High', pixFmt: 'yuv420p', audioCodec: 'aac', width: 540, height: 960, fps: 30, frames: SECONDS * 30 });
      expect(Math.abs(p.duration - SECONDS)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(p.videoDuration - SECONDS)).toBeLessThanOrEqual(0.1);
      expect(outputProblems(p, { ...FMT, duration: SECONDS })).toEqual([]);
      // +faststart: the index (moov) comes before the media (mdat), so WeChat starts playing at once.
      const boxes = topBoxes(v.path);
      expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
      // The joined file decodes end to end without a single error, and its frames follow each other without gaps.
      expect(await decodeErrors(bin, v.path)).toBe('');
      const pts = await videoPacketTimes(bin, v.path);
      expect(pts).toHaveLength(SECONDS * 30);
      expect(ptsGaps(pts, 30)).toEqual([]);
      // The end card that was joined on is this store's own: its QR scans to the store's tracking link.
      expect(await qrAt(v.path, SECONDS - 0.2)).toBe(ctxOf(stores[k]!).link);
    }
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(progress.at(-1)!.percent).toBeCloseTo(100, 0);
    expect(progress.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('shequn-video-'))).toEqual([]);
    expect(readdirSync(join(out, data.stores[0]!.id))).toEqual(['video.mp4']);
  });

  it('a full encode per store (the baseline) passes the same checks', async () => {
    const out = join(dir, 'full');
    const [v] = await renderVariantVideos(job([3], out), { format: FMT, renderer, tmpRoot: dir, strategy: 'full' });
    const p = await probe(bin, v!.path);
    expect(outputProblems(p, { ...FMT, duration: SECONDS })).toEqual([]);
    expect(await decodeErrors(bin, v!.path)).toBe('');
    expect(await qrAt(v!.path, SECONDS - 0.2)).toBe(ctxOf(3).link);
  });

  it('square (1x1) videos lay the end card out side by side and keep the QR scannable', async () => {
    const out = join(dir, 'square');
    const sq = { width: 540, height: 540, fps: 30 };
    const [v] = await renderVariantVideos({ ...job([6], out), size: '1x1' }, { format: sq, renderer, tmpRoot: dir });
    const p = await probe(bin, v!.path);
    expect(outputProblems(p, { ...sq, duration: SECONDS })).toEqual([]);
    expect(await qrAt(v!.path, SECONDS - 0.2)).toBe(ctxOf(6).link);
  });

  it('cancel mid-render kills ffmpeg and leaves nothing behind: no temp files, no output, no half file', async () => {
    const out = join(dir, 'cancel');
    const tmpRoot = join(dir, 'cancel-tmp');
    rmSync(tmpRoot, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmpRoot);
    const ac = new AbortController();
    let sawEncoding = false;
    const run = renderVariantVideos(job([4, 5], out), {
      format: FMT,
      renderer,
      tmpRoot,
      signal: ac.signal,
      onProgress: (p) => {
        // Cancel while ffmpeg is encoding the body.
        if (p.percent > 1 && !sawEncoding) {
          sawEncoding = true;
          ac.abort();
        }
      },
    });
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect(sawEncoding).toBe(true);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('cancelled');
    expect(readdirSync(tmpRoot)).toEqual([]);
    for (const i of [4, 5]) {
      const storeDir = join(out, data.stores[i]!.id);
      expect(existsSync(storeDir) ? readdirSync(storeDir) : []).toEqual([]);
    }
  });
});
