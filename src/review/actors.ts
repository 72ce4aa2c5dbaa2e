import { StudioError } from '../model/index.js';
import type { Role, StudioData, User } from '../model/index.js';
import { appendAudit } from './audit.js';
import { nowIso } from './versions.js';

/**
 * Who is acting. A caller signed in as a workspace user (ctx.user naming one of data.users) acts as
 * that user and may not claim another; a shell identity that is not a workspace user (the CLI's or
 * the local studio's) names the person with `as`. The role always comes from the workspace's user
 * list; unknown users are refused.
 */
export function resolveActor(data: StudioData, ctxUser: { id: string } | undefined, as: string | undefined): User {
  const signedIn = ctxUser ? data.users.find((u) => u.id === ctxUser.id) : undefined;
  if (signedIn && as !== undefined && as !== signedIn.id) {
    throw new StudioError('forbidden', `signed in as "${signedIn.id}": cannot act as "${as}"`, 'as');
  }
  const id = as ?? signedIn?.id;
  if (!id) throw new StudioError('bad_input', 'who is acting? give the user id (--as USER)', 'as');
  const user = data.users.find((u) => u.id === id);
  if (!user) {
    const known = data.users.map((u) => `${u.id} (${u.role})`).join(', ') || 'none';
    throw new StudioError('forbidden', `unknown user "${id}" (known users: ${known}); add it with: shequn user add --id ${id} --role editor|manager`, 'as');
  }
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

/** Adds a user (refuses an existing id) and logs it; mutates `data`. */
export function addUser(data: StudioData, user: User, by = 'local', at = nowIso()): User {
  const existing = data.users.find((u) => u.id === user.id);
  if (existing) throw new StudioError('conflict', `user "${user.id}" already exists (role ${existing.role})`, 'id');
  data.users.push(user);
  appendAudit(data, { at, by, action: 'user.add', target: user.id, comment: `role ${user.role}` });
  return user;
}
