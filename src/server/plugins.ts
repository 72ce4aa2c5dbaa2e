import { portalPlugin } from './portal/plugin.js';
import type { ServerPlugin } from './types.js';
import { registerReviewPages } from './review-pages.js';

export type { ServerPlugin };

/** Every feature plugin mounted by src/server/app.ts, in order. */
export const serverPlugins: ServerPlugin[] = [
  portalPlugin,
  (app, { ws, services }) => registerReviewPages(app, { getSession: () => ({ ws, services }) }),
];
