import type { ShareControl, ShareStatus, Services } from '../api/services.js';
import { DEFAULT_PORT, lanAddress } from '../portal/links.js';
import type { Workspace } from '../workspace/types.js';
import type { ServerOptions, StudioServer } from './types.js';

/**
 * The Share switch of one workspace: on → a portal server (staff portal and review pages, same Host
 * checks and tokens) on 127.0.0.1, or on every interface when `lan` is asked for explicitly; off →
 * stopped. The choice of LAN is remembered in the workspace so portal links name the right host.
 * Handed to createServices by the shells that can serve; `start` starts a server (src/server/app.ts).
 */
export function createShareControl(start: (opts: ServerOptions) => Promise<StudioServer>, ws: Workspace, services: Services): ShareControl {
  let running: { server: StudioServer; lan: boolean; port: number } | undefined;

  const status = (): ShareStatus => {
    if (!running) return { on: false, lan: ws.data().portal.lan };
    const host = running.lan ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1';
    return { on: true, lan: running.lan, port: running.port, url: `http://${host}:${running.port}` };
  };

  const set = async (opts: { on: boolean; lan?: boolean; port?: number }): Promise<ShareStatus> => {
    const current = running;
    const lan = opts.lan ?? ws.data().portal.lan;
    if (current && (!opts.on || current.lan !== lan || (opts.port !== undefined && opts.port !== current.port))) {
      running = undefined;
      await current.server.close();
    }
    if (!ws.readOnly && ws.data().portal.lan !== lan) await ws.update((d) => (d.portal.lan = lan));
    if (opts.on && !running) {
      const port = opts.port ?? DEFAULT_PORT;
      const server = await start({ ws, services, port, lan }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw Object.assign(new Error(`port ${port} is in use (is "shequn serve" already sharing this workspace?); choose another port`), { code: 'EADDRINUSE' });
        throw err;
      });
      running = { server, lan, port: Number(new URL(server.url).port) };
    }
    return status();
  };

  return { status, set, stop: async () => void (await set({ on: false, lan: ws.data().portal.lan })) };
}
