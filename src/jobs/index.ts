import type { Workspace } from '../workspace/types.js';
import { JobRegistry } from './registry.js';

export * from './pool.js';
export * from './registry.js';

const registries = new WeakMap<Workspace, JobRegistry>();

/** The job registry of an open workspace (one per process and workspace). */
export function jobsFor(ws: Workspace): JobRegistry {
  let reg = registries.get(ws);
  if (!reg) registries.set(ws, (reg = new JobRegistry()));
  return reg;
}
