/**
 * Store packs crafted with the real pack writer (manifest, index page, stored zip) for the portal
 * tests and bench/portal-load.ts: each store gets `posts` entries, each with its caption and the
 * given poster files, plus `<folder>.zip`. No rendering: the posters are files passed in.
 */
import { dispatch } from '../../src/api/dispatcher.js';
import { expiryInstant } from '../../src/pack/manifest.js';
import { packFolderName } from '../../src/pack/names.js';
import { ensureZip, writePack, type EntryInput } from '../../src/pack/writer.js';
import type { Workspace } from '../../src/workspace/types.js';
import { ctx } from '../helpers/session.js';

/** A pack written for one store, with its portal token. */
export interface CraftedPack {
  store: string;
  folder: string;
  token: string;
  /** Paths of the pack's files as the portal serves them (relative to /p/<token>/files/). */
  files: string[];
}

/** Writes a pack (and its zip) for each store in `stores` (default: the active ones) and returns their tokens and file paths. */
export async function craftPortalPacks(
  ws: Workspace,
  posters: { size: string; path: string }[],
  opts: { posts?: number; stores?: string[]; titlePrefix?: string } = {},
): Promise<CraftedPack[]> {
  const stores = ws.data().stores.filter((s) => (opts.stores ? opts.stores.includes(s.id) : s.active)); // only active stores get portal tokens
  const out: CraftedPack[] = [];
  for (const s of stores) {
    const folder = packFolderName(s);
    const entries: EntryInput[] = Array.from({ length: opts.posts ?? 2 }, (_, i) => {
      const title = `${opts.titlePrefix ?? '活动'}${i + 1}-${s.id}`;
      return {
        meta: {
          post: { id: `p${i + 1}`, title, validFrom: '2026-01-01', validUntil: '2099-12-31' },
          group: { id: 'community', name: '社区群', tip: '晚饭后发' },
          dir: `社区群/${title}`,
          link: `https://shop.example.com/?sq_post=p${i + 1}&sq_store=${s.id}`,
          expiresAt: expiryInstant('2099-12-31'),
          templates: [],
        },
        files: [
          { name: 'caption.txt', role: 'caption', text: `${title} 的文案：${s.storeName}`, channel: 'group', label: '群消息', primary: true },
          ...posters.map((p) => ({ name: `poster-${p.size}.jpg`, role: 'poster' as const, from: p.path, posterSize: p.size })),
        ],
      };
    });
    const m = await writePack(ws.paths.packs, {
      folder,
      packKey: (s.id.replace(/[^a-f0-9]/g, '') + 'f'.repeat(64)).slice(0, 64),
      store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName },
      brand: { name: ws.data().brand.name, color: ws.data().brand.colors.primary },
      createdAt: '2026-11-01T10:00:00.000Z',
      entries,
    });
    await ensureZip(ws.paths.packs, folder);
    out.push({ store: s.id, folder, token: '', files: m.files.filter((f) => f.role !== 'index').map((f) => f.path) });
  }
  const links = await dispatch('portal.links', { host: '127.0.0.1' }, ctx(ws));
  for (const p of out) p.token = links.find((l) => l.store === p.store)!.url.split('/p/')[1]!;
  return out;
}
