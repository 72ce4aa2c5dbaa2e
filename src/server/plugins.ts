import type { FastifyInstance } from 'fastify';
import type { Workspace } from '../workspace/types.js';
import { portalPlugin } from './portal/plugin.js';
import { registerReviewPages } from './review-pages.js';

/** A feature's routes on the studio server (portal, review pages...). Register yours in `serverPlugins`. */
export type ServerPlugin = (app: FastifyInstance, opts: { ws: Workspace; token: string }) => Promise<void> | void;

/** Every feature plugin mounted by src/server/app.ts, in order. */
export const serverPlugins: ServerPlugin[] = [
  portalPlugin,
  (app, { ws }) => registerReviewPages(app, { ws }),
];
