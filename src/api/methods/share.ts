import { z } from 'zod';
import { defineMethods } from '../define.js';

const ShareStatus = z.object({ on: z.boolean(), lan: z.boolean(), url: z.string().optional(), port: z.number().int().optional() });

/** The Share switch: serve the staff portal (and review pages) from this studio. */
export const shareMethods = defineMethods({
  'share.status': { description: 'Whether the portal is being shared, and where.', input: z.object({}).strict(), output: ShareStatus },
  'share.set': {
    description: 'Switch portal sharing on or off; LAN sharing only when asked for explicitly.',
    input: z.object({ on: z.boolean(), lan: z.boolean().optional(), port: z.number().int().min(0).max(65535).optional() }).strict(),
    output: ShareStatus,
    mutates: true,
  },
});
