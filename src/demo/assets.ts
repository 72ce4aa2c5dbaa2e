import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetRecord } from '../model/index.js';
import { describeAsset } from '../workspace/assets.js';

/** A demo file as createWorkspace takes it, with the record it gets in studio.json. */
export interface DemoAsset {
  name: string;
  bytes: Buffer;
  record: AssetRecord;
}

/**
 * Finds the repository's `assets/` folder (holding demo/ and music/) by walking up from this module,
 * so it works from src/ (tsx, vitest) and from a bundle in out/; `override` wins when given.
 */
export function demoAssetsRoot(override?: string): string {
  if (override) return path.resolve(override);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'assets');
    if (existsSync(path.join(candidate, 'demo', 'logo.png'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('demo assets not found: no assets/demo/logo.png above ' + fileURLToPath(import.meta.url));
}

/** Reads demo images from `<root>/demo/` and describes them as the workspace will store them. */
export async function loadDemoImages(root: string, files: string[]): Promise<Map<string, DemoAsset>> {
  const out = new Map<string, DemoAsset>();
  for (const name of files) {
    if (out.has(name)) continue;
    const bytes = await readFile(path.join(root, 'demo', name));
    out.set(name, { name, bytes, record: describeAsset(bytes, name) });
  }
  return out;
}

/** Background-music tracks for videos, made by the project (see assets/README.md). */
export const DEMO_MUSIC = [
  { id: 'warm-day', name: '暖暖的一天', file: 'warm-day.m4a', mood: 'warm' },
  { id: 'bright-morning', name: '清晨出发', file: 'bright-morning.m4a', mood: 'bright' },
] as const;

/** Absolute path of a demo music track (the workspace asset store holds images only). */
export function demoMusicPath(id: (typeof DEMO_MUSIC)[number]['id'], root?: string): string {
  const track = DEMO_MUSIC.find((t) => t.id === id)!;
  return path.join(demoAssetsRoot(root), 'music', track.file);
}
