import { resolve, sep } from 'node:path';
import { studioAssetsDir } from '../workspace/builtin-files.js';
import type { Workspace } from '../workspace/types.js';
import type { LayerImage } from './layers.js';
import type { VideoAssets } from './plan.js';

/** Resolves a storyboard's relative file (music/…, backgrounds) inside `root`, refusing escapes. */
export function fileIn(root: string, rel: string): string {
  const base = resolve(root);
  const full = resolve(base, rel);
  if (!full.startsWith(base + sep)) throw new Error(`"${rel}" is outside the assets folder`);
  return full;
}

/** Video assets from a workspace's asset store; music and storyboard files from the studio's assets/ folder. */
export function workspaceVideoAssets(ws: Workspace, assetsDir = studioAssetsDir()): VideoAssets {
  const cache = new Map<string, Promise<LayerImage | undefined>>();
  return {
    image(id) {
      let p = cache.get(id);
      if (!p) {
        p = ws.assets.read(id).then(
          (bytes) => ({ bytes, name: ws.assets.get(id)?.name ?? id.slice(0, 8) }),
          () => undefined,
        );
        cache.set(id, p);
      }
      return p;
    },
    file: (rel) => fileIn(assetsDir, rel),
  };
}

/** Video assets from bytes in memory (tests, benchmarks, the demo before a workspace exists). */
export function memoryVideoAssets(images: Map<string, LayerImage>, assetsDir = studioAssetsDir()): VideoAssets {
  return { image: async (id) => images.get(id), file: (rel) => fileIn(assetsDir, rel) };
}

