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
import { loginPage, queuePage, refusalPage, versionPage, type PageVoice, type Viewer } from './review-html.js';
import { reviewLang } from './review-text.js';
import { newToken } from '../workspace/secrets.js';
import { keyHashOf, keyMatches } from '../review/keys.js';
import type { StudioData } from '../model/index.js';
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

/** Where to go after signing in: a review page of this server only (never another site). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/review(\/[A-Za-z0-9_\-/]*)?$/.test(next) && !next.includes('//') ? next : '/review';
}

/**
 * Whether a session still stands: one opened with the manager link while that link is current; a
 * signed-in one while its user is still a manager whose key is the one they signed in with.
 */
function stillValid(data: StudioData): (s: ReviewSession) => boolean {
  return (s) => {
    if (s.user) return data.users.some((u) => u.id === s.user && u.role === 'manager') && keyHashOf(data, s.user) === s.keyHash;
    return secretEquals(s.token, data.portal.managerToken);
  };
}

/** The header's view of a session: the signed-in manager, or someone who only has the link. */
/** How pages answer this request: the browser's language, the workspace's people by name. */
function voiceOf(req: FastifyRequest, data?: StudioData): PageVoice {
  return { lang: reviewLang(req.headers['accept-language']), ...(data ? { names: new Map(data.users.map((u) => [u.id, u.name || u.id])) } : {}) };
}

function viewerOf(data: StudioData, s: ReviewSession, next?: string): Viewer {
  const u = s.user ? data.users.find((x) => x.id === s.user) : undefined;
  return u ? { user: { id: u.id, name: u.name }, csrf: s.csrf } : { next };
}

