import type { FastifyInstance } from 'fastify';
import type { Services } from '../api/services.js';
import type { Workspace } from '../workspace/types.js';

/** Options of the studio's HTTP server. */
export interface ServerOptions {
  ws: Workspace;
  /** The workspace's services; when omitted the server builds its own (and closes them when it closes). */
  services?: Services;
  /** Bind address; 127.0.0.1 unless LAN sharing is switched on explicitly. */
  host?: string;
  port?: number;
  /** The studio token API calls need; generated when absent. */
  token?: string;
  /** Serve to the LAN (binds 0.0.0.0 and accepts the machine's LAN addresses as Host). */
  lan?: boolean;
  /** Serve only the staff portal and the activity beacon (`shequn serve --portal-only` on a public host): no API, UI or review pages. */
  portalOnly?: boolean;
  /** Folder of the built renderer (web mode); omitted → no UI, API only. */
  rendererDir?: string;
  logger?: boolean;
}

/** A running studio server. */
export interface StudioServer {
  app: FastifyInstance;
  url: string;
  token: string;
  /** The address to open in a browser: the UI with the token in the fragment (never sent to servers or logs). */
  openUrl: string;
  close(): Promise<void>;
}

/** A feature's routes on the studio server (portal, review pages...). Register yours in `serverPlugins`. */
export type ServerPlugin = (app: FastifyInstance, opts: { ws: Workspace; services: Services; token: string }) => Promise<void> | void;
