import { StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
import type { jobMethods } from '../methods/jobs.js';

export const jobHandlers: HandlersFor<typeof jobMethods> = {
  'jobs.get': ({ id }, { services }) => {
    const job = services.jobs.get(id);
    if (!job) throw new StudioError('not_found', `job "${id}" not found`, 'id');
    return job;
  },
  'jobs.cancel': ({ id }, { services }) => ({ cancelled: services.jobs.cancel(id) }),
};
