import type { Workspace } from '../workspace/types.js';
import type { StudioServer } from './app.js';
import { DEFAULT_PORT, lanAddress } from './portal/links.js';

/** The sharing state the Share switch shows. */
export interface ShareStatus {
  on: boolean;
  lan: boolean;
  /** Where staff reach the portal (LAN address when sharing to the LAN). */
  url?: string;
  port?: number;
}

const running = new WeakMap<Workspace, { server: StudioServer; lan: boolean; port: number }>();

/** What is being shared for this workspace right now. */
export function shareStatus(ws: Workspace): ShareStatus {
  const s = running.get(ws);
  if (!s) return { on: false, lan: ws.data().portal.lan };
  const host = s.lan ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1';
  return { on: true, lan: s.lan, port: s.port, url: `http://${host}:${s.port}` };
}

/**
 * The Share switch: on → a portal server (staff portal and review pages, same Host checks and
 * tokens) on 127.0.0.1, or on every interface when `lan` is asked for explicitly; off → stopped.
 * The choice of LAN is remembered in the workspace so portal links name the right host.
 */
export async function setShare(ws: Workspace, opts: { on: boolean; lan?: boolean; port?: number }): Promise<ShareStatus> {
  const current = running.get(ws);
  const lan = opts.lan ?? ws.data().portal.lan;
  if (current && (!opts.on || current.lan !== lan || (opts.port !== undefined && opts.port !== current.port))) {
    running.delete(ws);
    await current.server.close();
  }
  if (!ws.readOnly && ws.data().portal.lan !== lan) await ws.update((d) => (d.portal.lan = lan));
  if (opts.on && !running.has(ws)) {
    const { startServer } = await import('./app.js');
    const port = opts.port ?? DEFAULT_PORT;
    const server = await startServer({ ws, port, lan }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') throw Object.assign(new Error(`port ${port} is in use (is "shequn serve" already sharing this workspace?); choose another port`), { code: 'EADDRINUSE' });
      throw err;
    });
    running.set(ws, { server, lan, port: Number(new URL(server.url).port) });
  }
  return shareStatus(ws);
}

/** Stops sharing (the app is closing). */
export async function stopShare(ws: Workspace): Promise<void> {
  await setShare(ws, { on: false, lan: ws.data().portal.lan });
}
