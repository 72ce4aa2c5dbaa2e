import type { Progress, Role } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import type { Services } from './services.js';

export type { Progress };

/** What every handler gets besides its input. */
export interface CallContext {
  ws: Workspace;
  /** The workspace's long-lived services (renderers, pools, caches, clock, jobs). */
  services: Services;
  /** The shell that is calling (the CLI, the desktop app, the studio server): trusted like someone editing the workspace folder. */
  user?: { id: string; role: Role };
  /** A workspace user the shell has verified (a review-page session signed in with id and key); acts as that user only. */
  signedIn?: string;
  /** The personal key presented for the user named with `as` (SHEQUN_KEY / --key-file, x-shequn-user-key, the identity switch). */
  userKey?: string;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}
