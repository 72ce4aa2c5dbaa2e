import { StudioError } from '../../model/index.js';
import { ensureTokens } from '../../portal/tokens.js';
import type { HandlersFor } from '../handler.js';
import type { toolMethods } from '../methods/tools.js';

/** A fresh post id from the original's: `<id>-copy`, `<id>-copy2`…, within the id length limit. */
function copyId(id: string, taken: ReadonlySet<string>): string {
  const stem = id.slice(0, 52);
  for (let n = 1; ; n++) {
    const next = `${stem}-copy${n === 1 ? '' : n}`;
    if (!taken.has(next.toLowerCase())) return next;
  }
}

/** posts.duplicate and stores.bulkUpdate. */
export const toolHandlers: HandlersFor<typeof toolMethods> = {
  'posts.duplicate': ({ id, title }, { ws, services }) =>
    ws.update((d) => {
      const post = d.posts.find((p) => p.id === id);
      if (!post) throw new StudioError('not_found', `post "${id}" does not exist`, 'id');
      const copy = structuredClone(post);
      copy.id = copyId(post.id, new Set(d.posts.map((p) => p.id.toLowerCase())));
      copy.title = title ?? `${post.title}（副本）`;
      // A copy is work in progress: it is exported only once someone marks it ready.
      copy.status = 'draft';
      copy.updatedAt = services.clock().toISOString();
      d.posts.push(copy);
      return copy;
    }),
  'stores.bulkUpdate': ({ ids, active, groupTypes }, { ws }) =>
    ws.update((d) => {
      const missing = ids.filter((id) => !d.stores.some((s) => s.id === id));
      if (missing.length) throw new StudioError('not_found', `no store with id ${missing.slice(0, 5).map((m) => `"${m}"`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, 'ids');
      const unknown = groupTypes?.ids.find((g) => !d.groupTypes.some((x) => x.id === g));
      if (unknown) throw new StudioError('bad_input', `groupTypes.ids: unknown group type "${unknown}"`, 'groupTypes.ids');
      const wanted = new Set(ids);
      let updated = 0;
      for (const s of d.stores) {
        if (!wanted.has(s.id)) continue;
        const before = JSON.stringify([s.active, s.groupTypes]);
        if (active !== undefined) s.active = active;
        if (groupTypes) {
          if (groupTypes.mode === 'set') s.groupTypes = [...new Set(groupTypes.ids)];
          else if (groupTypes.mode === 'add') s.groupTypes = [...new Set([...s.groupTypes, ...groupTypes.ids])];
          else s.groupTypes = s.groupTypes.filter((g) => !groupTypes.ids.includes(g));
        }
        if (JSON.stringify([s.active, s.groupTypes]) !== before) updated++;
      }
      // Stores switched on get their portal links at once (as stores.save does).
      if (active) ensureTokens(d, ids);
      return { updated, unchanged: ids.length - updated };
    }),
};
