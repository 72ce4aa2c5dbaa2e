import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { GroupType, StoreOwner } from '../../model/index.js';
import { STORE_COLUMNS } from './columns.js';

/** Characters that make a spreadsheet treat a cell as a formula (or hide it). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises formula injection: a cell starting with = + - @ tab or CR gets a leading apostrophe. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Quotes a CSV cell when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Group types written by name (what people read), falling back to the id when a name is ambiguous. */
function groupLabel(id: string, groups: readonly GroupType[]): string {
  const g = groups.find((x) => x.id === id);
  if (!g) return id;
  const clash = groups.filter((x) => x.name.trim() === g.name.trim()).length > 1 || /[;；、,，]/.test(g.name);
  return clash ? g.id : g.name.trim();
}

/** Columns exported (the avatar is an asset of this workspace, not a path the reader could use). */
const EXPORTED = STORE_COLUMNS.filter((c) => c.field !== 'avatar');

/**
 * Store owners as CSV text: UTF-8 with BOM (Excel opens it as Unicode), Chinese headers, CRLF,
 * formula injection guarded. Importing the file again gives the same stores back.
 */
export function storesToCsv(stores: readonly StoreOwner[], groups: readonly GroupType[]): string {
  const lines = [EXPORTED.map((c) => c.zh).join(',')];
  for (const s of stores) {
    const values = EXPORTED.map((c) => {
      switch (c.field) {
        case 'groupTypes':
          return s.groupTypes.map((id) => groupLabel(id, groups)).join('、');
        case 'active':
          return s.active ? '是' : '否';
        case 'delivery':
          return s.delivery ? '是' : '否';
        default:
          return String((s as Record<string, unknown>)[c.field] ?? '');
      }
    });
    lines.push(values.map((v) => csvCell(guardFormula(v))).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Writes the stores CSV to `file` (temp + rename); returns how many stores were written. */
export async function exportStoresCsv(stores: readonly StoreOwner[], groups: readonly GroupType[], file: string): Promise<number> {
  await writeFileAtomic(path.resolve(file), storesToCsv(stores, groups));
  return stores.length;
}
