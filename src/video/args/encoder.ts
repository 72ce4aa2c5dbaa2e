import { availableParallelism } from 'node:os';

/** Output geometry and timing shared by every part of one video. */
export interface VideoFormat {
  width: number;
  height: number;
  fps: number;
}

/** Encoder settings; the body and every end card of a join MUST use the same ones. */
export interface EncoderSettings {
  preset: string;
  crf: number;
  profile: 'high';
  level: string;
  /** Keyframe interval in frames. */
  gop: number;
  /** Timescale of the MP4 video track (same for every file that is joined). */
  timescale: number;
  /** Encoder threads (sized by the pool). */
  threads: number;
}

/** The settings every Shequn video uses (veryfast CRF 23 High@4.0, 2 s GOP at 30 fps). */
export const DEFAULT_ENCODER: EncoderSettings = {
  preset: 'veryfast',
  crf: 23,
  profile: 'high',
  level: '4.0',
  gop: 60,
  timescale: 15360,
  threads: Math.max(1, Math.min(4, availableParallelism())),
};

/** The full-size formats: 1080×1920 (9x16) and 1080×1080 (1x1), 30 fps. */
export const VIDEO_FORMATS = {
  '9x16': { width: 1080, height: 1920, fps: 30 },
  '1x1': { width: 1080, height: 1080, fps: 30 },
} as const satisfies Record<string, VideoFormat>;
/** A video size: "9x16" or "1x1". */
export type VideoSize = keyof typeof VIDEO_FORMATS;

/**
 * x264 output options shared by body, end cards and full encodes. Identical settings give
 * identical SPS/PPS, which is what lets the concat demuxer join the parts by stream copy.
 */
export function videoEncoderOptions(fmt: VideoFormat, enc: EncoderSettings): string[] {
  return [
    '-c:v', 'libx264',
    '-preset', enc.preset,
    '-crf', String(enc.crf),
    '-profile:v', enc.profile,
    '-level:v', enc.level,
    '-pix_fmt', 'yuv420p',
    '-r', String(fmt.fps),
    '-g', String(enc.gop),
    '-forced-idr', '1',
    '-threads', String(enc.threads),
  ];
}

/** AAC settings of every audio track. */
export const AUDIO_OPTIONS = ['-c:a', 'aac', '-b:a', '128k', '-ar', '44100', '-ac', '2'];

/** Number of frames for a duration at fps (durations are rounded to whole frames). */
export function frames(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}
