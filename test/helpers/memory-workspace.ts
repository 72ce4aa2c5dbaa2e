import { StudioData, type StudioData as Data } from '../../src/model/index.js';
import { parseOrThrow } from '../../src/model/validate.js';
import type { Workspace } from '../../src/workspace/types.js';
import { StudioError } from '../../src/model/index.js';

/** An in-memory Workspace for unit tests of the dispatcher and handlers (persistence is tested on real files elsewhere). */
export function memoryWorkspace(data: Data, opts: { readOnly?: boolean; notices?: string[] } = {}): Workspace & { writes: number } {
  let current = structuredClone(data);
  const ws = {
    dir: '/memory',
    readOnly: !!opts.readOnly,
    notices: opts.notices ?? [],
    writes: 0,
    data: () => current,
    async update<T>(fn: (d: Data) => T): Promise<T> {
      if (ws.readOnly) throw new StudioError('read_only', 'read-only');
      const draft = structuredClone(current);
      const out = fn(draft);
      current = parseOrThrow(StudioData, draft, 'studio.json');
      ws.writes++;
      return out;
    },
    assets: {
      put: async () => {
        throw new Error('no assets in memory workspace');
      },
      get: () => undefined,
      path: (id: string) => `/memory/assets/${id}`,
      read: async (id: string) => {
        throw new StudioError('not_found', `asset ${id} not found`);
      },
    },
    paths: { studio: '/memory/studio.json', assets: '/memory/assets', renders: '/memory/renders', packs: '/memory/packs', results: '/memory/results', backups: '/memory/.backups' },
    close: async () => {},
  };
  return ws;
}

/** A small valid studio: brand, a channel, two group types, two stores. */
export function tinyStudio(): Data {
  return StudioData.parse({
    schemaVersion: 2,
    brand: { name: '山野果坊', slogan: '好坚果，慢慢来', colors: { primary: '#B5482E', secondary: '#F2C14E', accent: '#2E7D5B', background: '#FFF8EE', text: '#2B2118' }, ip: { name: '果果' } },
    channels: [{ id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 500 }, images: { max: 9 } }],
    groupTypes: [
      { id: 'community', name: '社区群', rules: { captionMaxLength: 300, emojiAllowed: true, legWeight: 'light', channels: ['group'], formats: ['caption'] } },
      { id: 'vip', name: 'VIP群', rules: { captionMaxLength: 400, emojiAllowed: true, legWeight: 'strong', channels: ['group'], formats: ['caption'] } },
    ],
    stores: [
      { id: 's001', storeName: '老王家便利店', ownerName: '王建国', nickname: '王叔', groupTypes: ['community'] },
      { id: 's002', storeName: '幸福里生活超市', ownerName: '李梅', nickname: '梅姐', groupTypes: ['community', 'vip'], district: '东城区' },
    ],
  });
}
