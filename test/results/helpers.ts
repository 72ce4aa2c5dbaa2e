import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices, type Services } from '../../src/api/services.js';
import type { CallContext } from '../../src/api/context.js';
import { dispatch } from '../../src/api/dispatcher.js';
import type { MethodInput, MethodName, MethodOutput } from '../../src/api/contract.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';

/** The results fixtures (see build-fixtures.ts there). */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'results');

/** A demo workspace on disk with services whose clock stands at `now`; `call` goes through the dispatcher. */
export interface TestStudio {
  dir: string;
  ws: Workspace;
  services: Services;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** A one-time grant of `file`, as a shell issues for a file the user picked. */
  grant(file: string): string;
  close(): Promise<void>;
}

/** Creates a demo workspace in a temp folder (clock fixed at `now`). */
export async function demoStudio(now = '2027-01-17T10:00:00+08:00'): Promise<TestStudio> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shequn-results-'));
  const demo = await buildDemoStudio();
  const ws = await createWorkspace(path.join(dir, 'ws'), demo.data, demo.assets);
  const services = createServices(ws, { clock: () => new Date(now), posterWorkers: 0 });
  const ctx: CallContext = { ws, services, user: { id: 'editor', role: 'editor' } };
  return {
    dir,
    ws,
    services,
    call: (method, input) => dispatch(method, input, ctx),
    grant: (file) => services.grants.grant(file, 'import-file'),
    close: async () => {
      await services.close();
      await ws.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Copies a fixture into `dir` (so a test may change it) and returns the copy's path. */
export async function fixtureCopy(name: string, dir: string): Promise<string> {
  const to = path.join(dir, name);
  await cp(path.join(FIXTURES, name), to);
  return to;
}
