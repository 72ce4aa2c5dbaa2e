/** Where one record came from: the file's name and the row a spreadsheet shows. */
export interface Source {
  file: string;
  row: number;
}

/** What a row is attributed to (any of them may be missing on a partly attributed row). */
export interface Attribution {
  post?: string;
  group?: string;
  store?: string;
  /** Channel kind: group, moments or video. */
  channel?: string;
  /** The hook (head text, or the post's hook for the group type) when the row was imported. */
  hook?: string;
  /** Template versions (`id@version`) the post was made with when the row was imported. */
  templates?: string[];
}

/** One order read back from a cloud-store export (results/orders.jsonl; the last line of an id wins). */
export interface OrderRecord extends Attribution {
  id: string;
  /** Order time in China time, `YYYY-MM-DD HH:MM:SS`. */
  at?: string;
  /** What was paid, in 元. */
  amount: number;
  /** Refunded, closed or cancelled: counted as a refund, not a sale. */
  refund: boolean;
  status?: string;
  product?: string;
  quantity?: number;
  source: Source;
  importedAt: string;
}

/** Clicks read back from a click log: one row (several clicks when the log counts them). */
export interface ClickRecord extends Attribution {
  /** The row's identity: a hash of its cells and its occurrence in the file (re-importing adds nothing). */
  key: string;
  at?: string;
  count: number;
  source: Source;
  importedAt: string;
}

/** A store opened its pack in the staff portal (or downloaded its zip). */
export interface ActivityRecord {
  store: string;
  at: string;
  what: 'index' | 'zip';
}
