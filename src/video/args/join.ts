import { AUDIO_OPTIONS } from './encoder.js';
import { audioChain, musicInput, type MusicPlan } from './audio.js';
import { secs, type FfmpegSpec } from './spec.js';

/** File names the concat demuxer accepts with `-safe 1`: relative, plain characters, no `..`. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

/**
 * The concat demuxer's list for parts that sit in the list's folder. Names must be relative and
 * plain so the join runs with `-safe 1` (which refuses absolute paths and odd characters).
 */
export function concatList(parts: readonly string[]): string {
  for (const p of parts) {
    if (!SAFE_NAME.test(p) || p.split('/').includes('..')) throw new Error(`concat part "${p}" is not a safe relative name`);
  }
  return parts.map((p) => `file '${p}'`).join('\n') + '\n';
}

/** The audio laid over a joined video: an AAC track encoded once (copied) or music encoded in this pass. */
export type JoinAudio = { kind: 'track'; path: string } | { kind: 'music'; music?: MusicPlan };

/**
 * Joins the body and one store's end card with the concat demuxer by stream copy (`-safe 1`)
 * and lays ONE continuous audio track over the whole joined video in the same pass: the video
 * is copied, the audio is either copied from a track made by musicArgs or encoded here with its
 * fades. Trimmed to the duration; `+faststart` puts the index first for WeChat.
 */
export function concatArgs(listFile: string, audio: JoinAudio, opts: { duration: number; output: string }): FfmpegSpec {
  const inputs = [{ path: listFile, options: ['-f', 'concat', '-safe', '1'] }];
  const options = ['-map', '0:v:0'];
  let filter: string | undefined;
  if (audio.kind === 'track') {
    inputs.push({ path: audio.path, options: [] });
    options.push('-map', '1:a:0', '-c', 'copy');
  } else {
    if (audio.music) inputs.push(musicInput(audio.music));
    filter = audioChain(audio.music, 1, opts.duration);
    options.push('-map', '[aout]', '-c:v', 'copy', ...AUDIO_OPTIONS);
  }
  options.push('-t', secs(opts.duration), '-movflags', '+faststart');
  return { label: 'join', inputs, filter, outputs: [{ path: opts.output, options }], duration: opts.duration };
}

/**
 * The music of a body as one AAC track of exactly the video's length (fades included). Every
 * store's video has the same length and music, so the track is encoded once per body and
 * copied into each join: one continuous track, no AAC priming gap at the body/card cut.
 */
export function musicArgs(music: MusicPlan | undefined, opts: { duration: number; output: string }): FfmpegSpec {
  return {
    label: 'music',
    inputs: music ? [musicInput(music)] : [],
    filter: audioChain(music, 0, opts.duration),
    outputs: [{ path: opts.output, options: ['-map', '[aout]', ...AUDIO_OPTIONS, '-t', secs(opts.duration), '-vn'] }],
    duration: opts.duration,
  };
}
