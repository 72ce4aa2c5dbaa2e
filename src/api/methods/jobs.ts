import { z } from 'zod';
import { defineMethods } from '../define.js';

/** A job's status (src/jobs/registry.ts). */
export const JobStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ done: z.number(), total: z.number(), current: z.string().optional(), etaSeconds: z.number().optional() }),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).optional(),
});

/** Long work: poll progress, cancel. Jobs are started by feature methods (e.g. export.start). */
export const jobMethods = defineMethods({
  'jobs.get': { description: 'Progress and result of a job.', input: z.object({ id: z.string() }).strict(), output: JobStatusSchema },
  'jobs.cancel': { description: 'Cancel a running job.', input: z.object({ id: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
});
