import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dispatch, isMethod } from '../api/dispatcher.js';
import { StudioError, toStudioError } from '../model/index.js';
import { HTTP_STATUS } from './http-status.js';
import type { Services } from '../api/services.js';
import type { Workspace } from '../workspace/types.js';
import { sameSecret } from '../workspace/secrets.js';
import { PackLocator } from '../portal/packs.js';
import { ensureZip } from '../pack/writer.js';

const refuse = (reply: FastifyReply, status: number, err: StudioError) => reply.code(status).header('Connection', 'close').send({ error: err.toJSON() });

/** The studio token of a request: the X-Shequn-Token header or a Bearer authorization (never a cookie: no CSRF). */
function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-shequn-token'];
  return (typeof header === 'string' ? header : undefined) ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const isJson = (type: string | undefined) => !!type && /^application\/json\s*(;|$)/i.test(type.trim());

/**
 * Mounts the contract at POST /api/<method> and the downloads at GET /api/download/… Every request
 * is checked in `onRequest`, before its body is read (the global hook has checked Host): the studio
 * token, then, for calls, a JSON body and, when the browser names one, our own Origin. A request
 * without the token that announces 50 MB is answered 401 at once and its body never read.
 */
export async function registerApiRoutes(app: FastifyInstance, opts: { ws: Workspace; services: Services; token: string }): Promise<void> {
  await app.register(async (api) => {
    api.addHook('onRequest', async (req, reply) => {
      if (!sameSecret(tokenOf(req), opts.token)) {
        return refuse(reply, 401, new StudioError('unauthorized', 'missing or wrong studio token (use the address printed when the server started)'));
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host}`) {
        return refuse(reply, 403, new StudioError('forbidden', `calls from another site are refused (Origin ${origin})`));
      }
      if (req.method === 'POST' && !isJson(req.headers['content-type'])) {
        return refuse(reply, 415, new StudioError('bad_input', `the API takes application/json bodies only (got ${req.headers['content-type'] ?? 'none'})`, 'content-type'));
      }
    });

    api.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
      const { method } = req.params;
      if (!isMethod(method)) return reply.code(404).send({ error: new StudioError('not_found', `unknown method "${method}"`).toJSON() });
      try {
        // Acting as a named user (`as`) needs that user's own key, in its own header.
        const key = req.headers['x-shequn-user-key'];
        const userKey = typeof key === 'string' && key ? key : undefined;
        const result = await dispatch(method, req.body ?? {}, { ws: opts.ws, services: opts.services, user: { id: 'studio', role: 'editor' }, userKey });
        return reply.send({ result });
      } catch (err) {
        const apiErr = toStudioError(err);
        return reply.code(HTTP_STATUS[apiErr.code]).send({ error: apiErr.toJSON() });
      }
    });

    api.get('/api/contract', async (_req, reply) => {
      const { methodNames } = await import('../api/contract.js');
      return reply.send({ methods: methodNames });
    });

    // A store's current pack as a zip (web mode has no folder to open): the zip export writes next to
    // the pack, made now if the export did not; behind the same token, Host and Origin checks as every call.
    api.get<{ Params: { store: string } }>('/api/download/pack/:store', async (req, reply) => {
      const store = opts.ws.data().stores.find((s) => s.id === req.params.store);
      if (!store) return reply.code(404).send({ error: new StudioError('not_found', `no store "${req.params.store}"`, 'store').toJSON() });
      const pack = await new PackLocator(opts.ws.paths.packs).find(store);
      if (!pack) return reply.code(404).send({ error: new StudioError('not_found', `store "${store.id}" has no pack yet: export it first`, 'store').toJSON() });
      try {
        await ensureZip(opts.ws.paths.packs, pack.folder);
      } catch (err) {
        const apiErr = toStudioError(err);
        return reply.code(HTTP_STATUS[apiErr.code]).send({ error: apiErr.toJSON() });
      }
      const zip = join(opts.ws.paths.packs, `${pack.folder}.zip`);
      return reply
        .header('Content-Disposition', `attachment; filename="pack.zip"; filename*=UTF-8''${encodeURIComponent(pack.folder)}.zip`)
        .header('Cache-Control', 'no-store')
        .header('Content-Length', String((await stat(zip)).size))
        .type('application/zip')
        .send(createReadStream(zip));
    });

    // Downloads the server serves itself (no method writes a file a caller names).
    api.get('/api/download/stores.csv', async (_req, reply) => {
      const out = await dispatch('stores.exportCsvData', {}, { ws: opts.ws, services: opts.services, user: { id: 'studio', role: 'editor' } });
      return reply
        .header('Content-Disposition', `attachment; filename="${out.name}"`)
        .header('Cache-Control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(Buffer.from(out.base64, 'base64'));
    });
  });
}
