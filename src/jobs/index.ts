/** Jobs: long work with progress and cancellation, run in this process (the embedded default). */
export * from './pool.js';
export * from './registry.js';
