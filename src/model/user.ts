import { z } from 'zod';
import { ROLES } from './vocabulary.js';
import { Id, IsoDate } from './common.js';

/** Roles: editor (content team), manager (brand manager), store (front line). */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A person who acts in the studio. */
export const User = z.object({ id: Id, name: z.string().default(''), role: Role });
export type User = z.infer<typeof User>;

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
