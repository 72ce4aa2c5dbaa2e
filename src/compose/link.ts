/**
 * Tracking links: the store's cloud-store URL (or the post's conversion URL when the store has
 * none) with parameters naming post, group type and store, so the brand sees which store's group
 * converted. Documented in docs/tracking-links.md. Browser-safe (URL and URLSearchParams only).
 */

/** Our parameters, in the order they are appended. */
export const TRACKING_PARAMS = {
  post: 'sq_post',
  group: 'sq_group',
  store: 'sq_store',
  channel: 'sq_ch',
} as const;

/** What a tracking link identifies. */
export interface TrackingIds {
  post: string;
  group: string;
  store: string;
  channel?: string;
}

/** What buildTrackingLink needs: the base URL and the ids. */
export interface TrackingLinkInput extends TrackingIds {
  base: string;
}

const OURS: ReadonlySet<string> = new Set<string>(Object.values(TRACKING_PARAMS));

/**
 * Builds the tracking link. The base URL's own parameters are kept in their order (ours are
 * replaced if present), then sq_post, sq_group, sq_store [, sq_ch]. No utm_* parameters: the link
 * is pasted into captions whose length is limited, and sq_* already identify everything. Values are
 * percent-encoded by URLSearchParams, so Chinese values in the base URL stay URL-safe. The
 * fragment (#...) is kept.
 */
export function buildTrackingLink(input: TrackingLinkInput): string {
  let url: URL;
  try {
    url = new URL(input.base);
  } catch {
    throw new Error(`tracking link: "${input.base}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`tracking link: "${input.base}" must be http(s)`);
  const params = new URLSearchParams();
  for (const [k, v] of url.searchParams) if (!OURS.has(k)) params.append(k, v);
  params.append(TRACKING_PARAMS.post, input.post);
  params.append(TRACKING_PARAMS.group, input.group);
  params.append(TRACKING_PARAMS.store, input.store);
  if (input.channel) params.append(TRACKING_PARAMS.channel, input.channel);
  url.search = params.toString();
  return url.toString();
}

/** The same link naming a channel too (sq_ch), placed right after sq_store. */
export function withChannel(link: string, channel: string): string {
  const ids = parseTrackingLink(link);
  const url = new URL(link);
  if (!ids) {
    url.searchParams.set(TRACKING_PARAMS.channel, channel);
    return url.toString();
  }
  const params = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if (k === TRACKING_PARAMS.channel) continue;
    params.append(k, v);
    if (k === TRACKING_PARAMS.store) params.append(TRACKING_PARAMS.channel, channel);
  }
  url.search = params.toString();
  return url.toString();
}

/** The ids a tracking link carries, or undefined when it is not one of ours. */
export function parseTrackingLink(link: string): TrackingIds | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const q = url.searchParams;
  const post = q.get(TRACKING_PARAMS.post);
  const group = q.get(TRACKING_PARAMS.group);
  const store = q.get(TRACKING_PARAMS.store);
  if (!post || !group || !store) return undefined;
  const channel = q.get(TRACKING_PARAMS.channel);
  return channel ? { post, group, store, channel } : { post, group, store };
}
