import { describe, expect, it } from 'vitest';
import { mapHeader, importColumns, sampleStoresCsv } from '../../src/workspace/import/index.js';
import { storeMessages } from '../../renderer/src/i18n/messages/stores.js';

// Every label the studio shows for a store field (the store table's column titles, the store form's
// labels) in both languages is accepted as a column header (issue 17 point 4).
const SHOWN: Record<string, string> = {
  'stores.col.owner': 'ownerName',
  'stores.col.district': 'district',
  'stores.col.groups': 'groupTypes',
  'stores.col.active': 'active',
  'stores.f.id': 'id',
  'stores.f.storeName': 'storeName',
  'stores.f.ownerName': 'ownerName',
  'stores.f.nickname': 'nickname',
  'stores.f.catchphrase': 'catchphrase',
  'stores.f.address': 'address',
  'stores.f.district': 'district',
  'stores.f.phone': 'phone',
  'stores.f.cloudStoreUrl': 'cloudStoreUrl',
  'stores.f.groupTypes': 'groupTypes',
  'stores.f.delivery': 'delivery',
  'stores.f.deliveryNote': 'deliveryNote',
  'stores.f.avatar': 'avatar',
};

describe('import speaks the table’s language', () => {
  it('accepts every label the store table and form show, in Chinese and English', () => {
    for (const [key, field] of Object.entries(SHOWN)) {
      for (const label of storeMessages[key as keyof typeof storeMessages]) {
        const h = mapHeader(['门店编号', label]);
        expect(h.unknown, `${key}: ${label}`).toEqual([]);
        expect(h.byIndex.get(1)?.field ?? (field === 'id' ? undefined : 'missing'), `${key}: ${label}`).toBe(field === 'id' ? undefined : field);
      }
    }
    // The table's own words: 运营的群 and 片区.
    const h = mapHeader(['门店编号', '门店名称', '店主', '片区', '运营的群']);
    expect(h.unknown).toEqual([]);
    expect([...h.byField.keys()]).toEqual(['id', 'storeName', 'ownerName', 'district', 'groupTypes']);
  });

  it('lists every column with the names it accepts, and the sample file uses them', () => {
    const cols = importColumns([{ id: 'community', name: '社区群' } as never, { id: 'moms', name: '宝妈群' } as never]);
    expect(cols.filter((c) => c.required).map((c) => c.field)).toEqual(['id', 'storeName', 'ownerName']);
    expect(cols.find((c) => c.field === 'groupTypes')?.aliases).toContain('运营的群');
    const csv = sampleStoresCsv([{ id: 'community', name: '社区群' } as never, { id: 'moms', name: '宝妈群' } as never]);
    expect(csv.startsWith('\uFEFF门店编号,门店名称,店主')).toBe(true);
    expect(csv).toContain('社区群、宝妈群');
  });
});
