import { jobsFor } from '../../jobs/index.js';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../handler.js';
import type { jobMethods } from '../methods/jobs.js';

export const jobHandlers: HandlersFor<typeof jobMethods> = {
  'jobs.get': ({ id }, { ws }) => {
    const job = jobsFor(ws).get(id);
    if (!job) throw new ApiError('not_found', `job "${id}" not found`, 'id');
    return job;
  },
  'jobs.cancel': ({ id }, { ws }) => ({ cancelled: jobsFor(ws).cancel(id) }),
};
