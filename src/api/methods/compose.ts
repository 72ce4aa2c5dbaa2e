import { z } from 'zod';
import { Id, Post } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** One check finding (see src/compose/checks/types.ts and docs/checks.md). */
export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  ruleId: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  section: z.enum(['head', 'waist', 'leg']).optional(),
  channel: z.string().optional(),
  position: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
  excerpt: z.string().optional(),
  field: z.string().optional(),
  post: z.string().optional(),
  group: z.string().optional(),
  store: z.string().optional(),
});

/** One composed variant: group message, text per channel, tracking link, findings. */
export const ComposedVariantSchema = z.object({
  post: z.string(),
  group: z.string(),
  store: z.string(),
  caption: z.string(),
  channels: z.record(z.string(), z.string()),
  link: z.string(),
  findings: z.array(FindingSchema),
  templates: z.record(z.string(), z.string()),
});

const Variant = z.object({ post: Id, group: Id, store: Id }).strict();

/** Compose and check: the text of each variant and the findings the UI lists. */
export const composeMethods = defineMethods({
  'compose.variant': {
    description: 'Compose one variant (post × group type × store): group message, channel texts, tracking link, findings.',
    input: Variant,
    output: ComposedVariantSchema,
  },
  'compose.list': {
    description: 'Every variant of a post (or of all posts that are not archived), optionally only one group type or store.',
    input: z.object({ post: Id.optional(), group: Id.optional(), store: Id.optional() }).strict(),
    output: z.array(ComposedVariantSchema),
  },
  'compose.preview': {
    description: 'Compose an unsaved post for one group type and store (the editor\'s live preview; fast, nothing is written).',
    input: z.object({ post: Post, group: Id, store: Id }).strict(),
    output: ComposedVariantSchema,
  },
  'compose.templatePreview': {
    description:
      'Render a caption template source (saved or not) for one post, group type and store, as compose would for its channel: the template screen\'s live preview. ' +
      'Template mistakes come back in `error` with their line; nothing is written.',
    input: z
      .object({
        template: z.object({ id: Id, source: z.string().max(200_000) }).strict(),
        post: z.union([Id, Post]),
        group: Id,
        store: Id,
      })
      .strict(),
    output: z.object({
      kind: z.enum(['group', 'moments', 'video']),
      channel: z.string(),
      text: z.string(),
      maxLength: z.number().int(),
      tooLong: z.boolean(),
      error: z.object({ message: z.string(), line: z.number().int().optional(), field: z.string().optional() }).optional(),
    }),
  },
  'check.run': {
    description: 'Run every check on all posts (or one): findings collapsed across variants, with error and warning counts.',
    input: z.object({ post: Id.optional() }).strict(),
    output: z.object({
      findings: z.array(FindingSchema.extend({ variants: z.number().int() })),
      errors: z.number().int(),
      warnings: z.number().int(),
      variants: z.number().int(),
    }),
  },
});
