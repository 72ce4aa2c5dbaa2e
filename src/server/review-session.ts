import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in constant time (hashing first, so the length does not leak either). */
export function secretEquals(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * One browser on the review pages: its session id (cookie) and CSRF token (forms). Opened either by
 * the shared manager link (`token`: may look, not act) or by a manager signing in with id and key
 * (`user`, and the hash of the key it was opened with: a new key ends the session).
 */
export interface ReviewSession {
  id: string;
  csrf: string;
  token?: string;
  user?: string;
  keyHash?: string;
  expires: number;
}

/** Name of the session cookie (HttpOnly, SameSite=Strict, Path=/review). */
export const SESSION_COOKIE = 'shequn_review';

const LIFETIME_MS = 12 * 60 * 60 * 1000;
const MAX_SESSIONS = 500;

/** In-memory sessions of the review pages (a server restart signs everyone out, which is fine). */
export class ReviewSessions {
  private readonly sessions = new Map<string, ReviewSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Opens a session: for a browser that presented the manager link (`token`) or a signed-in manager (`user`, `keyHash`). */
  open(by: { token: string } | { user: string; keyHash: string }): ReviewSession {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const s: ReviewSession = { id: randomBytes(24).toString('base64url'), csrf: randomBytes(24).toString('base64url'), ...by, expires: this.now() + LIFETIME_MS };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session for a cookie value that `valid` still accepts (its token or key is current), else undefined. */
  get(id: string | undefined, valid: (s: ReviewSession) => boolean): ReviewSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expires < this.now() || !valid(s)) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  /** Ends a session (sign-out, or replaced by a sign-in). */
  close(id: string): void {
    this.sessions.delete(id);
  }
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The Set-Cookie value of a session cookie (an empty id clears it). */
export function sessionCookie(id: string, secure: boolean): string {
  const clear = id ? '' : '; Max-Age=0';
  return `${SESSION_COOKIE}=${encodeURIComponent(id)}; Path=/review; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}${clear}`;
}
