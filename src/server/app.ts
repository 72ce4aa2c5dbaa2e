import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createServices, type Services } from '../api/services.js';
import type { Workspace } from '../workspace/types.js';
import { registerApiRoutes } from './api-routes.js';
import { allowedHosts, hostAllowed } from './hosts.js';
import { newToken } from '../workspace/secrets.js';
import { serverPlugins } from './plugins.js';
import { portalPlugin } from './portal/plugin.js';
import { createShareControl } from './share.js';
import { lanAddress } from '../portal/links.js';
import { forgetServing, recordServing } from '../portal/serving.js';
import { issueMissingTokens } from '../portal/tokens.js';
import { sweepStaleEncoders } from '../video/encoder-process.js';
import type { ServerOptions, StudioServer } from './types.js';

export type { ServerOptions, StudioServer };


const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The services of a workspace this server (or the desktop app) opened: with the real share switch. */
export function serverServices(ws: Workspace, opts: Omit<Parameters<typeof createServices>[1] & object, 'share'> = {}): Services {
  return createServices(ws, { ...opts, share: (w, s) => createShareControl(startServer, w, s) });
}

/** Builds the Fastify app (not listening) — used by tests through app.inject. */
export async function buildApp(opts: ServerOptions & { port: number; token: string }): Promise<FastifyInstance> {
  const lan = !!opts.lan;
  const services = opts.services ?? serverServices(opts.ws);
  const bindHost = opts.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 64 * 1024 * 1024, trustProxy: false });
  let hosts = allowedHosts(opts.port, bindHost, lan);
  app.decorate('studioHosts', { refresh: (port: number) => (hosts = allowedHosts(port, bindHost, lan)) });
  app.addHook('onRequest', async (req, reply) => {
    // The Host check keeps DNS-rebinding pages away from the API. A portal-only server has no API
    // and answers under its public name; activity beacons (token-checked, write-only) come from
    // published pages to whatever name the collector is reached by.
    const anyHost = opts.portalOnly || (req.method === 'POST' && req.url.startsWith('/a/'));
    if (!anyHost && !hostAllowed(req.headers.host, hosts)) {
      return reply.code(421).type('text/plain; charset=utf-8').send('unknown Host header');
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    // Not no-referrer: with it Chromium sends `Origin: null` on same-origin form POSTs, and the review
    // pages' Origin check would refuse every real click. same-origin keeps the Origin and still sends
    // no referrer (with its tokens) to any other site.
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
  });
  if (!opts.services) app.addHook('onClose', () => services.close());
  if (opts.portalOnly) {
    // Only the store pages and the activity beacon: no API, no UI, no review pages.
    await portalPlugin(app, { ws: opts.ws, services, token: opts.token });
    app.get('/', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('Shequn Studio portal: store pages at /p/<token>, activity at /a/<token>.'));
    return app;
  }
  await registerApiRoutes(app, { ws: opts.ws, services, token: opts.token });
  for (const plugin of serverPlugins) await plugin(app, { ws: opts.ws, services, token: opts.token });
  const dir = opts.rendererDir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.addHook('onSend', async (req, reply, payload) => {
      if (!req.url.startsWith('/api/') && String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.getHeader('content-security-policy')) {
        reply.header('Content-Security-Policy', CSP);
      }
      return payload;
    });
    await app.register(fastifyStatic, { root: dir, prefix: '/', index: ['index.html'], wildcard: true, dotfiles: 'deny' });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('Shequn Studio server: the UI is not built (run "npm run build"). The API is at POST /api/<method>.'),
    );
  }
  return app;
}

/**
 * Starts the studio server and resolves once it is listening. While it runs, its address is the
 * one portal links name (services.serving, and `.serving.json` in the workspace for a CLI listing
 * links meanwhile), and every active store has a portal token (issued at start, and on import).
 */
export async function startServer(opts: ServerOptions): Promise<StudioServer> {
  const token = opts.token ?? newToken();
  const host = opts.host ?? (opts.lan ? '0.0.0.0' : '127.0.0.1');
  const port = opts.port ?? 0;
  const services = opts.services ?? serverServices(opts.ws);
  const app = await buildApp({ ...opts, services, host, port, token });
  if (!opts.services) app.addHook('onClose', () => services.close());
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  (app as unknown as { studioHosts: { refresh(p: number): void } }).studioHosts.refresh(actualPort);
  const wildcard = host === '0.0.0.0' || host === '::';
  const shownHost = wildcard ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${actualPort}`;
  const linkAddress = { host: opts.lan ? (lanAddress() ?? shownHost) : shownHost, port: actualPort };
  const forget = services.serving.add(linkAddress);
  await issueMissingTokens(opts.ws).catch(() => undefined);
  // Encoders a studio killed earlier left behind (where no parent-death signal reached them).
  void sweepStaleEncoders().catch(() => undefined);
  // A read-only opener (a portal-only server) does not own the workspace: the studio holding it
  // keeps its own record of where its portal is served.
  if (!opts.ws.readOnly) await recordServing(opts.ws, linkAddress);
  const close = async () => {
    forget();
    await forgetServing(opts.ws, linkAddress);
    await app.close();
  };
  return { app, url, token, openUrl: `${url}/#token=${token}`, close };
}
