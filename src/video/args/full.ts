import { AUDIO_OPTIONS, videoEncoderOptions } from './encoder.js';
import { audioChain, musicInput, type MusicPlan } from './audio.js';
import { imageInputs, totalFrames, type TimelineOptions } from './body.js';
import { InputTable, timelineGraph, type ScenePlan } from './scenes.js';
import { secs, type FfmpegSpec } from './spec.js';

/**
 * One store's whole video in a single encode (body scenes, its end card, music): the plain
 * way, used for one-off renders and as the benchmark's baseline.
 */
export function fullArgs(scenes: readonly ScenePlan[], music: MusicPlan | undefined, opts: TimelineOptions): FfmpegSpec {
  const table = new InputTable();
  const graph = timelineGraph(scenes, opts.format, table.indexOf);
  const inputs: { path: string; options?: string[] }[] = imageInputs(table);
  const n = totalFrames(scenes);
  const duration = n / opts.format.fps;
  if (music) inputs.push(musicInput(music));
  graph.push(audioChain(music, inputs.length - 1, duration));
  return {
    label: 'full',
    inputs,
    filter: graph.join(';'),
    outputs: [
      {
        path: opts.output,
        options: [
          '-map', '[vout]', '-map', '[aout]',
          ...videoEncoderOptions(opts.format, opts.encoder),
          '-video_track_timescale', String(opts.encoder.timescale),
          ...AUDIO_OPTIONS,
          '-frames:v', String(n),
          '-t', secs(duration),
          '-movflags', '+faststart',
        ],
      },
    ],
    duration: Number(secs(duration)),
  };
}
