import { stat } from 'node:fs/promises';
import type { Progress } from '../api/context.js';
import type { VideoFormat, VideoSize } from '../video/args/index.js';
import { workspaceVideoAssets } from '../video/assets.js';
import { renderVariantVideos } from '../video/render.js';
import { parseStoryboard } from '../video/storyboard.js';
import type { Workspace } from '../workspace/types.js';
import type { OutputSpec } from './outputs.js';
import type { BuiltVariant } from './store-build.js';

/** Bump when videos change for the same inputs (part of every video output key). */
export const VIDEO_RENDERER_VERSION = 'video-1';

/** One video to render into the cache. */
export interface VideoJob {
  key: string;
  outPath: string;
  variant: BuiltVariant;
  spec: OutputSpec;
}

/** Overrides for tests: a smaller frame renders in a fraction of the time. */
export interface VideoOverrides {
  format?: VideoFormat;
}

/**
 * The exporter's one call into src/video: one `renderVariantVideos` run per storyboard version and
 * size, which encodes each post × group type body once and every store's end card in batches.
 * Videos land in the cache as they are accepted; a failing run fails the videos it had not finished.
 */
export async function renderVideos(
  ws: Workspace,
  jobs: VideoJob[],
  opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void; overrides?: VideoOverrides },
): Promise<{ errors: Map<string, Error> }> {
  const errors = new Map<string, Error>();
  const runs = new Map<string, VideoJob[]>();
  for (const j of jobs) {
    if (j.spec.kind !== 'video') continue;
    const k = `${j.spec.template.id}@${j.spec.template.version}|${j.spec.size}`;
    runs.set(k, [...(runs.get(k) ?? []), j]);
  }
  const assets = workspaceVideoAssets(ws);
  let done = 0;
  for (const list of runs.values()) {
    const spec = list[0]!.spec as Extract<OutputSpec, { kind: 'video' }>;
    try {
      const storyboard = parseStoryboard(spec.template.source, `video template "${spec.template.id}" v${spec.template.version}`);
      await renderVariantVideos(
        { storyboard, source: spec.template.source, size: spec.size, assets, variants: list.map((j) => ({ ctx: j.variant.ctx, output: j.outPath })) },
        {
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.overrides?.format ? { format: opts.overrides.format } : {}),
          onProgress: (p) => opts.onProgress?.({ done: done + p.done, total: jobs.length, current: `video ${p.current} (${Math.round(p.percent)}%)` }),
        },
      );
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      const e = err instanceof Error ? err : new Error(String(err));
      // Videos accepted before the failure are in the cache already; the rest failed.
      for (const j of list) if (!(await stat(j.outPath).then((s) => s.size > 0, () => false))) errors.set(j.key, e);
    }
    done += list.length;
  }
  return { errors };
}

/** The video size of a group type: vertical (9x16) unless it only uses square posters. */
export function videoSizeFor(sizes: readonly string[]): VideoSize {
  return !sizes.includes('9x16') && sizes.includes('1x1') ? '1x1' : '9x16';
}
