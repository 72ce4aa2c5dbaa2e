import type { GroupType } from '../../model/index.js';
import { REQUIRED_STORE_FIELDS, STORE_COLUMNS, type StoreField } from './columns.js';
import { csvCell, guardFormula } from './export-csv.js';

/** A column of the store table as the import dialog lists it. */
export interface ColumnHelp {
  field: StoreField;
  zh: string;
  en: string;
  /** Other labels the importer accepts for it. */
  aliases: string[];
  /** Needed for a new store. */
  required: boolean;
  example: string;
}

/** Two made-up stores: what each column's cells look like (group types are this workspace's own names). */
function examples(groups: readonly GroupType[]): Record<StoreField, [string, string]> {
  const names = groups.map((g) => g.name.trim()).filter(Boolean);
  const first = names.slice(0, 2).join('、');
  const second = names[0] ?? '';
  return {
    id: ['s001', 's002'],
    storeName: ['幸福里便利店', '南门社区超市'],
    ownerName: ['王芳', '李强'],
    nickname: ['芳姐', '强哥'],
    catchphrase: ['街坊的事就是我的事', '好东西留给老邻居'],
    address: ['幸福里小区 3 号楼底商', '南门街 18 号'],
    district: ['城东片区', '城南片区'],
    phone: ['13800000001', '13800000002'],
    cloudStoreUrl: ['https://yun.example.com/s001', 'https://yun.example.com/s002'],
    groupTypes: [first, second],
    delivery: ['是', '否'],
    deliveryNote: ['小区内免费送货上门', ''],
    avatar: ['', ''],
    active: ['是', '是'],
  };
}

/** Every column the importer reads, with the labels it accepts and an example cell. */
export function importColumns(groups: readonly GroupType[]): ColumnHelp[] {
  const ex = examples(groups);
  return STORE_COLUMNS.map((c) => ({ field: c.field, zh: c.zh, en: c.en, aliases: [...(c.aliases ?? [])], required: REQUIRED_STORE_FIELDS.includes(c.field), example: ex[c.field][0] }));
}

/**
 * A sample store table to fill in: UTF-8 with BOM (Excel opens it as Unicode), the Chinese headers
 * the export writes, two example rows. Importing it as it is gives two stores.
 */
export function sampleStoresCsv(groups: readonly GroupType[]): string {
  const ex = examples(groups);
  const cols = STORE_COLUMNS.filter((c) => c.field !== 'avatar');
  const lines = [cols.map((c) => c.zh).join(',')];
  for (const i of [0, 1] as const) lines.push(cols.map((c) => csvCell(guardFormula(ex[c.field][i]))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
