import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dispatch } from '../api/dispatcher.js';
import { toStudioError, findTemplate, findVersion } from '../model/index.js';
import { HTTP_STATUS } from './http-status.js';
import { Id } from '../model/index.js';
import { submission } from '../review/machine.js';
import { proofFiles, type ProofInfo } from '../review/proof-files.js';
import type { Services, Session } from '../api/services.js';
import type { Workspace } from '../workspace/types.js';
import { queuePage, refusalPage, versionPage } from './review-html.js';
import { newToken } from '../workspace/secrets.js';
import { badTokenGuard } from './portal/rate-limit.js';
import { readCookie, ReviewSessions, secretEquals, SESSION_COOKIE, sessionCookie, type ReviewSession } from './review-session.js';

/** Options of the review pages. */
export interface ReviewPagesOptions {
  /** The open workspace with its services (a getter: the desktop app may switch workspaces). */
  getSession: () => Session | Promise<Session>;
  /** This server's own origin(s), e.g. "http://127.0.0.1:4173"; default: the request's scheme and (already checked) Host. */
  origin?: string | string[];
}

const CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The manager token of the review pages: data.portal.managerToken, created when absent (needs a writable workspace). */
export async function ensureManagerToken(ws: Workspace): Promise<string | undefined> {
  const existing = ws.data().portal.managerToken;
  if (existing || ws.readOnly) return existing;
  return ws.update((d) => (d.portal.managerToken ??= newToken(24)));
}

type Params = { template: string; version: string };

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('Content-Security-Policy', CSP).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function tooManyPage(reply: FastifyReply, seconds: number): FastifyReply {
  return html(reply.header('Retry-After', String(seconds)), 429, refusalPage('429', `too many wrong tokens from this address; try again in ${seconds} s`));
}

function forbidden(reply: FastifyReply, why: string): FastifyReply {
  return html(reply, 403, refusalPage('403', why));
}

function parseTarget(p: Params): { template: string; version: number } | undefined {
  if (!Id.safeParse(p.template).success || !/^[1-9][0-9]{0,8}$/.test(p.version)) return undefined;
  return { template: p.template, version: Number(p.version) };
}

/**
 * Server-rendered review pages for brand managers: GET /review (queue), GET /review/:template/:version
 * (proof sheet, comparison, diff, form) and POST …/approve | …/reject. Access needs the manager token
 * (?token=… once → HttpOnly SameSite=Strict session cookie); a POST also needs the session's CSRF token
 * and an Origin equal to this server's. Anything else is a 403 and changes nothing.
 */
