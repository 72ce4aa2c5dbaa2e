import { buildDemoStudio, withBuiltinTemplates } from '../demo/index.js';
import type { StudioData } from '../model/index.js';
import { addDemoReviewQueue } from '../review/demo.js';
import { builtinTemplates } from './builtins.js';

/**
 * The built-in demo workspace's content: demo data, the built-in templates (posts pinned to their
 * approved version 1), and one new version waiting for review so the manager's queue is not empty.
 */
export async function demoStudio(): Promise<{ data: StudioData; assets: { name: string; bytes: Buffer }[] }> {
  const { data, assets } = await buildDemoStudio();
  const withTemplates = withBuiltinTemplates(data, await builtinTemplates());
  addDemoReviewQueue(withTemplates);
  return { data: withTemplates, assets };
}
