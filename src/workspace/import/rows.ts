import { coded, StoreOwnerInput, valueIssueText, type CodedText, type GroupType, type MessageCode, type MessageParams, type StoreOwner } from '../../model/index.js';
import { labelFor, type HeaderMap, type StoreField } from './columns.js';
import type { TableRow } from './row.js';

/** A problem with one cell (or row) of an imported table. */
export interface RowIssue {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column header as written in the file (or `中文/english` when the column is missing). */
  column: string;
  /** The problem in English; `code` and `params` say it in any language (src/model/messages). */
  message: string;
  code?: string;
  params?: MessageParams;
}

/** A row that checks out: the store as it will be saved (avatar still to resolve). */
export interface ParsedRow {
  row: number;
  store: StoreOwner;
  previous?: StoreOwner;
  avatarPath?: string;
}

/** What every row is checked against. */
export interface RowContext {
  header: HeaderMap;
  groupTypes: readonly GroupType[];
  existing: ReadonlyMap<string, StoreOwner>;
  /** The existing store ids by their lower-case form. */
  existingByLower: ReadonlyMap<string, string>;
  /** Store id → the row it first appeared on in this file, keyed in lower case (ids differing only in case collide as pack folders). */
  seen: Map<string, { id: string; row: number }>;
  /** Name of the file's encoding for "bad bytes" messages. */
  encoding: string;
}

const TEXT_FIELDS = ['storeName', 'ownerName', 'nickname', 'catchphrase', 'address', 'district', 'phone', 'deliveryNote'] as const;
const GROUP_SEPARATORS = /[;；、,，]/;
const TRUE_WORDS: ReadonlySet<string> = new Set(['是', '启用', '有效', '正常', 'true', 'yes', 'y', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['否', '停用', '禁用', '无效', 'false', 'no', 'n', '0']);

/** A cell as the store value: trimmed, and our export's formula guard (`'=`, `'+`...) removed. */
export function cleanCell(raw: string | undefined): string {
  let s = raw ?? '';
  if (/^'[=+\-@\t\r]/.test(s)) s = s.slice(1);
  return s.trim();
}

/** True when every cell of the row is empty (such rows are skipped). */
export const isBlankRow = (r: TableRow) => r.cells.every((c) => c.trim() === '');

/** Matches `社区群；宝妈群` or `community;moms` to group-type ids (by id, then by name). */
export function matchGroupTypes(text: string, groups: readonly GroupType[]): { ids: string[]; unknown: string[]; ambiguous: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const token of text.split(GROUP_SEPARATORS).map((t) => t.trim()).filter(Boolean)) {
    const lower = token.toLowerCase();
    let found = groups.filter((g) => g.id === token);
    if (!found.length) found = groups.filter((g) => g.name.trim() === token);
    if (!found.length) found = groups.filter((g) => g.id.toLowerCase() === lower || g.name.trim().toLowerCase() === lower);
    if (found.length > 1) ambiguous.push(token);
    else if (!found.length) unknown.push(token);
    else if (!ids.includes(found[0]!.id)) ids.push(found[0]!.id);
  }
  return { ids, unknown, ambiguous };
}

/** Checks one data row and builds the store it describes (merged over the existing store with that id). */
export function parseStoreRow(r: TableRow, ctx: RowContext): { ok: true; value: ParsedRow } | { ok: false; issues: RowIssue[] } {
  const { header } = ctx;
  const issues: RowIssue[] = [];
  const issue = (field: StoreField, text: CodedText) => {
    const column = labelFor(header, field);
    // One schema rule can fail twice on a cell (a link that is neither a URL nor http): say it once.
    if (!issues.some((i) => i.column === column && i.code === text.code && JSON.stringify(i.params ?? {}) === JSON.stringify(text.params ?? {}))) issues.push({ row: r.row, column, ...text });
  };
  const say = (code: MessageCode, params?: MessageParams) => coded(code, params);
  const has = (f: StoreField) => header.byField.has(f);
  const cell = (f: StoreField) => cleanCell(r.cells[header.byField.get(f)!]);

  if (r.badBytes) {
    r.cells.forEach((c, i) => {
      if (c.includes('\uFFFD')) {
        issues.push({ row: r.row, column: header.labels[i] || `#${i + 1}`, ...say('import.badBytes', { encoding: ctx.encoding }) });
      }
    });
    return { ok: false, issues };
  }

  const id = cell('id');
  if (!id) {
    issue('id', say('import.idEmpty'));
    return { ok: false, issues };
  }
  const first = ctx.seen.get(id.toLowerCase());
  if (first?.id === id) {
    issue('id', say('import.idRepeated', { id, row: first.row }));
    return { ok: false, issues };
  }
  if (first) {
    issue('id', say('import.idCaseTwin', { id, other: first.id, row: first.row }));
    return { ok: false, issues };
  }
  ctx.seen.set(id.toLowerCase(), { id, row: r.row });
  const twin = ctx.existing.has(id) ? undefined : ctx.existingByLower.get(id.toLowerCase());
  if (twin) {
    issue('id', say('import.idCaseExisting', { id, other: twin }));
    return { ok: false, issues };
  }

  const previous = ctx.existing.get(id);
  const draft: Record<string, unknown> = previous ? { ...previous } : { id, groupTypes: [], active: true };
  for (const f of TEXT_FIELDS) if (has(f)) draft[f] = cell(f);
  if (has('cloudStoreUrl')) {
    const url = cell('cloudStoreUrl');
    if (url) draft.cloudStoreUrl = url;
    else delete draft.cloudStoreUrl;
  }
  if (has('groupTypes')) {
    const { ids, unknown, ambiguous } = matchGroupTypes(cell('groupTypes'), ctx.groupTypes);
    const known = ctx.groupTypes.map((g) => `${g.name} (${g.id})`).join(', ') || 'none defined yet';
    if (unknown.length) issue('groupTypes', say('import.unknownGroup', { names: unknown.map((u) => `"${u}"`).join(', '), known }));
    if (ambiguous.length) issue('groupTypes', say('import.ambiguousGroup', { names: ambiguous.map((u) => `"${u}"`).join(', ') }));
    draft.groupTypes = ids;
  }
  // Yes/no columns: an empty cell keeps the current value.
  for (const f of ['active', 'delivery'] as const) {
    if (!has(f) || !cell(f)) continue;
    const word = cell(f).toLowerCase();
    if (TRUE_WORDS.has(word)) draft[f] = true;
    else if (FALSE_WORDS.has(word)) draft[f] = false;
    else issue(f, say('import.notYesNo', { value: cell(f) }));
  }
  const avatarPath = has('avatar') && cell('avatar') ? cell('avatar') : undefined;

  const parsed = StoreOwnerInput.safeParse(draft);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? 'id') as StoreField;
      issue(field, valueIssueText(i));
    }
  }
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, value: { row: r.row, store: parsed.data, previous, avatarPath } };
}

/** Fields whose value differs between two versions of a store. */
export function changedFields(before: StoreOwner | undefined, after: StoreOwner): string[] {
  if (!before) return [];
  return (Object.keys({ ...before, ...after }) as (keyof StoreOwner)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
