import type { Progress, Role } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import type { Services } from './services.js';

export type { Progress };

/** What every handler gets besides its input. */
export interface CallContext {
  ws: Workspace;
  /** The workspace's long-lived services (renderers, pools, caches, clock, jobs). */
  services: Services;
  /** Who is calling; the CLI and desktop app act as the workspace's local user. */
  user?: { id: string; role: Role };
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}
