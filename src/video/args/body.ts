import { videoEncoderOptions, type EncoderSettings, type VideoFormat } from './encoder.js';
import { InputTable, timelineGraph, type ScenePlan } from './scenes.js';
import { secs, type FfmpegSpec } from './spec.js';

/** Options of a body or full encode. */
export interface TimelineOptions {
  format: VideoFormat;
  encoder: EncoderSettings;
  /** Output MP4 path. */
  output: string;
}

/** Total frames of a list of scenes. */
export function totalFrames(scenes: readonly ScenePlan[]): number {
  return scenes.reduce((n, s) => n + s.frames, 0);
}

/** Image inputs are single frames, decoded once (no `-loop 1`: that re-decodes the PNG every frame). */
export function imageInputs(table: InputTable): { path: string }[] {
  return table.paths.map((path) => ({ path }));
}

/**
 * The shared body of a post (head, waist and leg scenes), video only: encoded once per post ×
 * group type and later joined with each store's end card by stream copy.
 */
export function bodyArgs(scenes: readonly ScenePlan[], opts: TimelineOptions): FfmpegSpec {
  const table = new InputTable();
  const graph = timelineGraph(scenes, opts.format, table.indexOf);
  const n = totalFrames(scenes);
  return {
    label: 'body',
    inputs: imageInputs(table),
    filter: graph.join(';'),
    outputs: [
      {
        path: opts.output,
        options: ['-map', '[vout]', ...videoEncoderOptions(opts.format, opts.encoder), '-video_track_timescale', String(opts.encoder.timescale), '-frames:v', String(n), '-an'],
      },
    ],
    duration: Number(secs(n / opts.format.fps)),
  };
}
