import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';
import { initWorkspace } from './init.js';

/** Opens the demo workspace at `dir`, creating it with the built-in demo on first start. */
export async function openOrCreateDemo(dir: string): Promise<Workspace> {
  if (existsSync(join(dir, 'studio.json'))) return openWorkspace(dir);
  return initWorkspace(dir, { demo: true });
}
