import { secs } from './spec.js';

/** Background music resolved to a file: volume and fades in seconds. */
export interface MusicPlan {
  path: string;
  volume: number;
  fadeIn: number;
  fadeOut: number;
}

/**
 * The audio chain for a video of `duration` seconds from input `index`: looped music (the input
 * is opened with `-stream_loop -1`), volume, fade in, fade out ending exactly at the end, trimmed
 * to the duration. Without music a silent track keeps players and platforms happy. Label `aout`.
 */
export function audioChain(music: MusicPlan | undefined, index: number, duration: number): string {
  const fmt = 'aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo';
  if (!music) return `anullsrc=r=44100:cl=stereo,atrim=end=${secs(duration)},${fmt}[aout]`;
  const fadeOut = Math.min(music.fadeOut, duration);
  const parts = [`[${index}:a]${fmt}`, `volume=${music.volume}`, `atrim=end=${secs(duration)}`, 'asetpts=PTS-STARTPTS'];
  if (music.fadeIn > 0) parts.push(`afade=t=in:st=0:d=${secs(Math.min(music.fadeIn, duration))}`);
  if (fadeOut > 0) parts.push(`afade=t=out:st=${secs(duration - fadeOut)}:d=${secs(fadeOut)}`);
  return `${parts.join(',')}[aout]`;
}

/** The input for the music file: looped so a short track still covers the video. */
export function musicInput(music: MusicPlan): { path: string; options: string[] } {
  return { path: music.path, options: ['-stream_loop', '-1'] };
}
