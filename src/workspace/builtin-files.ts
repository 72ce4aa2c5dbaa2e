import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds `rel` (e.g. `templates/captions/group.hbs`) in the first folder above this module that has
 * it, so built-in data is found from src/ (tsx, vitest) and from a bundle placed under the repo.
 */
export function findAbove(rel: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, rel);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`${rel} not found above ${fileURLToPath(import.meta.url)}`);
}

/**
 * The studio's own `assets/` folder (demo images and music), found above this module so it works
 * from src/ (tsx, vitest) and from a bundle in out/; `override` wins when given.
 */
export function studioAssetsDir(override?: string): string {
  if (override) return path.resolve(override);
  return path.dirname(path.dirname(findAbove('assets/demo/logo.png')));
}
