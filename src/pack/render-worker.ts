import { createRenderHandler, type RenderDone, type RenderInit, type RenderTask } from './render-task.js';
import { serveWorker } from './worker-host.js';

// A poster render worker thread (see WorkerPool and render-stage.ts).
serveWorker<RenderInit, RenderTask, RenderDone>(createRenderHandler);
