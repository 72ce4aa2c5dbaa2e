import path from 'node:path';

/** File and folder names inside a workspace folder. */
export const LAYOUT = {
  studio: 'studio.json',
  assets: 'assets',
  renders: 'renders',
  packs: 'packs',
  backups: '.backups',
  lock: '.studio.lock',
} as const;

/** Absolute paths of a workspace's parts. */
export interface WorkspacePaths {
  studio: string;
  assets: string;
  renders: string;
  packs: string;
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
    backups: path.join(root, LAYOUT.backups),
    lock: path.join(root, LAYOUT.lock),
  };
}
