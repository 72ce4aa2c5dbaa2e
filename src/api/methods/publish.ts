import { z } from 'zod';
import { Id, IsoDate, PublishTarget } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** Where the access key comes from, and whether one is there (never the key itself). */
const Credentials = z.object({ source: z.enum(['keychain', 'environment']), present: z.boolean() });

/** The publish settings as the studio shows them. */
export const PublishSettingsSchema = z.object({
  target: PublishTarget.optional(),
  /** Where pages are read from (the target's public base, completed). */
  publicBase: z.string().optional(),
  credentials: Credentials,
  notice: z.string().optional(),
});

/** One store in a publish result. */
export const PublishedStoreSchema = z.object({
  store: z.string(),
  storeName: z.string(),
  url: z.string(),
  status: z.enum(['published', 'unchanged', 'skipped']),
  reason: z.string().optional(),
  live: z.boolean().optional(),
  uploaded: z.number().int(),
  skipped: z.number().int(),
  deleted: z.number().int(),
  publishedAt: z.string().optional(),
  packKey: z.string().optional(),
  token: z.string().optional(),
});

/** What a publish did (src/publish/publish.ts). */
export const PublishResultSchema = z.object({
  target: z.string(),
  publicBase: z.string(),
  stores: z.array(PublishedStoreSchema),
  uploaded: z.number().int(),
  skipped: z.number().int(),
  deleted: z.number().int(),
  bytes: z.number().int(),
  removedPaths: z.number().int(),
  notes: z.array(z.string()),
  seconds: z.number(),
});

/** What publish.start / publish.run take: the stores (default all active) and the target (default the saved one). */
export const PublishInput = z.object({ stores: z.array(Id).optional(), target: PublishTarget.optional() }).strict();

/** One store's activity (page opened, files downloaded, captions copied). */
export const StoreActivitySchema = z.object({
  store: z.string(),
  storeName: z.string(),
  lastOpened: z.string().optional(),
  opens: z.number().int(),
  downloads: z.number().int(),
  copies: z.number().int(),
  /** True when the page of the store's newest pack was opened. */
  openedNewest: z.boolean(),
});

/** Publishing packs to S3-compatible storage: settings (no secret ever returned), run as a job, status, unpublish. */
export const publishMethods = defineMethods({
  'publish.settings': {
    description: 'The publish target, its public address and where the access key comes from (never the key).',
    input: z.object({}).strict(),
    output: PublishSettingsSchema,
  },
  'publish.configure': {
    description: 'Save the publish target (null: forget it) and, on the desktop, the access key in the OS keychain (null: forget it).',
    input: z
      .object({
        target: PublishTarget.nullable(),
        credentials: z.object({ accessKeyId: z.string().trim().min(1).max(256), secretAccessKey: z.string().min(1).max(512) }).strict().nullable().optional(),
      })
      .strict(),
    output: PublishSettingsSchema,
    mutates: true,
  },
  'publish.start': {
    description: 'Start publishing the current packs as a job; poll jobs.get for progress and the result.',
    input: PublishInput,
    output: z.object({ job: z.string() }),
  },
  'publish.run': {
    description: 'Publish and wait for the result (CLI and tests).',
    input: PublishInput,
    output: PublishResultSchema,
  },
  'publish.status': {
    description: "Each store's published page (URL, when) and whether it opened the newest pack.",
    input: z.object({}).strict(),
    output: z.object({
      target: z.string().optional(),
      publicBase: z.string().optional(),
      lastRun: z.object({ at: z.string(), uploaded: z.number().int(), skipped: z.number().int(), deleted: z.number().int(), ok: z.boolean() }).optional(),
      stores: z.array(
        StoreActivitySchema.extend({
          /** True when packs/ has a pack of the store (what a publish would publish). */
          packed: z.boolean(),
          url: z.string().optional(),
          publishedAt: z.string().optional(),
          /** True when what is published is the pack now in packs/. */
          current: z.boolean().optional(),
          live: z.boolean().optional(),
        }),
      ),
    }),
  },
  'publish.unpublish': {
    description: "Remove stores' published pages and files (default: every store).",
    input: z.object({ stores: z.array(Id).optional() }).strict(),
    output: z.object({ stores: z.array(z.string()), deleted: z.number().int() }),
  },
});

/** Activity reported by store pages (the portal's and published ones). */
export const activityMethods = defineMethods({
  'activity.list': {
    description: 'Per store: when its pack page was last opened, downloads, copies, and whether it opened the newest pack.',
    input: z.object({ since: IsoDate.optional() }).strict(),
    output: z.object({ since: z.string().optional(), stores: z.array(StoreActivitySchema) }),
  },
});
