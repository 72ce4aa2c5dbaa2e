/**
 * Hostile video cases: store text full of ffmpeg filter syntax drawn as an image (ffmpeg never sees
 * it), ffmpeg missing or broken, the ffmpeg child killed mid-job, and a write that runs out of space
 * (injected by a stand-in ffmpeg; the real full disk is in disk-full.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { templateData } from '../../src/compose/context.js';
import { renderTemplate } from '../../src/compose/handlebars/index.js';
import { DEFAULT_ENCODER, endCardsArgs, toArgv, type FfmpegSpec } from '../../src/video/args/index.js';
import { checkBinaries, type Binaries } from '../../src/video/binaries.js';
import { builtinStoryboards } from '../../src/video/builtins.js';
import { probe, runFfmpeg } from '../../src/video/ffmpeg.js';
import { createLayerRenderer } from '../../src/video/layers.js';
import { prepareEndCard, type VideoAssets } from '../../src/video/plan.js';
import { FILES, fixtureContext, IDS, SHORT_STORE } from '../fixtures/render/fixture.js';
import { tempDir } from './helpers.js';

/** Store text that is ffmpeg filter-graph syntax: quotes, `:` `%` `,` `[` `]` `;` `\` and drawtext expansions. */
const HOSTILE = { storeName: "Joe's: 50%, [A];\\", nickname: '%{localtime}', catchphrase: "%{pts\\:hms}'; [out] drawtext=text=x" };
const FRAGMENTS = ["Joe's", '50%', '[A];', '%{localtime}', '%{pts', '[out] drawtext'];

let root: { dir: string; cleanup: () => Promise<void> };
let bin: Binaries;
let png: string;

beforeAll(async () => {
  root = await tempDir('video');
  bin = await checkBinaries();
  png = path.join(root.dir, 'still.png');
  await sharp({ create: { width: 320, height: 180, channels: 3, background: '#335577' } }).png().toFile(png);
});
afterAll(() => root?.cleanup());

