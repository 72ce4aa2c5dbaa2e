/** One ffmpeg input: a file (or lavfi/concat source) and the options that go before its `-i`. */
export interface FfmpegInput {
  path: string;
  options?: string[];
}

/** One ffmpeg output: the options that go before its target (maps, codecs, muxer flags). */
export interface FfmpegOutput {
  path: string;
  options: string[];
}

/**
 * A complete ffmpeg invocation as data: what the pure argument builders return and what
 * src/video/ffmpeg.ts hands to fluent-ffmpeg. `duration` is the output length in seconds
 * (progress percent = ffmpeg's reported time / duration).
 */
export interface FfmpegSpec {
  inputs: FfmpegInput[];
  /** `-filter_complex` graph, if any. */
  filter?: string;
  outputs: FfmpegOutput[];
  /** Expected media duration of the output(s), seconds. */
  duration: number;
  /** A short name for logs and progress ("body", "cards", "mux store-7"). */
  label: string;
}

/** The argv ffmpeg receives for a spec, in fluent-ffmpeg's order (for tests, logs and error messages). */
export function toArgv(spec: FfmpegSpec): string[] {
  const args: string[] = [];
  for (const input of spec.inputs) args.push(...(input.options ?? []), '-i', input.path);
  args.push('-y');
  if (spec.filter) args.push('-filter_complex', spec.filter);
  for (const output of spec.outputs) args.push(...output.options, output.path);
  return args;
}

/** Formats seconds for ffmpeg options without float noise (e.g. 2.5 → "2.5", 1/3 → "0.333333"). */
export function secs(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** A colour "#RRGGBB" as ffmpeg's "0xRRGGBB". */
export function ffColor(hex: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return `0x${hex.slice(1).toUpperCase()}`;
}
