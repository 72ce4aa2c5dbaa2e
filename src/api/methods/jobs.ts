import { z } from 'zod';
import { JobStatusBase } from '../../model/index.js';
import { defineMethods } from '../define.js';
import { ExportResultSchema } from './export.js';
import { RenderedVideoSchema } from './video.js';
import { PublishResultSchema } from './publish.js';
import { VideoPreviewResult } from './previews.js';
import { ResultsImportSchema } from './results.js';

/** The result each kind of job resolves to (what jobs.get returns once it is done). */
export const JobResults = {
  export: ExportResultSchema,
  video: z.object({ videos: z.array(RenderedVideoSchema) }),
  publish: PublishResultSchema,
  videoPreview: VideoPreviewResult,
  resultsImport: ResultsImportSchema,
};

/** The kinds of jobs and their results, as types (the services' job registry is typed by this). */
export type JobKinds = { [K in keyof typeof JobResults]: z.input<(typeof JobResults)[K]> };

/** A job's status (src/jobs/registry.ts), its result typed by its kind. */
export const JobStatusSchema = z.discriminatedUnion('kind', [
  JobStatusBase.extend({ kind: z.literal('export'), result: JobResults.export.optional() }),
  JobStatusBase.extend({ kind: z.literal('video'), result: JobResults.video.optional() }),
  JobStatusBase.extend({ kind: z.literal('publish'), result: JobResults.publish.optional() }),
  JobStatusBase.extend({ kind: z.literal('videoPreview'), result: JobResults.videoPreview.optional() }),
  JobStatusBase.extend({ kind: z.literal('resultsImport'), result: JobResults.resultsImport.optional() }),
]);

/** Long work: poll progress, cancel. Jobs are started by feature methods (e.g. export.start). */
export const jobMethods = defineMethods({
  'jobs.get': { description: 'Progress and result of a job (the result typed by the job\'s kind).', input: z.object({ id: z.string() }).strict(), output: JobStatusSchema },
  'jobs.cancel': { description: 'Cancel a running job.', input: z.object({ id: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
});
