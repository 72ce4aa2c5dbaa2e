/** The workspace layer: a folder with studio.json (lowdb, one writer), assets/, renders/, packs/. */
export type { AssetStore, Workspace } from './types.js';
export { openWorkspace, createWorkspace, type OpenOptions } from './open.js';
export { workspacePaths, LAYOUT, type WorkspacePaths } from './paths.js';
export { MIGRATIONS, migrate, versionOf, type Migration } from './migrations.js';
export { KEEP_BACKUPS, listBackups } from './backups.js';
export { assetId, describeAsset, writeAssetFile, addAssetRecord } from './assets.js';
export { sniffImage, requireImage, type ImageType } from './mime.js';
export { acquireLock, processAlive, type LockInfo, type WriteLock } from './lock.js';
