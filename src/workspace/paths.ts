import path from 'node:path';

/** File and folder names inside a workspace folder. */
export const LAYOUT = {
  studio: 'studio.json',
  assets: 'assets',
  renders: 'renders',
  packs: 'packs',
  results: 'results',
  backups: '.backups',
  lock: '.studio.lock',
} as const;

/** Absolute paths of a workspace's parts. */
export interface WorkspacePaths {
  studio: string;
  assets: string;
  renders: string;
  packs: string;
  /** Orders, clicks and portal activity read back (results/*.jsonl; kept apart from studio.json, see docs/results.md). */
  results: string;
  backups: string;
  lock: string;
}

/** Resolves the layout of the workspace folder `dir`. */
export function workspacePaths(dir: string): WorkspacePaths {
  const root = path.resolve(dir);
  return {
    studio: path.join(root, LAYOUT.studio),
    assets: path.join(root, LAYOUT.assets),
    renders: path.join(root, LAYOUT.renders),
    packs: path.join(root, LAYOUT.packs),
    results: path.join(root, LAYOUT.results),
    backups: path.join(root, LAYOUT.backups),
    lock: path.join(root, LAYOUT.lock),
  };
}
