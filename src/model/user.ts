import { z } from 'zod';
import { ROLES } from './vocabulary.js';
import { Id, IsoDate } from './common.js';

/** Roles: editor (content team), manager (brand manager), store (front line). */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A person who acts in the studio. */
export const User = z.object({ id: Id, name: z.string().default(''), role: Role });
export type User = z.infer<typeof User>;

/**
 * A user's personal key, stored only as a hash (`sha256:<hex>` of a random 192-bit key shown once
 * when issued). Kept apart from User so no save of a user can set or leak it.
 */
export const UserKey = z.object({ user: Id, hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>'), createdAt: IsoDate });
export type UserKey = z.infer<typeof UserKey>;

/** One line of the audit log. */
export const AuditEntry = z.object({
  at: IsoDate,
  by: z.string(),
  action: z.string(),
  target: z.string(),
  version: z.number().int().optional(),
  hash: z.string().optional(),
  comment: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
