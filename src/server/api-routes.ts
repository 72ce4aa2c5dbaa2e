import type { FastifyInstance } from 'fastify';
import { dispatch, isMethod } from '../api/dispatcher.js';
import { StudioError, toStudioError } from '../model/index.js';
import { HTTP_STATUS } from './http-status.js';
import type { Services } from '../api/services.js';
import type { Workspace } from '../workspace/types.js';
import { sameSecret } from '../workspace/secrets.js';

/** Mounts the contract at POST /api/<method>; every call needs the studio token (header, never cookie: no CSRF). */
export function registerApiRoutes(app: FastifyInstance, opts: { ws: Workspace; services: Services; token: string }): void {
  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const given = (req.headers['x-shequn-token'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (!sameSecret(given, opts.token)) {
      const err = new StudioError('unauthorized', 'missing or wrong studio token (use the address printed when the server started)');
      return reply.code(401).send({ error: err.toJSON() });
    }
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
  app.get('/api/contract', async (req, reply) => {
    const given = req.headers['x-shequn-token'] as string | undefined;
    if (!sameSecret(given, opts.token)) return reply.code(401).send({ error: { code: 'unauthorized', message: 'token required' } });
    const { methodNames } = await import('../api/contract.js');
    return reply.send({ methods: methodNames });
  });
}
