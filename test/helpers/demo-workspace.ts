import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildDemoStudio } from '../../src/demo/index.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { CallContext } from '../../src/api/context.js';
import type { Workspace } from '../../src/workspace/types.js';
import { ctx } from './session.js';

/**
 * A demo workspace in a temp folder for the enclosing describe block (created before its tests,
 * closed and removed after). Returns the call context an editor's api calls run with.
 */
export function useDemoWorkspace(prefix: string): () => CallContext & { user: { id: string; role: 'editor' } } {
  let tmp: string;
  let ws: Workspace;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), `shequn-${prefix}-`));
    const demo = await buildDemoStudio();
    ws = await createWorkspace(join(tmp, 'ws'), demo.data, demo.assets);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(tmp, { recursive: true, force: true });
  });
  return () => ctx(ws, { user: { id: 'editor', role: 'editor' as const } }) as CallContext & { user: { id: string; role: 'editor' } };
}