/** The pids of this process's children whose command is ffmpeg (Linux /proc). */
function ffmpegChildren(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (m && m[1] === 'ffmpeg' && Number(m[2]) === process.pid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** A slow encode: a still looped in real time for `seconds`, written to `out`. */
function slowSpec(out: string, seconds: number, extra: string[] = []): FfmpegSpec {
  return {
    label: 'slow test encode',
    inputs: [{ path: png, options: ['-re', '-loop', '1', '-framerate', '30'] }],
    outputs: [{ path: out, options: ['-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...extra] }],
    duration: seconds,
  };
}

describe('store text is drawn as an image, never handed to ffmpeg', () => {
  it(`an end card for "${HOSTILE.storeName}" / "${HOSTILE.nickname}" renders, encodes, and the ffmpeg argv holds none of it`, async () => {
    const { storyboard: sb } = builtinStoryboards()[0]!;
    const ctx = fixtureContext({ ...SHORT_STORE, ...HOSTILE });
    ctx.vars = { ...ctx.vars, storeName: HOSTILE.storeName, nickname: HOSTILE.nickname, catchphrase: HOSTILE.catchphrase };
    ctx.link = 'https://s.example/q/1'; // short enough for the QR at this small test size
    // The headline template prints the text as written (no escaping, no evaluation).
    expect(renderTemplate('headline', `${sb.endCard.headline} {{vars.storeName}}`, templateData(ctx))).toContain(`${HOSTILE.nickname}`);
    expect(renderTemplate('headline', '{{vars.storeName}}', templateData(ctx))).toBe(HOSTILE.storeName);

    const fmt = { width: 540, height: 960, fps: 30 };
    const assets: VideoAssets = {
      image: async (id) => (id === IDS.avatar1 ? { bytes: FILES.avatar1, name: 'avatar-1.png' } : undefined),
      file: (rel) => path.join(root.dir, rel),
    };
    const card = path.join(root.dir, 'card.png');
    await prepareEndCard(sb, ctx, fmt, createLayerRenderer(), assets, card);
    const meta = await sharp(card).metadata();
    expect([meta.width, meta.height]).toEqual([540, 960]);
    // The same card for a plain name differs: the hostile text was drawn, not dropped.
    const plain = path.join(root.dir, 'plain.png');
    const ctx2 = { ...fixtureContext({ ...SHORT_STORE, storeName: 'Joes 50 A', nickname: 'localtime', catchphrase: 'pts hms out' }), link: ctx.link };
    await prepareEndCard(sb, ctx2, fmt, createLayerRenderer(), assets, plain);
    const [a, b] = await Promise.all([card, plain].map((f) => sharp(f).raw().toBuffer()));
    expect(a!.equals(b!)).toBe(false);

    const spec = endCardsArgs([card], { format: fmt, encoder: DEFAULT_ENCODER, frames: 10, outputPattern: path.join(root.dir, 'card-%03d.mp4') });
    const argv = toArgv(spec);
    for (const f of FRAGMENTS) expect(argv.some((arg) => arg.includes(f))).toBe(false);
    expect(argv.join(' ')).not.toMatch(/drawtext|subtitles|ass=/);
    await runFfmpeg(bin, spec);
    const out = path.join(root.dir, 'card-000.mp4');
    expect((await probe(bin, out)).width).toBe(540);
  });
});

describe('ffmpeg missing or broken: one clear error naming the path and the fix, before any work', () => {
  it.each([
    ['/nonexistent/ffmpeg', /ffmpeg at \/nonexistent\/ffmpeg \(from SHEQUN_FFMPEG\) does not exist; set SHEQUN_FFMPEG to the path of a working ffmpeg binary/],
    ['/etc/hostname', /ffmpeg at \/etc\/hostname \(from SHEQUN_FFMPEG\) (is not executable|does not run) .*set SHEQUN_FFMPEG to the path/],
    ['/bin/true', /ffmpeg at \/bin\/true \(from SHEQUN_FFMPEG\) does not run \(unexpected output ""\); set SHEQUN_FFMPEG/],
  ])('SHEQUN_FFMPEG=%s', async (ffmpeg, message) => {
    const before = await readdir(root.dir);
    const t = performance.now();
    const err = await checkBinaries({ ...process.env, SHEQUN_FFMPEG: ffmpeg }).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('internal');
    expect(err.message).toMatch(message);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(await readdir(root.dir)).toEqual(before);
  });

  it('SHEQUN_FFPROBE=/nonexistent is named the same way', async () => {
    const err = await checkBinaries({ ...process.env, SHEQUN_FFPROBE: '/nonexistent/ffprobe' }).catch((e) => e);
    expect(err.message).toMatch(/ffprobe at \/nonexistent\/ffprobe \(from SHEQUN_FFPROBE\) does not exist; set SHEQUN_FFPROBE/);
  });
});

describe('ffmpeg killed or out of space mid-job: a clear error, the partial output removed', () => {
  it('SIGKILL of the ffmpeg child while it encodes', async () => {
    const out = path.join(root.dir, 'killed', 'body.mp4');
    await mkdir(path.dirname(out));
    let killed = 0;
    const run = runFfmpeg(bin, slowSpec(out, 30), {
      onProgress: () => {
        if (killed) return;
        for (const pid of ffmpegChildren()) {
          process.kill(pid, 'SIGKILL');
          killed = pid;
        }
      },
    });
    const err = await run.then(() => undefined, (e) => e);
    expect(killed).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.message).toMatch(/^ffmpeg failed \(slow test encode\): .*SIGKILL/);
    expect(existsSync(out)).toBe(false);
    expect(await readdir(path.dirname(out))).toEqual([]);
  });

  it('cancelling (AbortSignal) kills ffmpeg and removes the output', async () => {
    const out = path.join(root.dir, 'cancel.mp4');
    const ac = new AbortController();
    const err = await runFfmpeg(bin, slowSpec(out, 30), { signal: ac.signal, onProgress: () => ac.abort() }).catch((e) => e);
    expect(err).toMatchObject({ code: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('a write that fails with ENOSPC (stand-in ffmpeg) leaves no partial file', async () => {
    // A stand-in for ffmpeg that writes part of its output and then fails the way ffmpeg does on a full disk.
    const fake = path.join(root.dir, 'ffmpeg-nospace.sh');
    await writeFile(
      fake,
      '#!/bin/sh\ncase " $* " in *" -encoders "*|*" -formats "*|*" -version "*) exit 0;; esac\n' +
        'for a in "$@"; do out="$a"; done\nhead -c 65536 /dev/zero > "$out"\n' +
        'echo "[mp4 @ 0x1] $out: No space left on device" >&2\necho "Conversion failed!" >&2\nexit 1\n',
    );
    await chmod(fake, 0o755);
    const out = path.join(root.dir, 'nospace.mp4');
    const err = await runFfmpeg({ ...bin, ffmpeg: fake }, slowSpec(out, 2)).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.message).toMatch(/^ffmpeg failed \(slow test encode\): .*No space left on device/);
    expect(existsSync(out)).toBe(false);
  });
});