/**
 * Server-rendered review pages for brand managers: GET /review (queue), GET /review/:template/:version
 * (proof sheet, comparison, diff, form), POST …/approve | …/reject, and /review/login, /review/logout.
 * Looking needs the manager link (?token=… once) or a sign-in; approving or requesting changes needs a
 * manager signed in with their own id and personal key (an HttpOnly SameSite=Strict session cookie),
 * the session's CSRF token and an Origin equal to this server's. Anything else is a 403 and changes
 * nothing; the audit log names the signed-in manager.
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

    const current = (req: FastifyRequest, data: StudioData): ReviewSession | undefined => sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE), stillValid(data));

    /** The session of this request, opening one when a valid ?token= is given (a signed-in one is kept); undefined → refused. */
    async function session(req: FastifyRequest, reply: FastifyReply): Promise<{ ws: Workspace; services: Services; s?: ReviewSession; redirect?: boolean }> {
      const { ws, services } = await opts.getSession();
      const data = ws.data();
      const given = (req.query as Record<string, unknown> | undefined)?.token;
      const existing = current(req, data);
      if (typeof given === 'string') {
        if (!secretEquals(given, data.portal.managerToken)) return { ws, services };
        if (existing) return { ws, services, s: existing, redirect: true };
        const s = sessions.open({ token: data.portal.managerToken! });
        reply.header('Set-Cookie', sessionCookie(s.id, req.protocol === 'https'));
        return { ws, services, s, redirect: true };
      }
      return { ws, services, s: existing };
    }

    /** True when a POST comes from this server's own page (its Origin header). */
    const fromOwnPage = (req: FastifyRequest): boolean => {
      const allowed = opts.origin ? [opts.origin].flat() : [`${req.protocol}://${req.headers.host}`];
      return !!req.headers.origin && allowed.includes(req.headers.origin);
    };
    const foreign = (req: FastifyRequest) => `refused: the request did not come from this server's own page (Origin ${req.headers.origin ?? 'missing'})`;

    const NEED_TOKEN = 'These pages need the brand manager link (open it with ?token=…) or a manager sign-in (/review/login). Store tokens do not open them.';

    scope.get('/review/login', async (req, reply) => {
      const { ws } = await opts.getSession();
      const next = safeNext((req.query as Record<string, unknown> | undefined)?.next);
      if (current(req, ws.data())?.user) return reply.code(303).header('Location', next).send();
      return html(reply, 200, loginPage({ next }, voiceOf(req)));
    });

    scope.post('/review/login', async (req, reply) => {
      const { ws } = await opts.getSession();
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      if (!fromOwnPage(req)) return forbidden(reply, foreign(req));
      const id = typeof body.id === 'string' ? body.id.trim() : '';
      const key = typeof body.key === 'string' ? body.key : '';
      const data = ws.data();
      const user = data.users.find((u) => u.id === id);
      // One answer for an unknown id and a wrong key: the page does not say which ids exist.
      if (!user || !keyMatches(data, user.id, key)) return html(reply, 403, loginPage({ next, id, message: '账号或密钥不对 · wrong user id or key (nothing was changed)' }, voiceOf(req)));
      if (user.role !== 'manager') return html(reply, 403, loginPage({ next, id, message: `「${user.id}」是${user.role}，只有品牌经理在这里登录 · "${user.id}" is ${user.role === 'editor' ? 'an' : 'a'} ${user.role}: only brand managers sign in here` }, voiceOf(req)));
      const old = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (old) sessions.close(old);
      const s = sessions.open({ user: user.id, keyHash: keyHashOf(data, user.id)! });
      return reply.code(303).header('Set-Cookie', sessionCookie(s.id, req.protocol === 'https')).header('Location', next).send();
    });

    scope.post('/review/logout', async (req, reply) => {
      const { ws } = await opts.getSession();
      const s = current(req, ws.data());
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!s) return reply.code(303).header('Location', '/review/login').send();
      if (!fromOwnPage(req)) return forbidden(reply, foreign(req));
      if (typeof body.csrf !== 'string' || !secretEquals(body.csrf, s.csrf)) return forbidden(reply, 'refused: missing or wrong form token (reload the page and try again)');
      sessions.close(s.id);
      return reply.code(303).header('Set-Cookie', sessionCookie('', req.protocol === 'https')).header('Location', '/review/login').send();
    });

    scope.get('/review', async (req, reply) => {
      const { ws, services, s, redirect } = await session(req, reply);
      if (!s) return forbidden(reply, NEED_TOKEN);
      if (redirect) return reply.code(303).header('Location', '/review').send();
      const items = await dispatch('review.list', {}, { ws, services });
      return html(reply, 200, queuePage(items, viewerOf(ws.data(), s, '/review'), voiceOf(req, ws.data())));
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
        const here = `/review/${encodeURIComponent(t.id)}/${v.version}`;
        view = { template: t, version: v, submitter: submission(v)?.by, viewer: viewerOf(data, s, here), message, voice: voiceOf(req, data) };
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
        const s = current(req, ws.data());
        if (!s) return forbidden(reply, NEED_TOKEN);
        if (!fromOwnPage(req)) return forbidden(reply, foreign(req));
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (typeof body.csrf !== 'string' || !secretEquals(body.csrf, s.csrf)) return forbidden(reply, 'refused: missing or wrong form token (reload the page and try again)');
        // The shared link only lets one look: acting needs the manager's own sign-in.
        if (!s.user) return forbidden(reply, 'refused: approving or requesting changes needs a brand manager signed in with their own id and key (/review/login); the shared link alone cannot');
        const target = parseTarget(req.params);
        if (!target) return html(reply, 404, refusalPage('404', 'no such template version'));
        const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment : undefined;
        try {
          // The signed-in manager acts; a name in the form (`as`) is not asked for and not trusted.
          const out = await dispatch(act === 'approve' ? 'review.approve' : 'review.reject', { ...target, comment }, { ws, services, signedIn: s.user });
          return reply.code(303).header('Location', `/review/${encodeURIComponent(out.template)}/${out.version}`).send();
        } catch (err) {
          const e = toStudioError(err);
          return showVersion(req, reply, { ok: false, text: e.message }, HTTP_STATUS[e.code]);
        }
      });
    }
  });
}
