import { coded, type CodedText } from '../../model/index.js';

/** A store field that can come from a column of an imported table. */
export type StoreField =
  | 'id'
  | 'storeName'
  | 'ownerName'
  | 'nickname'
  | 'catchphrase'
  | 'address'
  | 'district'
  | 'phone'
  | 'cloudStoreUrl'
  | 'groupTypes'
  | 'delivery'
  | 'deliveryNote'
  | 'avatar'
  | 'active';

/** A column of the store list: its field, Chinese and English header, and accepted aliases. */
export interface StoreColumn {
  field: StoreField;
  zh: string;
  en: string;
  aliases?: string[];
}

/**
 * The columns in export order (the export writes the Chinese headers). The aliases include every
 * label the studio itself shows for a store field — the store table's column titles (片区, 运营的群),
 * the store form's labels (店主姓名, 运营的群类型, 店主头像) in both languages — so a table copied from
 * the studio, or typed with its words, imports as it reads.
 */
export const STORE_COLUMNS: readonly StoreColumn[] = [
  { field: 'id', zh: '门店编号', en: 'store_id', aliases: ['门店ID', '门店代码', '编号', 'id', 'Store ID'] },
  { field: 'storeName', zh: '门店名称', en: 'store_name', aliases: ['店名', '店铺名称', '门店', 'Store', 'Store name'] },
  { field: 'ownerName', zh: '店主', en: 'owner_name', aliases: ['店主姓名', '店长', 'owner', 'Owner name'] },
  { field: 'nickname', zh: '昵称', en: 'nickname', aliases: ['店主昵称'] },
  { field: 'catchphrase', zh: '口头禅', en: 'catchphrase' },
  { field: 'address', zh: '地址', en: 'address', aliases: ['门店地址'] },
  { field: 'district', zh: '区域', en: 'district', aliases: ['地区', '片区', '所在片区'] },
  { field: 'phone', zh: '电话', en: 'phone', aliases: ['手机', '手机号', '联系电话'] },
  { field: 'cloudStoreUrl', zh: '云店链接', en: 'cloud_store_url', aliases: ['云店', '云店地址', 'Cloud-store URL'] },
  { field: 'groupTypes', zh: '社群类型', en: 'group_types', aliases: ['群类型', '社群', '运营的群', '运营的群类型', 'Groups run', 'Group types run', 'Group types'] },
  { field: 'delivery', zh: '送货上门', en: 'delivery', aliases: ['是否送货', '配送', '可送货', 'Delivers'] },
  { field: 'deliveryNote', zh: '送货范围', en: 'delivery_note', aliases: ['配送范围', '送货说明', 'Delivery area'] },
  { field: 'avatar', zh: '头像', en: 'avatar', aliases: ['店主头像', 'Owner photo'] },
  { field: 'active', zh: '启用', en: 'active', aliases: ['状态', '是否启用', 'Active'] },
];

/** Fields a row cannot do without (the rest may be left out or empty). */
export const REQUIRED_STORE_FIELDS: readonly StoreField[] = ['id', 'storeName', 'ownerName'];

/** Header text reduced for matching: no BOM, marks like `*` or `(必填)`, case, spaces, `_` or `-`. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[\s_\-]/g, '')
    .toLowerCase();
}

/** Every label a column is known by (normalised) → the column. */
const LOOKUP: ReadonlyMap<string, StoreColumn> = new Map(STORE_COLUMNS.flatMap((c) => [c.zh, c.en, c.field, ...(c.aliases ?? [])].map((key) => [normalizeHeader(key), c] as const)));

/** The header row mapped to fields, with problems found in it. */
export interface HeaderMap {
  /** Column index → column, for the columns that were recognised. */
  byIndex: Map<number, StoreColumn>;
  /** Field → column index. */
  byField: Map<StoreField, number>;
  /** Each column's header exactly as written (for messages). */
  labels: string[];
  /** Headers not recognised (ignored, reported as warnings). */
  unknown: string[];
  /** Fatal header problems (missing id column, a field given twice). */
  problems: ({ column: string } & CodedText)[];
}

/** Maps a header row (Chinese or English, in any order) to store fields. */
export function mapHeader(cells: string[]): HeaderMap {
  const byIndex = new Map<number, StoreColumn>();
  const byField = new Map<StoreField, number>();
  const labels = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const unknown: string[] = [];
  const problems: HeaderMap['problems'] = [];
  labels.forEach((label, i) => {
    if (!label) return;
    const col = LOOKUP.get(normalizeHeader(label));
    if (!col) {
      unknown.push(label);
      return;
    }
    const seen = byField.get(col.field);
    if (seen !== undefined) {
      problems.push({ column: label, ...coded('import.columnTwice', { other: labels[seen]!, zh: col.zh, en: col.en }) });
      return;
    }
    byIndex.set(i, col);
    byField.set(col.field, i);
  });
  if (!byField.has('id')) problems.push({ column: '门店编号/store_id', ...coded('import.idColumnMissing') });
  return { byIndex, byField, labels, unknown, problems };
}

/** The column label to show for a field: as written in the file, else `中文/english`. */
export function labelFor(header: HeaderMap, field: StoreField): string {
  const i = header.byField.get(field);
  if (i !== undefined) return header.labels[i]!;
  const col = STORE_COLUMNS.find((c) => c.field === field)!;
  return `${col.zh}/${col.en}`;
}
