import { z } from 'zod';
import { Id, Post } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** Everyday tools (issue 17): duplicate a post, change many stores at once. */
export const toolMethods = defineMethods({
  'posts.duplicate': {
    description: 'A copy of a post as a new draft (new id, title marked as a copy, same parts, product, dates, group types and template pins).',
    input: z.object({ id: Id, title: z.string().trim().min(1).max(120).optional() }).strict(),
    output: Post,
    mutates: true,
  },
  'stores.bulkUpdate': {
    description: 'Change many stores at once: switch them on or off for exports, and set, add or remove group types. Unknown ids or group types are refused and nothing changes.',
    input: z
      .object({
        ids: z.array(Id).min(1).max(50_000),
        active: z.boolean().optional(),
        groupTypes: z.object({ mode: z.enum(['set', 'add', 'remove']), ids: z.array(Id).max(200) }).strict().optional(),
      })
      .strict()
      .refine((i) => i.active !== undefined || i.groupTypes !== undefined, 'say what to change: active and/or groupTypes'),
    output: z.object({ updated: z.number().int(), unchanged: z.number().int() }),
    mutates: true,
  },
});
