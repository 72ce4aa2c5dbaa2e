import type { Workspace } from '../../workspace/types.js';
import { StudioError } from '../../model/index.js';
import { portalLinks, portalSheetHtml, type PortalLink } from '../../portal/links.js';
import { ensureTokens, revokeToken, rotateToken } from '../../portal/tokens.js';
import { publishedLinks } from '../../publish/links.js';
import { readPublishState } from '../../publish/state.js';
import { resolveTarget } from '../../publish/target.js';
import type { HandlersFor } from '../handler.js';
import type { MethodInput } from '../contract.js';
import type { portalMethods } from '../methods/portal.js';

/** Issues tokens to active stores that never had one (revoked ones stay revoked), when the workspace is writable. */
export async function withTokens(ws: Workspace): Promise<void> {
  if (ws.readOnly) return;
  const data = ws.data();
  const missing = data.stores.filter((s) => s.active && !data.portal.tokens.some((t) => t.store === s.id)).map((s) => s.id);
  if (missing.length) await ws.update((d) => ensureTokens(d, missing));
}

/** The links to hand out: published pages when a publish target is set (unless the portal is asked for), else the portal's. */
async function linksOf(ws: Workspace, input: MethodInput<'portal.links'>): Promise<PortalLink[]> {
  const { via, ...where } = input;
  if (via !== 'portal') {
    const target = (await readPublishState(ws.dir)).target;
    if (target) return publishedLinks(ws.data(), resolveTarget(target));
    if (via === 'published') throw new StudioError('bad_input', '还没有设置发布位置 / no publish target is set: publish first (shequn publish --to s3://BUCKET/PREFIX)', 'via');
  }
  return portalLinks(ws.data(), where);
}

export const portalHandlers: HandlersFor<typeof portalMethods> = {
  'portal.links': async (input, { ws }) => {
    await withTokens(ws);
    return linksOf(ws, input);
  },
  'portal.rotate': async ({ store, ...where }, { ws }) => {
    await ws.update((d) => rotateToken(d, store));
    const link = (await linksOf(ws, where)).find((l) => l.store === store) ?? portalLinks(ws.data(), { host: where.host, port: where.port }).find((l) => l.store === store)!;
    return link;
  },
  'portal.revoke': async ({ store }, { ws }) => ({ store, revoked: await ws.update((d) => revokeToken(d, store)) }),
  'portal.sheet': async (input, { ws }) => {
    await withTokens(ws);
    const links = await linksOf(ws, input);
    return { html: await portalSheetHtml(ws.data(), links), stores: links.length };
  },
};
