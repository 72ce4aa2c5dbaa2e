import { StudioError } from '../model/index.js';
import { readBundle } from '../bundle/bundle.js';
import { createWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';
import { blankStudio } from './blank.js';
import { builtinTemplates } from './builtins.js';
import { demoStudio } from './demo.js';

/** Creates a workspace in `dir`: empty, the built-in demo, or exactly the workspace a bundle holds. */
export async function initWorkspace(dir: string, opts: { demo?: boolean; from?: string } = {}): Promise<Workspace> {
  if (opts.demo && opts.from) throw new StudioError('bad_input', 'choose either the demo or a bundle, not both');
  if (opts.from) {
    const { bundle, files } = await readBundle(opts.from);
    return createWorkspace(dir, bundle.data, files);
  }
  if (opts.demo) {
    const { data, assets } = await demoStudio();
    return createWorkspace(dir, data, assets);
  }
  return createWorkspace(dir, blankStudio(await builtinTemplates()));
}
