import { z } from 'zod';
import { JOB_STATES } from './vocabulary.js';
import { STUDIO_ERROR_KINDS } from './errors.js';

/** Progress of long work as it travels: done of total, the current item, ETA in seconds. */
export const ProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  /** What is being done now, in English (the CLI prints it). */
  current: z.string().optional(),
  /** `current` as a coded message (src/model/messages/progress.ts): shells show it in their user's language. */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  etaSeconds: z.number().optional(),
});

/** The states of a job. */
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/** A job's status without its result (each kind adds its typed result in the contract). */
export const JobStatusBase = z.object({
  id: z.string(),
  kind: z.string(),
  state: JobState,
  progress: ProgressSchema,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.object({ code: z.enum(STUDIO_ERROR_KINDS), message: z.string(), field: z.string().optional(), details: z.unknown().optional() }).optional(),
});

/** The one definition of a job's status; `R` is the result its kind resolves to. */
export type JobStatus<K extends string = string, R = unknown> = Omit<z.infer<typeof JobStatusBase>, 'kind'> & { kind: K; result?: R };

/** The status of any job of a registry whose kinds map to results `Kinds`: a union discriminated by `kind`. */
export type JobStatusOf<Kinds> = { [K in keyof Kinds & string]: JobStatus<K, Kinds[K]> }[keyof Kinds & string];
