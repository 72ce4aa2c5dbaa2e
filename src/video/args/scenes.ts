import { ffColor } from './spec.js';
import type { VideoFormat } from './encoder.js';

/** Camera motion over a scene's still background. */
export type MotionPlan =
  | { kind: 'none' }
  | { kind: 'zoom'; from: number; to: number }
  | { kind: 'pan'; direction: 'left' | 'right' | 'up' | 'down'; zoom: number };

/** A scene resolved to files and frame counts: what the filter graph builders consume. */
export interface ScenePlan {
  /** Frames of the scene's own slot on the timeline. */
  frames: number;
  /** Crossfade frames into this scene (0 = cut); on the first scene a fade in from black. */
  fadeIn: number;
  /** A colour, or an image file (any size; it is cover-fitted). */
  background: { kind: 'color'; color: string } | { kind: 'image'; path: string };
  motion: MotionPlan;
  /**
   * Transparent PNG (text and images drawn by src/render), cropped to what it covers and laid
   * at x,y over the moving background. Still scenes get their layer flattened into the
   * background image beforehand, so they need no per-frame blending at all.
   */
  layer?: { path: string; x: number; y: number };
}

/** Zoompan works on a larger copy of the image so slow motion does not wobble on whole pixels. */
const MOTION_OVERSAMPLE = 2;

/** Where each scene's stream starts and how long it is (crossfades start before the slot). */
export function sceneTiming(scenes: readonly ScenePlan[]): { start: number; length: number }[] {
  let slot = 0;
  return scenes.map((s, i) => {
    const overlap = i === 0 ? 0 : s.fadeIn;
    const timing = { start: slot - overlap, length: s.frames + overlap };
    slot += s.frames;
    return timing;
  });
}

function zoompanExpr(m: Exclude<MotionPlan, { kind: 'none' }>, length: number): { z: string; x: string; y: string } {
  const t = `on/${Math.max(1, length - 1)}`;
  const cx = '(iw-iw/zoom)/2';
  const cy = '(ih-ih/zoom)/2';
  if (m.kind === 'zoom') return { z: `${m.from}+${round(m.to - m.from)}*${t}`, x: cx, y: cy };
  const z = String(m.zoom);
  switch (m.direction) {
    case 'right':
      return { z, x: `(iw-iw/zoom)*${t}`, y: cy };
    case 'left':
      return { z, x: `(iw-iw/zoom)*(1-${t})`, y: cy };
    case 'down':
      return { z, x: cx, y: `(ih-ih/zoom)*${t}` };
    case 'up':
      return { z, x: cx, y: `(ih-ih/zoom)*(1-${t})` };
  }
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Filter chains that produce one scene as a stream labelled `out`, `length` frames long,
 * starting at frame `start` of the timeline. `inputOf(path)` returns the ffmpeg input index
 * of a file (each image is decoded once: a still is looped in the graph, never re-read).
 */
export function sceneChain(
  scene: ScenePlan,
  timing: { start: number; length: number },
  fmt: VideoFormat,
  inputOf: (path: string) => number,
  out: string,
): string[] {
  const { width: W, height: H, fps } = fmt;
  const L = timing.length;
  const chains: string[] = [];
  const bg = `${out}bg`;
  if (scene.background.kind === 'color') {
    chains.push(`color=c=${ffColor(scene.background.color)}:s=${W}x${H}:r=${fps},trim=end_frame=${L},setsar=1[${bg}]`);
  } else {
    const i = inputOf(scene.background.path);
    if (scene.motion.kind === 'none') {
      chains.push(
        `[${i}:v]scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},setsar=1,format=yuv420p,` +
          `loop=loop=${L - 1}:size=1:start=0,settb=1/${fps},setpts=N[${bg}]`,
      );
    } else {
      const SW = W * MOTION_OVERSAMPLE;
      const SH = H * MOTION_OVERSAMPLE;
      const e = zoompanExpr(scene.motion, L);
      chains.push(
        `[${i}:v]scale=${SW}:${SH}:force_original_aspect_ratio=increase,crop=${SW}:${SH},setsar=1,` +
          `zoompan=z='${e.z}':x='${e.x}':y='${e.y}':d=${L}:s=${W}x${H}:fps=${fps},setsar=1[${bg}]`,
      );
    }
  }
  let last = bg;
  if (scene.layer) {
    const li = inputOf(scene.layer.path);
    chains.push(`[${last}][${li}:v]overlay=${scene.layer.x}:${scene.layer.y}:format=auto:eof_action=repeat[${out}ly]`);
    last = `${out}ly`;
  }
  // Image inputs come in at 1/25 s; every stream is put on a 1/fps timebase so frame N is at N exactly.
  const at = (frame: number) => `settb=1/${fps},setpts=PTS-STARTPTS+${frame}`;
  const X = Math.min(scene.fadeIn, L);
  if (X === 0) {
    chains.push(`[${last}]format=yuv420p,${at(timing.start)}[${out}]`);
    return chains;
  }
  // Alpha blending a whole 1080×1920 frame is the costliest step of the graph: only the
  // crossfade frames carry alpha; the rest of the scene is laid down opaque (a plain copy).
  chains.push(`[${last}]format=yuv420p,split[${out}x][${out}y]`);
  chains.push(`[${out}x]trim=end_frame=${X},format=yuva420p,fade=t=in:s=0:n=${X}:alpha=1,${at(timing.start)}[${out}]`);
  if (X < L) chains.push(`[${out}y]trim=start_frame=${X},${at(timing.start + X)}[${out}o]`);
  else chains.push(`[${out}y]nullsink`);
  return chains;
}

/** The stream labels a scene lays on the timeline, in drawing order. */
function sceneLabels(scene: ScenePlan, timing: { length: number }, out: string): string[] {
  const X = Math.min(scene.fadeIn, timing.length);
  return X === 0 ? [out] : X < timing.length ? [out, `${out}o`] : [out];
}

/**
 * The video part of a graph: every scene laid on a black base of exactly `total` frames, in
 * order, so a crossfading scene blends over the one before it. Output label: `vout`.
 */
export function timelineGraph(scenes: readonly ScenePlan[], fmt: VideoFormat, inputOf: (path: string) => number): string[] {
  if (scenes.length === 0) throw new Error('a timeline needs at least one scene');
  const timings = sceneTiming(scenes);
  const total = scenes.reduce((n, s) => n + s.frames, 0);
  const chains = [`color=c=black:s=${fmt.width}x${fmt.height}:r=${fmt.fps},trim=end_frame=${total},setsar=1,format=yuv420p[base]`];
  scenes.forEach((s, i) => chains.push(...sceneChain(s, timings[i]!, fmt, inputOf, `s${i}`)));
  const layers = scenes.flatMap((s, i) => sceneLabels(s, timings[i]!, `s${i}`));
  let acc = 'base';
  layers.forEach((label, i) => {
    const last = i === layers.length - 1;
    const next = last ? 'vout' : `t${i}`;
    chains.push(`[${acc}][${label}]overlay=0:0:eof_action=pass${last ? ',format=yuv420p' : ''}[${next}]`);
    acc = next;
  });
  return chains;
}

/** Collects input files in first-use order; the same path always maps to the same input index. */
export class InputTable {
  readonly paths: string[] = [];
  /** The input index of `path`, adding it when new. */
  indexOf = (path: string): number => {
    const i = this.paths.indexOf(path);
    if (i >= 0) return i;
    this.paths.push(path);
    return this.paths.length - 1;
  };
}
