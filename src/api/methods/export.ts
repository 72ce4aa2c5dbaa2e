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
 * What export.start / export.run take: selection, zip on/off, the output folder (default
 * <workspace>/packs), and optionally a queue of render workers (redis://HOST:PORT[/DB]) with
 * object storage for their inputs and outputs (s3://BUCKET/PREFIX, an S3-compatible endpoint;
 * credentials only from the environment). Without storage, workers use the workspace folder.
 */
export const ExportInput = z
  .object({
    ...Selection,
    zip: z.boolean().optional(),
    out: z.string().min(1).optional(),
    queue: z.string().min(1).max(2000).optional(),
    storage: z.string().min(1).max(2000).optional(),
    endpoint: z.string().min(1).max(2000).optional(),
  })
  .strict();

/** What an export did (src/pack/export.ts). */
export const ExportResultSchema = z.object({
  out: z.string(),
  counts: z.object({ rendered: z.number().int(), reused: z.number().int(), failed: z.number().int() }),
  packs: z.array(z.object({ store: z.string(), folder: z.string(), status: z.enum(['written', 'reused', 'failed']), zip: z.string().optional() })),
  failures: z.array(z.object({ key: z.string(), output: z.string(), store: z.string(), post: z.string(), groupType: z.string(), reason: z.string() })),
  empty: z.array(z.object({ store: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
  recovered: z.object({ removedTemp: z.array(z.string()), restored: z.array(z.string()), removedOld: z.array(z.string()) }),
  seconds: z.number(),
  phases: z.object({ compose: z.number(), render: z.number(), write: z.number() }),
  parallelism: z.number(),
});

/** Content packs: plan, export as a job (progress, cancel; result via jobs.get) or synchronously. */
export const exportMethods = defineMethods({
  'export.plan': {
    description: 'What an export would make: stores, variants, posters, videos, QR codes; posts refused by review.',
    input: z.object(Selection).strict(),
    output: z.object({
      stores: z.number().int(),
      variants: z.number().int(),
      posters: z.number().int(),
      videos: z.number().int(),
      qr: z.number().int(),
      posts: z.array(z.string()),
      empty: z.array(z.object({ store: z.string(), reason: z.string() })),
      blocked: z.array(z.object({ post: z.string(), message: z.string() })),
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
