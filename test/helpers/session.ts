import { createServices, type ServiceOptions, type Services, type Session } from '../../src/api/services.js';
import type { CallContext } from '../../src/api/context.js';
import { serverServices } from '../../src/server/app.js';
import type { Workspace } from '../../src/workspace/types.js';

// Tests keep one services object per workspace, as a shell does for the workspace it opened.
const made = new WeakMap<Workspace, Services>();

/** The services of `ws` in this test file (built on first use; `opts` only count then). */
export function servicesOf(ws: Workspace, opts: ServiceOptions & { server?: boolean } = {}): Services {
  let s = made.get(ws);
  if (!s) made.set(ws, (s = opts.server ? serverServices(ws, opts) : createServices(ws, opts)));
  return s;
}

/** A call context for `ws` with its services (and any extra fields: user, signal, onProgress). */
export function ctx<W extends Workspace>(ws: W, extra: Partial<Omit<CallContext, 'ws' | 'services'>> = {}): CallContext & { ws: W } {
  return { ws, services: servicesOf(ws), ...extra };
}

/** The session of `ws` (workspace + services), as shells hand it around. */
export function sessionOf(ws: Workspace): Session {
  return { ws, services: servicesOf(ws) };
}
