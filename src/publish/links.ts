import type { StudioData } from '../model/index.js';
import type { PortalLink } from '../portal/links.js';
import { activeToken } from '../portal/tokens.js';
import { pageUrl, type ResolvedTarget } from './target.js';

/** Each active store's published page (`<public base>/p/<token>/index.html`); stores without a link are left out. */
export function publishedLinks(data: StudioData, target: ResolvedTarget): PortalLink[] {
  const out: PortalLink[] = [];
  for (const s of data.stores) {
    const t = s.active ? activeToken(data, s.id) : undefined;
    if (t) out.push({ store: s.id, storeName: s.storeName, url: pageUrl(target, t.token) });
  }
  return out;
}
