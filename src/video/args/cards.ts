import { videoEncoderOptions, type EncoderSettings, type VideoFormat } from './encoder.js';
import { secs, type FfmpegSpec } from './spec.js';

/** Options of a batched end-card encode. */
export interface EndCardsOptions {
  format: VideoFormat;
  encoder: EncoderSettings;
  /** Frames of each card. */
  frames: number;
  /** Output pattern with one `%03d` (card i is written to pattern with i, from 0). */
  outputPattern: string;
}

/** The file card `i` of a batch lands in. */
export function cardOutputPath(pattern: string, i: number): string {
  return pattern.replace('%03d', String(i).padStart(3, '0'));
}

/**
 * Many stores' end cards in ONE encoder run (the encoder start-up is paid once): each card PNG
 * is decoded once and looped in the graph, the cards follow each other, a forced IDR keyframe
 * opens every card, and the segment muxer splits the stream at those keyframes by stream copy
 * into one MP4 per card. Same encoder settings as the body, so the parts join by stream copy.
 */
export function endCardsArgs(cards: readonly string[], opts: EndCardsOptions): FfmpegSpec {
  if (cards.length === 0) throw new Error('endCardsArgs needs at least one card');
  if (!opts.outputPattern.includes('%03d')) throw new Error('outputPattern needs %03d');
  const { width: W, height: H, fps } = opts.format;
  const F = opts.frames;
  const chains = cards.map(
    (_, i) => `[${i}:v]scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},setsar=1,format=yuv420p,loop=loop=${F - 1}:size=1:start=0,settb=1/${fps},setpts=N[c${i}]`,
  );
  const labels = cards.map((_, i) => `[c${i}]`).join('');
  chains.push(cards.length > 1 ? `${labels}concat=n=${cards.length}:v=1:a=0[vout]` : `[c0]null[vout]`);
  const boundaries = cards.slice(1).map((_, i) => String((i + 1) * F));
  const segment = ['-f', 'segment', '-reset_timestamps', '1', '-segment_format', 'mp4', '-segment_format_options', `video_track_timescale=${opts.encoder.timescale}`];
  if (boundaries.length) segment.push('-segment_frames', boundaries.join(','));
  return {
    label: `end cards ×${cards.length}`,
    inputs: cards.map((path) => ({ path })),
    filter: chains.join(';'),
    outputs: [
      {
        path: opts.outputPattern,
        options: [
          '-map', '[vout]',
          ...videoEncoderOptions(opts.format, opts.encoder),
          '-force_key_frames', `expr:eq(mod(n,${F}),0)`,
          '-an',
          ...segment,
        ],
      },
    ],
    duration: Number(secs((F * cards.length) / fps)),
  };
}
