import { createHash, timingSafeEqual } from 'node:crypto';
import { findStore } from '../model/index.js';
import type { PortalToken, StudioData } from '../model/index.js';
import { newToken } from '../workspace/secrets.js';
import type { Workspace } from '../workspace/types.js';

/** Store portal tokens: 24 base64url characters = 144 random bits. */
export const TOKEN_BYTES = 18;
/** What a token in a URL may look like (anything else is a bad token without a lookup). */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The store's current (not revoked) portal token, if any. */
export function activeToken(data: StudioData, store: string): PortalToken | undefined {
  return data.portal.tokens.find((t) => t.store === store && !t.revoked);
}

/**
 * The store a token belongs to, or undefined. Every active token is compared, in constant time
 * over equal-length digests and without stopping at a match, so timing says nothing about tokens.
 */
export function storeForToken(data: StudioData, token: string): string | undefined {
  const given = digest(token);
  let found: string | undefined;
  for (const t of data.portal.tokens) {
    const same = timingSafeEqual(given, digest(t.token));
    if (same && !t.revoked && found === undefined) found = t.store;
  }
  return found;
}

/** Issues tokens to the given stores that never had one (revoked stores stay revoked). Mutates data. */
export function ensureTokens(data: StudioData, stores: readonly string[], now = new Date().toISOString()): number {
  let added = 0;
  for (const store of stores) {
    if (data.portal.tokens.some((t) => t.store === store)) continue;
    data.portal.tokens.push({ store, token: newToken(TOKEN_BYTES), createdAt: now, revoked: false });
    added++;
  }
  return added;
}

/** Replaces a store's token with a new one: the old link stops working at once. Mutates data. */
export function rotateToken(data: StudioData, store: string, now = new Date().toISOString()): PortalToken {
  findStore(data, store);
  data.portal.tokens = data.portal.tokens.filter((t) => t.store !== store);
  const fresh = { store, token: newToken(TOKEN_BYTES), createdAt: now, revoked: false };
  data.portal.tokens.push(fresh);
  return fresh;
}

/** Revokes a store's link (no new one until rotated). Mutates data; returns how many were revoked. */
export function revokeToken(data: StudioData, store: string): number {
  findStore(data, store);
  let n = 0;
  for (const t of data.portal.tokens) {
    if (t.store === store && !t.revoked) {
      t.revoked = true;
      n++;
    }
  }
  return n;
}

/**
 * Issues tokens to active stores that never had one (revoked ones stay revoked), when the workspace
 * is writable: called on import, on saving a store, at serve start and when links are listed, so a
 * listing made while another process holds the workspace is still complete.
 */
export async function issueMissingTokens(ws: Workspace): Promise<number> {
  if (ws.readOnly) return 0;
  const data = ws.data();
  const missing = data.stores.filter((s) => s.active && !data.portal.tokens.some((t) => t.store === s.id)).map((s) => s.id);
  if (!missing.length) return 0;
  return ws.update((d) => ensureTokens(d, missing));
}
