import { parentPort, workerData } from 'node:worker_threads';
import { loadFonts } from '../text/fonts.js';
import { createLane } from './lane.js';
import type { LaneReply, LaneRequest, WorkerOptions } from './protocol.js';

/** A worker lane of the poster pool: one warm lane, answering each request with its result (bytes transferred, not copied). */
function serve({ fontFiles, ...options }: WorkerOptions): void {
  const port = parentPort;
  if (!port) throw new Error('the poster pool worker must run in a worker thread');
  const lane = createLane(fontFiles ? { ...options, fonts: loadFonts(fontFiles) } : options);
  port.on('message', (req: LaneRequest) => {
    for (const [id, img] of req.newImages) lane.addImage(id, img);
    lane.run(req.task).then(
      (result) => {
        const bytes = result.kind === 'poster' ? result.poster.bytes : result.png;
        const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
        port.postMessage({ id: req.id, ok: true, result } satisfies LaneReply, transfer);
      },
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ id: req.id, ok: false, error: { name: e.name, message: e.message } } satisfies LaneReply);
      },
    );
  });
}

serve((workerData ?? {}) as WorkerOptions);
