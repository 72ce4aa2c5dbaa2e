import type { Role } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';

/** Progress of a long call (render, export): done of total, the current item, ETA in seconds. */
export interface Progress {
  done: number;
  total: number;
  current?: string;
  etaSeconds?: number;
}

/** What every handler gets besides its input. */
export interface CallContext {
  ws: Workspace;
  /** Who is calling; the CLI and desktop app act as the workspace's local user. */
  user?: { id: string; role: Role };
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}
