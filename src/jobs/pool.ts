import { availableParallelism } from 'node:os';

/** Default concurrency of local work: one task per core. */
export const CORES = Math.max(1, availableParallelism());
