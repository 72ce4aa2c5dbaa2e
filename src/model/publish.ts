import { z } from 'zod';
import { HttpUrl, IsoDate } from './common.js';
import { ACTIVITY_KINDS } from './vocabulary.js';

/**
 * Where packs are published: an S3-compatible bucket and how its pages are reached. Holds no
 * secret: the access key comes from the environment, a profile or the OS keychain (docs/publish.md).
 */
export const PublishTarget = z
  .object({
    /** `s3://BUCKET[/PREFIX]`. */
    to: z.string().trim().max(1024).regex(/^s3:\/\/[^/\s]+(\/.*)?$/, 'must be s3://BUCKET/PREFIX'),
    /** The S3-compatible endpoint (OSS, COS, OBS, MinIO); none for AWS. */
    endpoint: HttpUrl.optional(),
    region: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a region id such as cn-hangzhou').optional(),
    /** Path-style addressing (MinIO); OSS, COS and OBS need virtual-hosted (off). */
    pathStyle: z.boolean().optional(),
    /** The address the pages are read from (a CDN or custom domain); default: the endpoint's path-style address. */
    publicBase: HttpUrl.optional(),
    /** Where published pages send their activity beacon (`<collector>/a/<token>`); none: no beacon. */
    collector: HttpUrl.optional(),
  })
  .strict();
export type PublishTarget = z.infer<typeof PublishTarget>;

/** One kind of activity a pack page reports. */
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

/**
 * One recorded activity of a store's pack page: when, which store, what (page opened, file
 * downloaded, caption copied), the pack file concerned and the pack it was on. No personal data:
 * no address, no browser, no person.
 */
export const ActivityEvent = z.object({
  at: IsoDate,
  store: z.string(),
  kind: ActivityKind,
  /** The pack file downloaded or the caption copied (its path inside the pack). */
  path: z.string().max(400).optional(),
  /** The first 16 hex digits of the pack's key: which pack the page showed. */
  pack: z.string().regex(/^[a-f0-9]{16}$/).optional(),
  /** The studio's portal or a published page. */
  via: z.enum(['portal', 'published']),
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;
