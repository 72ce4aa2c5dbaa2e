import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreOwner, StudioData } from '../model/index.js';
import { outputKey, sha256, stableStringify } from '../workspace/hash.js';
import type { RenderVersions } from './outputs.js';
import type { ExportPlan, PlanOptions } from './plan.js';

/**
 * A hash of the code and built-in files that turn data into pack text (src/compose, src/pack,
 * templates/): a new build of the studio re-composes every pack once. Falls back to the package
 * version when the sources are not on disk (a bundled app).
 */
export function codeFingerprint(): string {
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|hbs|json|css|txt)$/.test(name)) h.update(name).update(readFileSync(p));
    }
  };
  try {
    for (const rel of ['../compose', '.', '../../templates']) walk(join(here, rel));
    return h.digest('hex');
  } catch {
    const pkg = JSON.parse(readFileSync(join(here, '../../package.json'), 'utf8')) as { version?: string };
    return `app-${pkg.version ?? '0'}`;
  }
}

/**
 * The input key of a store's pack: a hash of everything its pack is made from before composing —
 * the store, the chosen posts, brand, channels, group types, the templates they may use, render
 * versions, options and the code fingerprint. A pack on disk with the same input key is kept
 * without composing it again (what makes a re-export of 500 stores after one edit cheap).
 */
export class InputKeys {
  private readonly shared: string;
  constructor(data: StudioData, plan: ExportPlan, versions: RenderVersions, layout: string, opts: PlanOptions & { videoFormat?: unknown }) {
    const pinned = new Set(plan.posts.flatMap((p) => Object.values(p.templates).map((pin) => pin?.template)));
    this.shared = outputKey({
      layout,
      code: codeFingerprint(),
      versions,
      options: { sizes: opts.sizes ?? null, video: opts.video !== false, videoFormat: opts.videoFormat ?? null },
      brand: data.brand,
      channels: data.channels,
      groupTypes: data.groupTypes,
      posts: plan.posts,
      // The index lists entries by their send slots: a changed plan rewrites the pages (outputs stay cached).
      slots: data.plan.slots.filter((s) => plan.posts.some((p) => p.id === s.post)),
      templates: data.templates.filter((t) => t.kind === 'caption' || pinned.has(t.id)),
    });
  }

  /** The input key of one store's pack. */
  of(store: StoreOwner): string {
    return sha256(this.shared + stableStringify(store));
  }
}
