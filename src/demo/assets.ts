import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetRecord } from '../model/index.js';
import { describeAsset } from '../workspace/assets.js';
import { studioAssetsDir } from '../workspace/builtin-files.js';

/** A demo file as createWorkspace takes it, with the record it gets in studio.json. */
export interface DemoAsset {
  name: string;
  bytes: Buffer;
  record: AssetRecord;
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
  return path.join(studioAssetsDir(root), 'music', track.file);
}
