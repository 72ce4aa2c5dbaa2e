import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer (electron-vite writes out/renderer); undefined when not built. */
export function rendererDir(): string | undefined {
  const dir = join(projectRoot, 'out', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
