import { z } from 'zod';
import { Id, PosterSize } from '../../model/index.js';
import { defineMethods } from '../define.js';

const Selection = {
  posts: z.array(Id).optional(),
  stores: z.array(Id).optional(),
  sizes: z.array(PosterSize).optional(),
  video: z.boolean().optional(),
};

/**
 * What export.start / export.run take: selection, zip on/off and where packs go: the workspace's
 * packs/ (default), `out` — a folder inside packs/, relative to it —, or `folder` — the one-time
 * grant of a folder the user picked in a shell (the desktop's dialog, the CLI's --out). No path
 * outside the workspace is accepted. Optionally a queue of render workers (redis://HOST:PORT[/DB])
 * with object storage for their inputs and outputs (s3://BUCKET/PREFIX, an S3-compatible endpoint;
 * credentials only from the environment). Without storage, workers use the workspace folder.
 */
export const ExportInput = z
  .object({
    ...Selection,
    zip: z.boolean().optional(),
    out: z.string().min(1).max(255).optional(),
    folder: z.string().min(1).max(200).optional(),
    queue: z.string().min(1).max(2000).optional(),
    storage: z.string().min(1).max(2000).optional(),
    endpoint: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((v) => !(v.out && v.folder), { message: 'give out or folder, not both', path: ['folder'] });

/** A check finding as the export gate reports it (src/pack/gate.ts): rule, field and, for Advertising-Law terms, the term. */
export const GateFindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  field: z.string(),
  term: z.string().optional(),
  section: z.string().optional(),
  channel: z.string().optional(),
  store: z.string().optional(),
  group: z.string().optional(),
  excerpt: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }),
});

/** A post the gate kept out of some or all packs: how many variants, in which stores and group types, and why. */
export const RefusedPostSchema = z.object({
  post: z.string(),
  title: z.string(),
  variants: z.number().int(),
  stores: z.array(z.string()),
  groups: z.array(z.string()),
  findings: z.array(GateFindingSchema),
});

/** What an export did (src/pack/export.ts). */
export const ExportResultSchema = z.object({
  out: z.string(),
  counts: z.object({ rendered: z.number().int(), reused: z.number().int(), failed: z.number().int(), refused: z.number().int() }),
  packs: z.array(z.object({ store: z.string(), folder: z.string(), status: z.enum(['written', 'reused', 'failed']), zip: z.string().optional() })),
  failures: z.array(z.object({ key: z.string(), output: z.string(), store: z.string(), post: z.string(), groupType: z.string(), reason: z.string() })),
  refused: z.array(RefusedPostSchema),
  /** Entries taken out of packs already on disk because this export refused them (the portal no longer hands them out). */
  withdrawn: z.array(z.object({ store: z.string(), folder: z.string(), entries: z.array(z.object({ post: z.string(), group: z.string() })) })).default([]),
  empty: z.array(z.object({ store: z.string(), reason: z.string(), code: z.string().optional() })),
  notes: z.array(z.string()),
  recovered: z.object({ removedTemp: z.array(z.string()), restored: z.array(z.string()), removedOld: z.array(z.string()) }),
  seconds: z.number(),
  phases: z.object({ compose: z.number(), render: z.number(), write: z.number() }),
  parallelism: z.number(),
});

/** Content packs: plan, export as a job (progress, cancel; result via jobs.get) or synchronously. */
export const exportMethods = defineMethods({
  'export.plan': {
    description: 'What an export would make: stores, variants, posters, videos, QR codes; posts the export gate refuses before composing (findings).',
    input: z.object(Selection).strict(),
    output: z.object({
      stores: z.number().int(),
      variants: z.number().int(),
      posters: z.number().int(),
      videos: z.number().int(),
      qr: z.number().int(),
      posts: z.array(z.string()),
      empty: z.array(z.object({ store: z.string(), reason: z.string(), code: z.string().optional() })),
      refused: z.array(RefusedPostSchema),
    }),
  },
  'export.start': {
    description: 'Start exporting one pack per store as a job; poll jobs.get for progress and the result.',
    input: ExportInput,
    output: z.object({ job: z.string() }),
  },
  'export.run': {
    description: 'Export and wait for the result (CLI and tests).',
    input: ExportInput,
    output: ExportResultSchema,
  },
});
