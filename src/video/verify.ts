import { StudioError } from '../model/index.js';
import type { ProbeResult } from './ffmpeg.js';

/** What a finished video must be. */
export interface Expected {
  width: number;
  height: number;
  fps: number;
  duration: number;
  /** Allowed duration error in seconds (the storyboard's length ± 0.1 s). */
  tolerance?: number;
}

/** Every way a probed file differs from what was asked (empty when it is right). */
export function outputProblems(p: ProbeResult, e: Expected): string[] {
  const out: string[] = [];
  const tol = e.tolerance ?? 0.1;
  if (p.videoCodec !== 'h264') out.push(`video codec is "${p.videoCodec || 'none'}", not h264`);
  if (p.profile !== 'High') out.push(`H.264 profile is "${p.profile}", not High`);
  if (p.pixFmt !== 'yuv420p') out.push(`pixel format is "${p.pixFmt}", not yuv420p`);
  if (p.width !== e.width || p.height !== e.height) out.push(`size is ${p.width}×${p.height}, not ${e.width}×${e.height}`);
  if (Math.abs(p.fps - e.fps) > 0.01) out.push(`frame rate is ${p.fps.toFixed(3)}, not ${e.fps}`);
  if (p.audioCodec !== 'aac') out.push(`audio is "${p.audioCodec ?? 'missing'}", not AAC`);
  if (!(Math.abs(p.duration - e.duration) <= tol)) out.push(`lasts ${p.duration.toFixed(3)} s, not ${e.duration.toFixed(3)} ± ${tol} s`);
  // The container lasts as long as its longest stream: the picture itself must last too.
  if (!(Math.abs(p.videoDuration - e.duration) <= tol)) out.push(`the picture lasts ${p.videoDuration.toFixed(3)} s, not ${e.duration.toFixed(3)} ± ${tol} s`);
  const frames = Math.round(e.duration * e.fps);
  if (p.frames && Math.abs(p.frames - frames) > Math.round(tol * e.fps)) out.push(`has ${p.frames} frames, not ${frames}`);
  return out;
}

/** Throws an StudioError naming every problem when a rendered video is not what was asked. */
export function assertOutput(p: ProbeResult, e: Expected, label: string): void {
  const problems = outputProblems(p, e);
  if (problems.length) throw new StudioError('internal', `${label}: the rendered video was rejected: ${problems.join('; ')}`);
}

/**
 * Checks presentation timestamps run on without gaps or repeats: sorted pts must step by one
 * frame (± a quarter frame). Returns the problems found (empty = continuous).
 */
export function ptsGaps(pts: readonly number[], fps: number): string[] {
  const sorted = [...pts].sort((a, b) => a - b);
  const step = 1 / fps;
  const out: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i]! - sorted[i - 1]!;
    if (Math.abs(d - step) > step / 4) out.push(`${d < step ? 'repeat' : 'gap'} of ${(d * 1000).toFixed(1)} ms at ${sorted[i]!.toFixed(3)} s`);
  }
  if (sorted.length && Math.abs(sorted[0]!) > step / 4) out.push(`first frame at ${sorted[0]!.toFixed(3)} s, not 0`);
  return out;
}
