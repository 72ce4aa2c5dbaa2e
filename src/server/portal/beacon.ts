import type { FastifyInstance, FastifyRequest } from 'fastify';
import { activityDir, ActivityLog, parseBeacon } from '../../portal/activity.js';
import type { PackLocator } from '../../portal/packs.js';
import { storeForToken, TOKEN_SHAPE } from '../../portal/tokens.js';
import type { Workspace } from '../../workspace/types.js';
import { notFound, tooMany } from './pages.js';
import type { BadTokenGuard } from './rate-limit.js';

/**
 * `POST /a/<store token>`: the activity beacon of a store's pack page (the portal's own page, or a
 * published page when this server is its collector). The same token rules as `/p/`: a wrong
 * token gets the portal's one 404 and counts toward the address's bad-token limit. The store is
 * the token's; the body says only what happened (opened, downloaded, copied) and to which pack
 * file. Nothing about the person is stored. Answers 204 and reads nothing back, so a beacon from
 * another origin (a published page) needs no CORS.
 */
export function registerBeacon(app: FastifyInstance, deps: { ws: Workspace; guard: BadTokenGuard; packs: PackLocator; log?: ActivityLog }): void {
  const log = deps.log ?? new ActivityLog(activityDir(deps.ws.dir));
  app.post('/a/:token', { bodyLimit: 2048 }, async (req: FastifyRequest<{ Params: { token: string } }>, reply) => {
    const wait = await deps.guard.blocked(req);
    if (wait) return tooMany(reply, wait);
    const data = deps.ws.data();
    const token = req.params.token;
    const storeId = TOKEN_SHAPE.test(token) ? storeForToken(data, token) : undefined;
    const store = storeId ? data.stores.find((s) => s.id === storeId) : undefined;
    if (!store) {
      const after = await deps.guard.fail(req);
      return after ? tooMany(reply, after) : notFound(reply);
    }
    // Paths are checked against the store's pack where this server has it (a collector on a
    // public host may have none: then any short, plain path is taken).
    const pack = await deps.packs.find(store);
    const known = pack ? new Set(pack.manifest.files.map((f) => f.path)) : undefined;
    const report = parseBeacon(req.body, known);
    if (!report) return reply.code(400).header('Cache-Control', 'no-store').send();
    await log.record(store.id, report);
    return reply.code(204).header('Cache-Control', 'no-store').send();
  });
}
