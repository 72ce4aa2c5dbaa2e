import { portalLinks, portalSheetHtml } from '../../portal/links.js';
import { issueMissingTokens, revokeToken, rotateToken } from '../../portal/tokens.js';
import type { Services } from '../services.js';
import type { HandlersFor } from '../handler.js';
import type { portalMethods } from '../methods/portal.js';

/** The host and port links name: as asked, else the server serving the portal now, else the defaults. */
function where(input: { host?: string; port?: number }, services: Services): { host?: string; port?: number } {
  const live = services.serving.current();
  const host = input.host ?? live?.host;
  const port = input.port ?? live?.port;
  return { ...(host ? { host } : {}), ...(port ? { port } : {}) };
}

export const portalHandlers: HandlersFor<typeof portalMethods> = {
  'portal.links': async (input, { ws, services }) => {
    await issueMissingTokens(ws);
    return portalLinks(ws.data(), where(input, services));
  },
  'portal.rotate': async ({ store, host, port }, { ws, services }) => {
    await ws.update((d) => rotateToken(d, store));
    const link = portalLinks(ws.data(), where({ host, port }, services)).find((l) => l.store === store)!;
    return link;
  },
  'portal.revoke': async ({ store }, { ws }) => ({ store, revoked: await ws.update((d) => revokeToken(d, store)) }),
  'portal.sheet': async (input, { ws, services }) => {
    await issueMissingTokens(ws);
    const links = portalLinks(ws.data(), where(input, services));
    return { html: await portalSheetHtml(ws.data(), links), stores: links.length };
  },
};
