// Entry of every pack worker thread: registers tsx in this thread (module hooks registered in the
// main thread do not reach workers), then loads the TypeScript worker module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
