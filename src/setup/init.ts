import { StudioError } from '../model/index.js';
import type { StudioData } from '../model/index.js';
import { readBundle } from '../bundle/bundle.js';
import { issueMissingKeys, type IssuedKey } from '../review/keys.js';
import { createWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';
import { blankStudio } from './blank.js';
import { builtinTemplates } from './builtins.js';
import { demoStudio } from './demo.js';

/** A new workspace and the personal keys issued to its users (shown once: only their hashes are kept). */
export interface CreatedWorkspace {
  ws: Workspace;
  keys: IssuedKey[];
}

/**
 * Creates a workspace in `dir`: empty, the built-in demo, or exactly the workspace a bundle holds.
 * Every user without a key gets one (a bundle's users keep theirs).
 */
export async function createStudio(dir: string, opts: { demo?: boolean; from?: string } = {}): Promise<CreatedWorkspace> {
  if (opts.demo && opts.from) throw new StudioError('bad_input', 'choose either the demo or a bundle, not both');
  let data: StudioData;
  let files: { name: string; bytes: Buffer }[] | undefined;
  if (opts.from) {
    const { bundle, files: f } = await readBundle(opts.from);
    data = bundle.data;
    files = f;
  } else if (opts.demo) {
    const demo = await demoStudio();
    data = demo.data;
    files = demo.assets;
  } else {
    data = blankStudio(await builtinTemplates());
  }
  const keys = issueMissingKeys(data);
  return { ws: await createWorkspace(dir, data, files), keys };
}

/** Creates a workspace in `dir` (see createStudio) when the keys of its users are not needed. */
export async function initWorkspace(dir: string, opts: { demo?: boolean; from?: string } = {}): Promise<Workspace> {
  return (await createStudio(dir, opts)).ws;
}
