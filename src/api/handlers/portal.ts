import type { Workspace } from '../../workspace/types.js';
import { portalLinks, portalSheetHtml } from '../../portal/links.js';
import { ensureTokens, revokeToken, rotateToken } from '../../portal/tokens.js';
import type { HandlersFor } from '../handler.js';
import type { portalMethods } from '../methods/portal.js';

/** Issues tokens to active stores that never had one (revoked ones stay revoked), when the workspace is writable. */
async function withTokens(ws: Workspace): Promise<void> {
  if (ws.readOnly) return;
  const data = ws.data();
  const missing = data.stores.filter((s) => s.active && !data.portal.tokens.some((t) => t.store === s.id)).map((s) => s.id);
  if (missing.length) await ws.update((d) => ensureTokens(d, missing));
}

export const portalHandlers: HandlersFor<typeof portalMethods> = {
  'portal.links': async (input, { ws }) => {
    await withTokens(ws);
    return portalLinks(ws.data(), input);
  },
  'portal.rotate': async ({ store, host, port }, { ws }) => {
    await ws.update((d) => rotateToken(d, store));
    const link = portalLinks(ws.data(), { host, port }).find((l) => l.store === store)!;
    return link;
  },
  'portal.revoke': async ({ store }, { ws }) => ({ store, revoked: await ws.update((d) => revokeToken(d, store)) }),
  'portal.sheet': async (input, { ws }) => {
    await withTokens(ws);
    const links = portalLinks(ws.data(), input);
    return { html: await portalSheetHtml(ws.data(), links), stores: links.length };
  },
};
