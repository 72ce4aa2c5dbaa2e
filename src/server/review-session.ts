import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in constant time (hashing first, so the length does not leak either). */
export function secretEquals(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** One signed-in manager browser: its session id (cookie) and CSRF token (forms). */
export interface ReviewSession {
  id: string;
  csrf: string;
  /** The manager token it was opened with: revoking or changing the token ends the session. */
  token: string;
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

  /** Opens a session for a browser that presented the manager token. */
  open(token: string): ReviewSession {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const s: ReviewSession = { id: randomBytes(24).toString('base64url'), csrf: randomBytes(24).toString('base64url'), token, expires: this.now() + LIFETIME_MS };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session for a cookie value whose manager token is still the current one, else undefined. */
  get(id: string | undefined, currentToken: string | undefined): ReviewSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expires < this.now() || !secretEquals(s.token, currentToken)) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
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

/** The Set-Cookie value of a session cookie. */
export function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(id)}; Path=/review; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
