import { z } from 'zod';
import { AssetRecord } from './asset.js';
import { Brand } from './brand.js';
import { Channel } from './channel.js';
import { GroupType } from './groupType.js';
import { SendPlan } from './plan.js';
import { Post } from './post.js';
import { StoreOwner } from './storeOwner.js';
import { Template } from './template.js';
import { AuditEntry, User, UserKey } from './user.js';

/** Version of the studio.json layout; bump it and add a migration in src/workspace/migrations.ts. */
export const SCHEMA_VERSION = 2;

/** Per-store portal access (see src/server/portal). */
export const PortalToken = z.object({ store: z.string(), token: z.string(), createdAt: z.string(), revoked: z.boolean().default(false) });

/** The whole of studio.json. */
export const StudioData = z.object({
  schemaVersion: z.number().int().positive(),
  brand: Brand,
  channels: z.array(Channel).default([]),
  groupTypes: z.array(GroupType).default([]),
  stores: z.array(StoreOwner).default([]),
  templates: z.array(Template).default([]),
  posts: z.array(Post).default([]),
  users: z.array(User).default([]),
  /** The hashes of the users' personal keys (optional: files written before keys existed load as they are). */
  userKeys: z.array(UserKey).default([]),
  audit: z.array(AuditEntry).default([]),
  assets: z.array(AssetRecord).default([]),
  plan: SendPlan.default({ slots: [] }),
  portal: z.object({ tokens: z.array(PortalToken).default([]), managerToken: z.string().optional(), lan: z.boolean().default(false) }).default({ tokens: [], lan: false }),
});
export type StudioData = z.infer<typeof StudioData>;
export type PortalToken = z.infer<typeof PortalToken>;
