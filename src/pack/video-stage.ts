import type { Progress } from '../api/context.js';
import type { Workspace } from '../workspace/types.js';
import type { OutputSpec } from './outputs.js';
import type { BuiltVariant } from './store-build.js';

/** One video to render into the cache. */
export interface VideoJob {
  key: string;
  outPath: string;
  variant: BuiltVariant;
  spec: OutputSpec;
}

/** The exporter's one call into src/video: renders the jobs (body once per post × group type, end cards per store). */
export async function renderVideos(
  _ws: Workspace,
  jobs: VideoJob[],
  _opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<{ errors: Map<string, Error> }> {
  const errors = new Map<string, Error>();
  for (const j of jobs) errors.set(j.key, new Error('video rendering is not available yet (src/video has no renderer); export with --no-video'));
  return { errors };
}

/** Bump when videos change for the same inputs (part of every video output key). */
export const VIDEO_RENDERER_VERSION = 'video-pending';
