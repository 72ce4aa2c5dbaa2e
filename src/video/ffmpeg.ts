/**
 * The ONLY module that runs ffmpeg: everything else builds FfmpegSpec data with the pure functions
 * in ./args and runs it through here. Encodes are plain spawns of the spec's argv through
 * encoder-process.ts (so they die with the studio); fluent-ffmpeg (an archived package) is kept
 * only for ffprobe's JSON.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { readdir } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { StudioError } from '../model/index.js';
import type { Binaries } from './binaries.js';
import { toArgv, type FfmpegSpec } from './args/spec.js';
import { killGroup, spawnEncoder } from './encoder-process.js';

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

/** The last lines of ffmpeg's stderr worth showing (progress lines left out). */
function stderrTail(lines: string[]): string {
  return lines
    .filter((l) => l.trim() && !/^\s*(frame|size)=/.test(l))
    .slice(-4)
    .join(' | ');
}

/**
 * Runs one ffmpeg invocation (the spec's argv, see toArgv) as an encoder process that dies with
 * this one (encoder-process.ts: own process group, parent-death signal on Linux, killed on every
 * exit path). Resolves when ffmpeg exits 0; on failure or cancel (AbortSignal → the group is
 * killed) the outputs are removed and a StudioError is thrown (`cancelled`, or `internal` with
 * ffmpeg's last stderr lines).
 */
export function runFfmpeg(bin: Binaries, spec: FfmpegSpec, opts: RunOptions = {}): Promise<void> {
  if (opts.signal?.aborted) return Promise.reject(cancelled());
  const argv = ['-nostdin', '-hide_banner', ...toArgv(spec)];
  return new Promise<void>((resolve, reject) => {
    let aborted = false;
    const child = spawnEncoder(bin.ffmpeg, argv, bin.launcher);
    const onAbort = () => {
      aborted = true;
      killGroup(child);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const lines: string[] = [];
    let partial = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      const parts = (partial + chunk).split(/\r\n|\r|\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.splice(0, lines.length - 200);
        const mark = / time=\s*(-?\d+:\d{2}:\d{2}(?:\.\d+)?)/.exec(line);
        if (mark) {
          const seconds = parseTimemark(mark[1]);
          const percent = spec.duration > 0 ? Math.max(0, Math.min(100, (seconds / spec.duration) * 100)) : 0;
          opts.onProgress?.({ label: spec.label, percent, seconds });
        }
      }
    });
    let settled = false;
    const finish = async (err?: unknown) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (!err) return resolve();
      await Promise.all(spec.outputs.map((o) => removeOutput(o.path))).catch(() => undefined);
      reject(err);
    };
    child.once('error', (err) => void finish(new StudioError('internal', `ffmpeg failed (${spec.label}): ${err.message.split('\n')[0]}`, undefined, { argv: toArgv(spec) })));
    child.once('close', (code, signal) => {
      if (partial) lines.push(partial);
      if (aborted || opts.signal?.aborted) return void finish(cancelled());
      if (code === 0) return void finish();
      const why = signal ? `ffmpeg was killed with signal ${signal}` : `ffmpeg exited with code ${code}`;
      const tail = stderrTail(lines);
      void finish(new StudioError('internal', `ffmpeg failed (${spec.label}): ${why}${tail ? ` — ${tail}` : ''}`, undefined, { argv: toArgv(spec) }));
    });
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
