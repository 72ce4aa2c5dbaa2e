import { StudioError } from '../model/index.js';
import type { Role, StudioData, User } from '../model/index.js';
import { appendAudit } from './audit.js';
import { issueKey, keyHashOf, keyMatches, settingUp, type IssuedKey } from './keys.js';
import { nowIso } from './versions.js';

/**
 * What a caller proves about who it is. `signedIn`: a workspace user the shell has already
 * verified (a review-page session opened with the user's id and key). `key`: the personal key the
 * caller presented for the user it names with `as` (CLI: SHEQUN_KEY or --key-file; API: the
 * x-shequn-user-key header; desktop: the identity switch).
 */
export interface Caller {
  signedIn?: string;
  key?: string;
}

/** How to present a key, for refusals. */
const HOW = 'set SHEQUN_KEY or pass --key-file FILE (CLI), send the x-shequn-user-key header (API), or enter it in the studio\'s identity switch';

/**
 * Who is acting. A signed-in user acts as themself and may not claim another. Otherwise `as` names
 * the user, and the caller must present that user's own key: without it (or with a wrong one) the
 * act is refused (forbidden), naming the user. The role always comes from the workspace's list.
 */
export function resolveActor(data: StudioData, caller: Caller, as: string | undefined): User {
  const signedIn = caller.signedIn ? data.users.find((u) => u.id === caller.signedIn) : undefined;
  if (caller.signedIn && !signedIn) throw new StudioError('forbidden', `signed in as "${caller.signedIn}", who is no longer a user of this workspace: sign in again`, 'as');
  if (signedIn) {
    if (as !== undefined && as !== signedIn.id) throw new StudioError('forbidden', `signed in as "${signedIn.id}": cannot act as "${as}"`, 'as');
    return signedIn;
  }
  if (!as) throw new StudioError('bad_input', 'who is acting? give the user id (--as USER) and that user\'s key', 'as');
  const user = data.users.find((u) => u.id === as);
  if (!user) {
    const known = data.users.map((u) => `${u.id} (${u.role})`).join(', ') || 'none';
    throw new StudioError('forbidden', `unknown user "${as}" (known users: ${known}); add it with: shequn user add --id ${as} --role editor|manager`, 'as');
  }
  if (!caller.key) {
    const none = keyHashOf(data, user.id) ? '' : ` ("${user.id}" has no key yet: a manager issues one with shequn user key --id ${user.id} --as MANAGER)`;
    throw new StudioError('forbidden', `acting as "${user.id}" needs ${user.id}'s own key: ${HOW}${none}`, 'key');
  }
  if (!keyMatches(data, user.id, caller.key)) throw new StudioError('forbidden', `wrong key for user "${user.id}": nothing was changed (ask a manager for a new key if it was lost)`, 'key');
  return user;
}

const article = (role: string): string => (/^[aeiou]/.test(role) ? 'an' : 'a');

/** Throws forbidden unless the user has one of `roles`; `what` names the act ("approve template x v2"). */
export function requireRole(user: User, roles: readonly Role[], what: string): void {
  if (!roles.includes(user.role)) {
    const who = roles.map((r) => `${article(r)} ${r}`).join(' or ');
    throw new StudioError('forbidden', `user "${user.id}" is ${article(user.role)} ${user.role}: only ${who} may ${what}`, 'as');
  }
}

/** Who is doing something that is not a review act: a verified user, or the shell itself (CLI, local studio) with its own name. */
export type Acting = User | { id: string; role?: undefined };

/**
 * Refuses handing out power: making a manager, changing a role, or touching a manager's account
 * needs a manager (signed in or with their key) — except while the workspace is being set up (no
 * manager has a key yet), when its own shell may.
 */
export function requireGrant(data: StudioData, who: Acting, what: string): void {
  if (who.role === 'manager') return;
  if (!who.role && settingUp(data)) return;
  const managers = data.users.filter((u) => u.role === 'manager').map((u) => u.id);
  throw new StudioError('forbidden', `only a brand manager may ${what}: act as one (--as ${managers[0] ?? 'MANAGER'} with their key)`, 'as');
}

/** Adds a user (refuses an existing id), issues the user's key (shown once) and logs it; mutates `data`. */
export function addUser(data: StudioData, user: User, by = 'local', at = nowIso()): User & { key: string } {
  const existing = data.users.find((u) => u.id === user.id);
  if (existing) throw new StudioError('conflict', `user "${user.id}" already exists (role ${existing.role})`, 'id');
  data.users.push(user);
  appendAudit(data, { at, by, action: 'user.add', target: user.id, comment: `role ${user.role}` });
  // The new user's first key: part of adding them (the user.add entry), shown once to whoever added them.
  const { key }: IssuedKey = issueKey(data, user.id, by, at, { log: false });
  return { ...user, key };
}

/**
 * Adds a user as `who`: anyone may add editors and store users; a manager only a manager (or the
 * shell while the workspace is being set up). Returns the user with their key.
 */
export function addUserAs(data: StudioData, who: Acting, user: User, at = nowIso()): User & { key: string } {
  if (who.role && who.role !== 'manager' && who.role !== 'editor') throw new StudioError('forbidden', `user "${who.id}" is a ${who.role} user: only editors and managers add users`, 'as');
  if (user.role === 'manager') requireGrant(data, who, `add the manager "${user.id}"`);
  return addUser(data, user, who.id, at);
}

/**
 * Replaces a user's name (users.save). A role change, or any change to a manager, needs a manager;
 * new users come from addUser (which issues their key). Mutates `data`.
 */
export function saveUserAs(data: StudioData, who: Acting, user: User): User {
  const i = data.users.findIndex((u) => u.id === user.id);
  if (i < 0) throw new StudioError('not_found', `user "${user.id}" not found: add new users with users.add (shequn user add), which issues their key`, 'user.id');
  const old = data.users[i]!;
  if (old.role !== user.role) requireGrant(data, who, `change the role of "${user.id}" (${old.role} → ${user.role})`);
  else if (old.role === 'manager' && who.id !== old.id) requireGrant(data, who, `change the manager "${user.id}"`);
  data.users[i] = user;
  return user;
}

/**
 * Issues a new key for `userId` as `who`: a manager for anyone, a user for themself, the shell only
 * while the workspace is being set up. Mutates `data`; the key is shown once.
 */
export function issueKeyAs(data: StudioData, who: Acting, userId: string, at = nowIso()): IssuedKey {
  if (who.role && who.id === userId) return issueKey(data, userId, who.id, at);
  requireGrant(data, who, `issue a key for "${userId}"`);
  return issueKey(data, userId, who.id, at);
}
