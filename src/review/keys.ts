import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { StudioError } from '../model/index.js';
import type { StudioData, User } from '../model/index.js';
import { appendAudit } from './audit.js';
import { nowIso } from './versions.js';

/** A key as it is shown once: the user it belongs to and the secret itself. */
export interface IssuedKey {
  id: string;
  role: User['role'];
  key: string;
}

// 24 random bytes = 192 bits: far past guessing, so one sha256 (no slow hash) is enough to store it.
const KEY_BYTES = 24;
const PREFIX = 'sqk_';

/** A new personal key: `sqk_` and 192 random bits, URL-safe. */
export function newUserKey(): string {
  return PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** How a key is stored: `sha256:<hex>` of the key's text. */
export function hashUserKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The stored hash of a user's key, or undefined when the user has none yet. */
export function keyHashOf(data: Pick<StudioData, 'userKeys'>, userId: string): string | undefined {
  return data.userKeys.find((k) => k.user === userId)?.hash;
}

/** True when `key` is the user's current key (constant-time compare of the hashes). */
export function keyMatches(data: Pick<StudioData, 'userKeys'>, userId: string, key: string | undefined): boolean {
  const stored = keyHashOf(data, userId);
  if (!stored || typeof key !== 'string' || !key) return false;
  const a = Buffer.from(hashUserKey(key.trim()));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True while no manager has a key: the workspace is still being set up, so its shell may hand out the first keys. */
export function settingUp(data: Pick<StudioData, 'users' | 'userKeys'>): boolean {
  return !data.users.some((u) => u.role === 'manager' && keyHashOf(data, u.id));
}

/**
 * Gives a user a new key (the old one stops working at once), stores only its hash and logs who did
 * it (unless the act that made the user logs it: `log: false`). Mutates `data`; returns the key, to be shown once.
 */
export function issueKey(data: StudioData, userId: string, by: string, at = nowIso(), opts: { log?: boolean } = {}): IssuedKey {
  const user = data.users.find((u) => u.id === userId);
  if (!user) throw new StudioError('not_found', `user "${userId}" not found (known users: ${data.users.map((u) => u.id).join(', ') || 'none'})`, 'id');
  const key = newUserKey();
  data.userKeys = [...data.userKeys.filter((k) => k.user !== userId), { user: userId, hash: hashUserKey(key), createdAt: at }];
  if (opts.log !== false) appendAudit(data, { at, by, action: 'user.key', target: userId, comment: `new key for ${user.role} ${userId}` });
  return { id: user.id, role: user.role, key };
}

/** Issues a key to every user who has none (a new workspace's users: part of creating it, not logged). Mutates `data`. */
export function issueMissingKeys(data: StudioData, at = nowIso()): IssuedKey[] {
  return data.users.filter((u) => !keyHashOf(data, u.id)).map((u) => issueKey(data, u.id, 'setup', at, { log: false }));
}
