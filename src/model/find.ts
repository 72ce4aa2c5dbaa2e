import { StudioError } from './errors.js';
import type { GroupType } from './groupType.js';
import type { Post } from './post.js';
import type { StoreOwner } from './storeOwner.js';
import type { StudioData } from './studio.js';
import type { Template, TemplateVersion } from './template.js';

/** Finds a post by id or throws not_found on `field` (default "post"). */
export function findPost(data: Pick<StudioData, 'posts'>, id: string, field = 'post'): Post {
  const p = data.posts.find((x) => x.id === id);
  if (!p) throw new StudioError('not_found', `post "${id}" not found`, field);
  return p;
}

/** A saved post by id, or the unsaved post object itself (the editor's live preview). */
export function postOf(data: Pick<StudioData, 'posts'>, post: string | Post, field = 'post'): Post {
  return typeof post === 'string' ? findPost(data, post, field) : post;
}

/** Finds a store owner by id or throws not_found. */
export function findStore(data: Pick<StudioData, 'stores'>, id: string, field = 'store'): StoreOwner {
  const s = data.stores.find((x) => x.id === id);
  if (!s) throw new StudioError('not_found', `store "${id}" not found`, field);
  return s;
}

/** Finds a group type by id or throws not_found. */
export function findGroup(data: Pick<StudioData, 'groupTypes'>, id: string, field = 'group'): GroupType {
  const g = data.groupTypes.find((x) => x.id === id);
  if (!g) throw new StudioError('not_found', `group type "${id}" not found`, field);
  return g;
}

/** Finds a template by id or throws not_found. */
export function findTemplate(data: Pick<StudioData, 'templates'>, id: string, field = 'template'): Template {
  const t = data.templates.find((x) => x.id === id);
  if (!t) throw new StudioError('not_found', `template "${id}" not found`, field);
  return t;
}

/** Finds one version of a template or throws not_found listing the versions that exist. */
export function findVersion(t: Template, version: number, field = 'version'): TemplateVersion {
  const v = t.versions.find((x) => x.version === version);
  if (!v) {
    const have = t.versions.map((x) => `v${x.version}`).join(', ');
    throw new StudioError('not_found', `template "${t.id}" has no version ${version} (it has ${have})`, field);
  }
  return v;
}

/** Looks up several ids at once; unknown ones are refused together, naming each (field e.g. "posts"). */
export function findAll<T extends { id: string }>(all: readonly T[], ids: readonly string[], what: string, field: string): T[] {
  const byId = new Map(all.map((x) => [x.id, x]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new StudioError('not_found', `unknown ${what}: ${unknown.map((u) => `"${u}"`).join(', ')}`, field);
  return [...new Set(ids)].map((id) => byId.get(id)!);
}
