import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../workspace/index.js';
import { createStudio, type CreatedWorkspace } from './init.js';

/** Opens the demo workspace at `dir`, creating it with the built-in demo on first start (then with its users' new keys). */
export async function openOrCreateDemo(dir: string): Promise<CreatedWorkspace> {
  if (existsSync(join(dir, 'studio.json'))) return { ws: await openWorkspace(dir), keys: [] };
  return createStudio(dir, { demo: true });
}

/** The lines that show new keys once (printed by the shell that created the workspace). */
export function keyLines(keys: CreatedWorkspace['keys']): string[] {
  if (!keys.length) return [];
  return ['  演示用户的个人密钥（只显示这一次）Demo users\' personal keys, shown only this once:', ...keys.map((k) => `    ${k.id} (${k.role}): ${k.key}`)];
}
