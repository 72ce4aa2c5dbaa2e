import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How many bad tokens are tolerated per window: per client address + token prefix, and per address overall. */
export interface BadTokenLimits {
  /** Bad tokens one address may send with one token prefix (a stale link reloaded, a guesser on one prefix). */
  perToken: number;
  /** Bad tokens one address may send in all (a guesser rotating tokens); high, so a NAT of stores is never locked out by one of them. */
  perAddress: number;
  windowMs: number;
}

/** The portal's and review pages' defaults. */
export const BAD_TOKEN_LIMITS: BadTokenLimits = { perToken: 20, perAddress: 200, windowMs: 60_000 };

/** Characters of a token that key its bucket: distinct stores' tokens (random) fall in distinct buckets. */
const PREFIX = 6;

/** Checks and records bad tokens of one scope; both answer the seconds to wait (0: go on). */
export interface BadTokenGuard {
  /** Before looking the token up: is this address + prefix (or this address) blocked now? Counts nothing. */
  blocked(req: FastifyRequest): Promise<number>;
  /** After a bad token: records it, and answers whether the caller is blocked now. */
  fail(req: FastifyRequest): Promise<number>;
}

/**
 * Limits repeated bad tokens with @fastify/rate-limit, counting failures only (a peek before the
 * lookup, an increment after a miss). Keyed by client address + the token's first characters, so
 * stores behind one NAT — each with its own token — never lock each other out; plus a per-address
 * ceiling for a guesser that rotates tokens. While blocked, every token of that bucket gets 429, so a
 * guesser cannot tell a hit from a miss. Register it inside the scope whose routes it guards.
 */
export async function badTokenGuard(scope: FastifyInstance, tokenOf: (req: FastifyRequest) => string, limits: BadTokenLimits = BAD_TOKEN_LIMITS): Promise<BadTokenGuard> {
  await scope.register(rateLimit, { global: false });
  const address = (req: FastifyRequest) => req.ip.replace(/^::ffff:/, '');
  const perToken = scope.createRateLimit({ max: limits.perToken, timeWindow: limits.windowMs, keyGenerator: (req) => `t|${address(req)}|${tokenOf(req).slice(0, PREFIX)}` });
  const perAddress = scope.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `a|${address(req)}` });
  const wait = (states: Awaited<ReturnType<typeof perToken>>[]): number => {
    let seconds = 0;
    for (const s of states) if (!s.isAllowed && s.remaining <= 0) seconds = Math.max(seconds, Math.max(1, s.ttlInSeconds));
    return seconds;
  };
  return {
    blocked: async (req) => wait(await Promise.all([perToken(req, { increment: false }), perAddress(req, { increment: false })])),
    fail: async (req) => wait(await Promise.all([perToken(req), perAddress(req)])),
  };
}
