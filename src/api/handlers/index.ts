import type { Contract } from '../contract.js';
import type { HandlersFor } from '../handler.js';
import { assetHandlers } from './assets.js';
import { composeHandlers } from './compose.js';
import { entityHandlers } from './entities.js';
import { exportHandlers } from './export.js';
import { jobHandlers } from './jobs.js';
import { shareHandlers } from './share.js';
import { portalHandlers } from './portal.js';
import { reviewHandlers } from './review.js';
import { storesIoHandlers } from './stores-io.js';
import { videoHandlers } from './video.js';
import { renderHandlers } from './render.js';
import { resultsHandlers } from './results.js';
import { planHandlers } from './plan.js';
import { activityHandlers, publishHandlers } from './publish.js';
import { previewHandlers } from './previews.js';
import { toolHandlers } from './tools.js';

/** Every method's implementation; the type forces one handler per contract method. */
export const handlers: HandlersFor<Contract> = {
  ...entityHandlers,
  ...composeHandlers,
  ...assetHandlers,
  ...jobHandlers,
  ...shareHandlers,
  ...exportHandlers,
  ...portalHandlers,
  ...reviewHandlers,
  ...storesIoHandlers,
  ...videoHandlers,
  ...renderHandlers,
  ...resultsHandlers,
  ...planHandlers,
  ...publishHandlers,
  ...activityHandlers,
  ...previewHandlers,
  ...toolHandlers,
};
