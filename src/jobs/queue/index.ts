/** Past one machine: the export's render stage on BullMQ workers over Redis (see docs/scale.md). */
export { QueueClient } from './client.js';
export { parseRedisUrl } from './connection.js';
export { queueRenderStage, WAITING_FOR_WORKERS, type QueueStageOptions } from './stage.js';
export { startRenderWorker, type RenderWorker, type RenderWorkerOptions } from './worker.js';
