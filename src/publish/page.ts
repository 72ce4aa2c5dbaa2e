import { renderIndexHtml } from '../pack/index-html.js';
import type { Manifest } from '../pack/manifest.js';
import { relativeHref, ZIP } from './layout.js';

/** What a published page is made from besides the pack's manifest. */
export interface PageOptions {
  /** Caption and channel texts of the live entries, by pack path. */
  texts: Map<string, string>;
  now: number;
  /** The key (relative to the store's root) each live pack file was published under. */
  keyOf: (path: string) => string;
  /** True when pack.zip is published next to the page. */
  zip: boolean;
  /** The collector's beacon URL for this store, when one is set. */
  beacon?: string;
  /** The pack key's first 16 hex digits (the beacon says which pack was opened). */
  pack: string;
}

/**
 * The pack page as a static file: the portal's page (src/pack/index-html.ts) with every link
 * relative to the page (`f/<sha>/<name>`, `pack.zip`), expired entries withdrawn, and its own CSP
 * in a meta tag (inline style and script by hash; beacons only to the collector's origin).
 */
export function publishedPage(m: Pick<Manifest, 'store' | 'brand' | 'createdAt' | 'entries'>, o: PageOptions): string {
  const connect = o.beacon ? new URL(o.beacon).origin : "'none'";
  return renderIndexHtml(m, {
    texts: o.texts,
    now: o.now,
    withdrawExpired: true,
    hrefFor: (path) => relativeHref(o.keyOf(path)),
    ...(o.zip ? { zipHref: ZIP } : {}),
    ...(o.beacon ? { beacon: { url: o.beacon, pack: o.pack, via: 'published' as const } } : {}),
    metaCsp: { connect },
  });
}
