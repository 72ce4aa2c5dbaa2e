import type { Workspace } from '../../workspace/types.js';
import { StudioError } from '../../model/index.js';
import { portalLinks, portalSheetHtml, type PortalLink } from '../../portal/links.js';
import { issueMissingTokens, revokeToken, rotateToken } from '../../portal/tokens.js';
import { publishedLinks } from '../../publish/links.js';
import { readPublishState } from '../../publish/state.js';
import { resolveTarget } from '../../publish/target.js';
import type { Services } from '../services.js';
import type { HandlersFor } from '../handler.js';
import type { MethodInput } from '../contract.js';
import type { portalMethods } from '../methods/portal.js';

/** The host and port links name: as asked, else the server serving the portal now, else the defaults. */
function where(input: { host?: string; port?: number }, services: Services): { host?: string; port?: number } {
  const live = services.serving.current();
  const host = input.host ?? live?.host;
  const port = input.port ?? live?.port;
  return { ...(host ? { host } : {}), ...(port ? { port } : {}) };
}

/**
 * The links to hand out: published pages when a publish target is set (unless the portal is asked
 * for), else the portal's, naming the running server's address unless the input names one.
 */
async function linksOf(ws: Workspace, services: Services, input: MethodInput<'portal.links'>): Promise<PortalLink[]> {
  const { via, ...asked } = input;
  if (via !== 'portal') {
    const target = (await readPublishState(ws.dir)).target;
    if (target) return publishedLinks(ws.data(), resolveTarget(target));
    if (via === 'published') throw new StudioError('bad_input', '还没有设置发布位置 / no publish target is set: publish first (shequn publish --to s3://BUCKET/PREFIX)', 'via');
  }
  return portalLinks(ws.data(), where(asked, services));
}

export const portalHandlers: HandlersFor<typeof portalMethods> = {
  'portal.links': async (input, { ws, services }) => {
    await issueMissingTokens(ws);
    return linksOf(ws, services, input);
  },
  'portal.rotate': async ({ store, ...asked }, { ws, services }) => {
    await ws.update((d) => rotateToken(d, store));
    const link = (await linksOf(ws, services, asked)).find((l) => l.store === store) ?? portalLinks(ws.data(), where(asked, services)).find((l) => l.store === store)!;
    return link;
  },
  'portal.revoke': async ({ store }, { ws }) => ({ store, revoked: await ws.update((d) => revokeToken(d, store)) }),
  'portal.sheet': async (input, { ws, services }) => {
    await issueMissingTokens(ws);
    const links = await linksOf(ws, services, input);
    return { html: await portalSheetHtml(ws.data(), links), stores: links.length };
  },
};
