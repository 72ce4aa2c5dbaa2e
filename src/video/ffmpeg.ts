/**
 * The ONLY module that touches fluent-ffmpeg (an archived package): everything else builds
 * FfmpegSpec data with the pure functions in ./args and runs it through here, so the wrapper
 * can be swapped for a plain spawn without touching the rest.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { readdir } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { StudioError } from '../model/index.js';
import type { Binaries } from './binaries.js';
import { toArgv, type FfmpegSpec } from './args/spec.js';

/** Progress of one ffmpeg run: percent from ffmpeg's reported time against the expected duration. */
export interface RunProgress {
  label: string;
  percent: number;
  /** Seconds of output written so far. */
  seconds: number;
}

/** Options of one ffmpeg run. */
export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
}

/** "00:01:02.50" → 62.5 seconds. */
export function parseTimemark(mark: string | undefined): number {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(mark?.trim() ?? '');
  if (!m) return 0;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

/**
 * fluent-ffmpeg splits a lone option on its space ("-x y" → two args) but keeps each of several
 * arguments whole: always pass at least two (an empty-free list of real arguments).
 */
function whole(options: readonly string[]): [string, string, ...string[]] {
  if (options.length === 1) return [options[0]!, '-hide_banner'];
  return options as unknown as [string, string, ...string[]];
}

function cancelled(): StudioError {
  return new StudioError('cancelled', 'video render cancelled');
}

/** Removes an output file, or for a `%03d` pattern every file it produced. */
async function removeOutput(path: string): Promise<void> {
  if (!path.includes('%')) {
    await rm(path, { force: true });
    return;
  }
  const [before, after] = basename(path).split(/%0?\d*d/) as [string, string];
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(before) && n.endsWith(after)).map((n) => rm(join(dir, n), { force: true })));
}

/**
 * Runs one ffmpeg invocation through fluent-ffmpeg. Resolves when ffmpeg exits 0; on failure
 * or cancel (AbortSignal → the process is killed) the outputs are removed and an StudioError is
 * thrown (`cancelled`, or `internal` with ffmpeg's last stderr lines).
 */
export function runFfmpeg(bin: Binaries, spec: FfmpegSpec, opts: RunOptions = {}): Promise<void> {
  if (opts.signal?.aborted) return Promise.reject(cancelled());
  const cmd = ffmpeg().setFfmpegPath(bin.ffmpeg).setFfprobePath(bin.ffprobe);
  for (const input of spec.inputs) {
    cmd.input(input.path);
    if (input.options?.length) cmd.inputOptions(...whole(input.options));
  }
  if (spec.filter) cmd.complexFilter(spec.filter);
  spec.outputs.forEach((output, i) => {
    cmd.output(output.path);
    // Global flags may sit anywhere; fluent-ffmpeg has no slot for them.
    const options = i === 0 ? ['-nostdin', '-hide_banner', ...output.options] : output.options;
    if (options.length) cmd.outputOptions(...whole(options));
  });
  return new Promise<void>((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      cmd.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = async (err?: unknown) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (!err) return resolve();
      await Promise.all(spec.outputs.map((o) => removeOutput(o.path))).catch(() => undefined);
      reject(err);
    };
    cmd.on('progress', (p: { timemark?: string }) => {
      const seconds = parseTimemark(p.timemark);
      const percent = spec.duration > 0 ? Math.max(0, Math.min(100, (seconds / spec.duration) * 100)) : 0;
      opts.onProgress?.({ label: spec.label, percent, seconds });
    });
    cmd.on('end', () => void finish());
    cmd.on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
      if (aborted || opts.signal?.aborted) return void finish(cancelled());
      const tail = String(stderr ?? '')
        .split(/\r?\n/)
        .filter((l) => l.trim() && !/^\s*(frame|size)=/.test(l))
        .slice(-4)
        .join(' | ');
      void finish(new StudioError('internal', `ffmpeg failed (${spec.label}): ${err.message.split('\n')[0]}${tail ? ` — ${tail}` : ''}`, undefined, { argv: toArgv(spec) }));
    });
    cmd.run();
  });
}

/** What ffprobe says about a rendered file: the facts every output is checked against. */
export interface ProbeResult {
  /** Container duration (the longer of the streams). */
  duration: number;
  /** Duration of the video stream alone. */
  videoDuration: number;
  width: number;
  height: number;
  fps: number;
  videoCodec: string;
  profile: string;
  pixFmt: string;
  audioCodec: string | null;
  /** Video frames (nb_frames of the stream, or 0 when unknown). */
  frames: number;
}

function rate(r: string | undefined): number {
  const [n, d] = String(r ?? '0/1').split('/').map(Number);
  return d ? n! / d : n ?? 0;
}

/** Probes a media file with ffprobe (through fluent-ffmpeg). */
export function probe(bin: Binaries, file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    ffmpeg.setFfprobePath(bin.ffprobe);
    ffmpeg.ffprobe(file, (err, data) => {
      if (err) return reject(new StudioError('internal', `ffprobe could not read ${file}: ${String(err.message ?? err).split('\n')[0]}`));
      const v = data.streams.find((s) => s.codec_type === 'video');
      const a = data.streams.find((s) => s.codec_type === 'audio');
      resolve({
        duration: Number(data.format.duration ?? v?.duration ?? 0),
        videoDuration: Number(v?.duration ?? 0),
        width: v?.width ?? 0,
        height: v?.height ?? 0,
        fps: rate(v?.avg_frame_rate && v.avg_frame_rate !== '0/0' ? v.avg_frame_rate : v?.r_frame_rate),
        videoCodec: v?.codec_name ?? '',
        profile: String(v?.profile ?? ''),
        pixFmt: v?.pix_fmt ?? '',
        audioCodec: a?.codec_name ?? null,
        frames: Number(v?.nb_frames ?? 0) || 0,
      });
    });
  });
}

function exec(path: string, args: string[], timeoutMs = 120_000): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(path, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

/** Presentation times (s) of every video packet, in file order (ffprobe). */
export async function videoPacketTimes(bin: Binaries, file: string): Promise<number[]> {
  const r = await exec(bin.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]);
  if (r.code !== 0) throw new StudioError('internal', `ffprobe could not list packets of ${file}: ${r.stderr.split('\n')[0]}`);
  return r.stdout.split('\n').map((l) => l.trim().replace(/,$/, '')).filter(Boolean).map(Number);
}

/** Decodes a whole file and returns what ffmpeg reports at level "error" (empty = decodes cleanly). */
export async function decodeErrors(bin: Binaries, file: string): Promise<string> {
  const r = await exec(bin.ffmpeg, ['-nostdin', '-v', 'error', '-i', file, '-f', 'null', '-']);
  return (r.stderr + (r.code !== 0 ? `\nexit code ${r.code}` : '')).trim();
}

/** Writes the frame at `seconds` as a PNG (for previews and for looking at a render). */
export async function extractFrame(bin: Binaries, file: string, seconds: number, out: string): Promise<void> {
  const r = await exec(bin.ffmpeg, ['-nostdin', '-v', 'error', '-y', '-ss', String(seconds), '-i', file, '-frames:v', '1', out]);
  if (r.code !== 0) throw new StudioError('internal', `could not extract a frame at ${seconds} s from ${file}: ${r.stderr.split('\n')[0]}`);
}
