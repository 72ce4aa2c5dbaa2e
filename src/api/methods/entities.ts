import { z } from 'zod';
import { Brand, Channel, GroupType, Post, StoreOwner, StoreOwnerInput, Template, User } from '../../model/index.js';
import { defineMethods } from '../define.js';

const Empty = z.object({}).strict();
const ById = z.object({ id: z.string().min(1) }).strict();
const Ok = z.object({ ok: z.literal(true) });

/** Template summary as lists show it (sources omitted). */
export const TemplateSummary = z.object({
  id: z.string(),
  kind: z.enum(['caption', 'poster', 'video']),
  name: z.string(),
  latest: z.number().int(),
  approved: z.number().int().nullable(),
  states: z.array(z.object({ version: z.number().int(), state: z.string() })),
});

/** Entity CRUD: brand, channels, group types, stores, posts, templates, users. */
export const entityMethods = defineMethods({
  'workspace.info': {
    description: 'Where the workspace is, whether it is read-only, and notices for the user.',
    input: Empty,
    output: z.object({ dir: z.string(), readOnly: z.boolean(), notices: z.array(z.string()), schemaVersion: z.number(), counts: z.record(z.string(), z.number()) }),
  },
  'brand.get': { description: 'The brand kit.', input: Empty, output: Brand },
  'brand.update': { description: 'Replace the brand kit.', input: z.object({ brand: Brand }).strict(), output: Brand, mutates: true },
  'channels.list': { description: 'All channels.', input: Empty, output: z.array(Channel) },
  'channels.save': { description: 'Create or replace a channel by id.', input: z.object({ channel: Channel }).strict(), output: Channel, mutates: true },
  'groups.list': { description: 'All group types.', input: Empty, output: z.array(GroupType) },
  'groups.save': { description: 'Create or replace a group type by id.', input: z.object({ group: GroupType }).strict(), output: GroupType, mutates: true },
  'groups.delete': { description: 'Delete a group type no store or post uses.', input: ById, output: Ok, mutates: true },
  'stores.list': {
    description: 'Store owners, optionally filtered by a search text.',
    input: z.object({ q: z.string().optional() }).strict(),
    output: z.array(StoreOwner),
  },
  'stores.get': { description: 'One store owner.', input: ById, output: StoreOwner },
  'stores.save': {
    description: 'Create or replace a store owner by id (no control or bidi characters in its text; an id differing from another store\'s only in letter case is refused).',
    input: z.object({ store: StoreOwnerInput }).strict(),
    output: StoreOwner,
    mutates: true,
  },
  'stores.delete': { description: 'Delete a store owner.', input: ById, output: Ok, mutates: true },
  'posts.list': {
    description: 'Posts (head/waist/leg included).',
    input: Empty,
    output: z.array(Post),
  },
  'posts.get': { description: 'One post.', input: ById, output: Post },
  'posts.save': { description: 'Create or replace a post by id.', input: z.object({ post: Post }).strict(), output: Post, mutates: true },
  'posts.delete': { description: 'Delete a post.', input: ById, output: Ok, mutates: true },
  'templates.list': { description: 'Templates with their latest and approved versions.', input: Empty, output: z.array(TemplateSummary) },
  'templates.get': { description: 'One template with all versions.', input: ById, output: Template },
  'users.list': { description: 'Users and their roles.', input: Empty, output: z.array(User) },
});