export async function registerReviewPages(app: FastifyInstance, opts: ReviewPagesOptions): Promise<void> {
  await ensureManagerToken((await opts.getSession()).ws);
  const sessions = new ReviewSessions();

  await app.register(async (scope) => {
    // Bad manager tokens are limited like the portal's store tokens (429 with Retry-After), checked
    // before anything else so a guesser learns nothing while blocked.
    const tokenOf = (req: FastifyRequest) => {
      const t = (req.query as Record<string, unknown> | undefined)?.token;
      return typeof t === 'string' ? t : '';
    };
    const guard = await badTokenGuard(scope, tokenOf);
    scope.addHook('onRequest', async (req, reply) => {
      const given = (req.query as Record<string, unknown> | undefined)?.token;
      if (typeof given !== 'string') return;
      const wait = await guard.blocked(req);
      if (wait) return tooManyPage(reply, wait);
      const { ws } = await opts.getSession();
      if (secretEquals(given, ws.data().portal.managerToken)) return;
      const after = await guard.fail(req);
      if (after) return tooManyPage(reply, after);
    });
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
    }

    /** The session of this request, opening one when a valid ?token= is given; undefined → refused. */
    async function session(req: FastifyRequest, reply: FastifyReply): Promise<{ ws: Workspace; services: Services; s?: ReviewSession; redirect?: boolean }> {
      const { ws, services } = await opts.getSession();
      const current = ws.data().portal.managerToken;
      const given = (req.query as Record<string, unknown> | undefined)?.token;
      if (typeof given === 'string') {
        if (!secretEquals(given, current)) return { ws, services };
        const s = sessions.open(current!);
        reply.header('Set-Cookie', sessionCookie(s.id, req.protocol === 'https'));
        return { ws, services, s, redirect: true };
      }
      return { ws, services, s: sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE), current) };
    }

    const NEED_TOKEN = 'These pages need the brand manager token (open the review link with ?token=…). Store tokens do not open them.';

    scope.get('/review', async (req, reply) => {
      const { ws, services, s, redirect } = await session(req, reply);
      if (!s) return forbidden(reply, NEED_TOKEN);
      if (redirect) return reply.code(303).header('Location', '/review').send();
      const items = await dispatch('review.list', {}, { ws, services });
      return html(reply, 200, queuePage(items));
    });

    async function showVersion(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, message?: { ok: boolean; text: string }, status = 200): Promise<FastifyReply> {
      const { ws, services, s, redirect } = await session(req, reply);
      if (!s) return forbidden(reply, NEED_TOKEN);
      const target = parseTarget(req.params);
      if (redirect && target) return reply.code(303).header('Location', `/review/${encodeURIComponent(target.template)}/${target.version}`).send();
      if (!target) return html(reply, 404, refusalPage('404', 'no such template version'));
      const data = ws.data();
      let view;
      try {
        const t = findTemplate(data, target.template);
        const v = findVersion(t, target.version);
        view = { template: t, version: v, submitter: submission(v)?.by, managers: data.users.filter((u) => u.role === 'manager'), csrf: s.csrf, message };
      } catch (err) {
        return html(reply, 404, refusalPage('404', toStudioError(err).message));
      }
      // Proofs can take a while on a busy machine: render in the background and let the page reload itself.
      let proof: ProofInfo | undefined;
      let proofError: string | undefined;
      let proofPending: { done: number; total: number } | undefined;
      const st = await services.proofs.status(target.template, target.version);
      if (st.state === 'ready') proof = st.info;
      else if (st.state === 'failed') proofError = st.message;
      else if (st.state === 'rendering') proofPending = { done: st.done, total: st.total };
      else if (ws.readOnly) proofError = 'the workspace is open read-only, so the proof cannot be rendered now';
      else {
        services.proofs.start(target.template, target.version);
        proofPending = { done: 0, total: 0 };
      }
      return html(reply, status, versionPage({ ...view, proof, proofError, proofPending }));
    }

    scope.get<{ Params: Params }>('/review/:template/:version', (req, reply) => showVersion(req, reply));

    for (const which of ['sheet', 'compare'] as const) {
      scope.get<{ Params: Params }>(`/review/:template/:version/${which}.jpg`, async (req, reply) => {
        const { ws, s } = await session(req, reply);
        if (!s) return forbidden(reply, NEED_TOKEN);
        const target = parseTarget(req.params);
        if (!target) return reply.code(404).send();
        try {
          const bytes = await readFile(proofFiles(ws.dir, target.template, target.version)[which]);
          return reply.header('Cache-Control', 'no-store').type('image/jpeg').send(bytes);
        } catch {
          return reply.code(404).type('text/plain; charset=utf-8').send('not rendered');
        }
      });
    }

    for (const act of ['approve', 'reject'] as const) {
      scope.post<{ Params: Params }>(`/review/:template/:version/${act}`, async (req, reply) => {
        const { ws, services } = await opts.getSession();
        const s = sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE), ws.data().portal.managerToken);
        if (!s) return forbidden(reply, NEED_TOKEN);
        const allowed = opts.origin ? [opts.origin].flat() : [`${req.protocol}://${req.headers.host}`];
        const origin = req.headers.origin;
        if (!origin || !allowed.includes(origin)) return forbidden(reply, `refused: the request did not come from this server's own page (Origin ${origin ?? 'missing'})`);
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (typeof body.csrf !== 'string' || !secretEquals(body.csrf, s.csrf)) return forbidden(reply, 'refused: missing or wrong form token (reload the page and try again)');
        const target = parseTarget(req.params);
        if (!target) return html(reply, 404, refusalPage('404', 'no such template version'));
        const as = typeof body.as === 'string' ? body.as : undefined;
        const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment : undefined;
        try {
          const out = await dispatch(act === 'approve' ? 'review.approve' : 'review.reject', { ...target, as, comment }, { ws, services });
          return reply.code(303).header('Location', `/review/${encodeURIComponent(out.template)}/${out.version}`).send();
        } catch (err) {
          const e = toStudioError(err);
          return showVersion(req, reply, { ok: false, text: e.message }, HTTP_STATUS[e.code]);
        }
      });
    }
  });
}
