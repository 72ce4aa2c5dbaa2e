import type { StudioData } from '../../model/index.js';
import { SCHEMA_VERSION } from '../../model/index.js';
import { ensureTokens } from '../../portal/tokens.js';
import { StudioError } from '../../model/index.js';
import { defaultPins } from '../../compose/templates.js';
import type { HandlersFor } from '../handler.js';
import type { entityMethods } from '../methods/entities.js';

type Keyed = { id: string };

/** Finds an entity by id or throws not_found naming the collection. */
export function findOrThrow<T extends Keyed>(list: readonly T[], id: string, what: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new StudioError('not_found', `${what} "${id}" not found`, 'id');
  return found;
}

function upsert<T extends Keyed>(list: T[], item: T): T {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
  return item;
}

function remove<T extends Keyed>(list: T[], id: string, what: string): void {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new StudioError('not_found', `${what} "${id}" not found`, 'id');
  list.splice(i, 1);
}

function referencesGroup(d: StudioData, id: string): string | undefined {
  const store = d.stores.find((s) => s.groupTypes.includes(id));
  if (store) return `store "${store.id}"`;
  const post = d.posts.find((p) => p.groupTypes.includes(id));
  if (post) return `post "${post.id}"`;
  const slot = d.plan.slots.find((s) => s.group === id);
  return slot ? `the plan (slot ${slot.id} at ${slot.at})` : undefined;
}

/** Search over the fields a person would type: id, names, nickname, district, address. */
function matches(q: string, fields: (string | undefined)[]): boolean {
  const needle = q.trim().toLowerCase();
  return !needle || fields.some((f) => f?.toLowerCase().includes(needle));
}

export const entityHandlers: HandlersFor<typeof entityMethods> = {
  'workspace.info': (_in, { ws }) => {
    const d = ws.data();
    return {
      dir: ws.dir,
      readOnly: ws.readOnly,
      notices: ws.notices,
      schemaVersion: d.schemaVersion ?? SCHEMA_VERSION,
      counts: { stores: d.stores.length, posts: d.posts.length, groupTypes: d.groupTypes.length, templates: d.templates.length },
    };
  },
  'brand.get': (_in, { ws }) => ws.data().brand,
  'brand.update': ({ brand }, { ws }) => ws.update((d) => (d.brand = brand)),
  'channels.list': (_in, { ws }) => ws.data().channels,
  'channels.save': ({ channel }, { ws }) => ws.update((d) => upsert(d.channels, channel)),
  'groups.list': (_in, { ws }) => ws.data().groupTypes,
  'groups.save': ({ group }, { ws }) =>
    ws.update((d) => {
      const unknown = group.rules.channels.find((c) => !d.channels.some((x) => x.id === c));
      if (unknown) throw new StudioError('bad_input', `group.rules.channels: unknown channel "${unknown}"`, 'group.rules.channels');
      return upsert(d.groupTypes, group);
    }),
  'groups.delete': ({ id }, { ws }) =>
    ws.update((d) => {
      const user = referencesGroup(d, id);
      if (user) throw new StudioError('conflict', `group type "${id}" is still used by ${user}`, 'id');
      remove(d.groupTypes, id, 'group type');
      return { ok: true as const };
    }),
  'stores.list': ({ q }, { ws }) =>
    ws.data().stores.filter((s) => matches(q ?? '', [s.id, s.storeName, s.ownerName, s.nickname, s.district, s.address, s.phone])),
  'stores.get': ({ id }, { ws }) => findOrThrow(ws.data().stores, id, 'store'),
  'stores.save': ({ store }, { ws }) =>
    ws.update((d) => {
      const unknown = store.groupTypes.find((g) => !d.groupTypes.some((x) => x.id === g));
      if (unknown) throw new StudioError('bad_input', `store.groupTypes: unknown group type "${unknown}"`, 'store.groupTypes');
      // Pack folders are named by store: on Windows and macOS "d001" and "D001" are one folder.
      const twin = d.stores.find((s) => s.id !== store.id && s.id.toLowerCase() === store.id.toLowerCase());
      if (twin) throw new StudioError('conflict', `store.id: "${store.id}" differs from the existing store "${twin.id}" only in letter case (their pack folders would collide on Windows and macOS); use "${twin.id}" or another id`, 'store.id');
      // A new active store gets its portal link at once, so a links listing made meanwhile is complete.
      if (store.active) ensureTokens(d, [store.id]);
      return upsert(d.stores, store);
    }),
  'stores.delete': ({ id }, { ws }) =>
    ws.update((d) => {
      remove(d.stores, id, 'store');
      return { ok: true as const };
    }),
  'posts.list': (_in, { ws }) => ws.data().posts,
  'posts.get': ({ id }, { ws }) => findOrThrow(ws.data().posts, id, 'post'),
  'posts.save': ({ post }, { ws, services }) =>
    ws.update((d) => {
      // A new post starts able to make every format its group types ask for (the brand's default approved templates).
      const isNew = !d.posts.some((p) => p.id === post.id);
      return upsert(d.posts, { ...post, ...(isNew ? { templates: defaultPins(d, post) } : {}), updatedAt: services.clock().toISOString() });
    }),
  'posts.delete': ({ id }, { ws }) =>
    ws.update((d) => {
      remove(d.posts, id, 'post');
      // Its send slots go with it: a plan never points at a post that is gone.
      d.plan.slots = d.plan.slots.filter((s) => s.post !== id);
      return { ok: true as const };
    }),
  'templates.list': (_in, { ws }) =>
    ws.data().templates.map((t) => {
      const approved = [...t.versions].reverse().find((v) => v.state === 'approved');
      return {
        id: t.id,
        kind: t.kind,
        name: t.name,
        latest: Math.max(...t.versions.map((v) => v.version)),
        approved: approved ? approved.version : null,
        states: t.versions.map((v) => ({ version: v.version, state: v.state })),
      };
    }),
  'templates.get': ({ id }, { ws }) => findOrThrow(ws.data().templates, id, 'template'),
  'users.list': (_in, { ws }) => ws.data().users,
};
