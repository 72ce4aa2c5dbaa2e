import { SCHEMA_VERSION, StudioData, parseOrThrow } from '../model/index.js';
import { BRAND_FILES, DEMO_CHANNELS, demoBrand } from './brand.js';
import { loadDemoImages } from './assets.js';
import { studioAssetsDir } from '../workspace/builtin-files.js';
import { DEMO_GROUP_TYPES } from './groupTypes.js';
import { DEMO_POSTS } from './posts.js';
import { DEMO_STORES } from './stores.js';
import { DEMO_USERS } from './users.js';

export { lexicalFromText, variablesIn } from './lexical.js';
export { withBuiltinTemplates } from './templates.js';
export { DEMO_MUSIC, demoMusicPath } from './assets.js';
export { studioAssetsDir } from '../workspace/builtin-files.js';
export { DEMO_STORES, CLOUD_STORE_BASE } from './stores.js';
export { DEMO_POSTS } from './posts.js';
export { DEMO_GROUP_TYPES } from './groupTypes.js';
export { DEMO_CHANNELS, DEMO_COLORS } from './brand.js';
export { DEMO_USERS } from './users.js';

/** Options of buildDemoStudio. */
export interface DemoOptions {
  /** The folder holding demo/ and music/ (default: the repository's assets/, found from this module). */
  assetsDir?: string;
}

/**
 * The built-in demo: brand 拾果山房 with its IP 栗栗, three channels, five group types, twelve store
 * owners, three posts and three users, plus the images they reference (made by the project).
 * Deterministic; `templates` is empty (see withBuiltinTemplates). The data validates as StudioData.
 */
export async function buildDemoStudio(opts: DemoOptions = {}): Promise<{ data: StudioData; assets: { name: string; bytes: Buffer }[] }> {
  const root = studioAssetsDir(opts.assetsDir);
  const files = [BRAND_FILES.logo, BRAND_FILES.ip, ...DEMO_POSTS.map((p) => p.product.imageFile), ...DEMO_STORES.map((s) => s.avatarFile)];
  const images = await loadDemoImages(root, files);
  const id = (file: string) => images.get(file)!.record.id;
  const data = {
    schemaVersion: SCHEMA_VERSION,
    brand: demoBrand({ logo: id(BRAND_FILES.logo), ip: id(BRAND_FILES.ip) }),
    channels: structuredClone(DEMO_CHANNELS),
    groupTypes: structuredClone(DEMO_GROUP_TYPES),
    stores: DEMO_STORES.map(({ avatarFile, ...s }) => ({ ...structuredClone(s), avatar: id(avatarFile) })),
    templates: [],
    posts: DEMO_POSTS.map(({ product: { imageFile, ...product }, ...p }) => ({ ...structuredClone(p), product: { ...product, image: id(imageFile) } })),
    users: structuredClone(DEMO_USERS),
    audit: [],
    assets: [...images.values()].map((a) => a.record),
    portal: { tokens: [], lan: false },
  };
  return {
    data: parseOrThrow(StudioData, data, 'demo studio'),
    assets: [...images.values()].map(({ name, bytes }) => ({ name, bytes })),
  };
}
