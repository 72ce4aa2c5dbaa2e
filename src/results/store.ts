import { open, mkdir, readFile, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { ActivityRecord, ClickRecord, OrderRecord } from './types.js';

/** The files of results/ (one JSON object a line, appended; see docs/results.md). */
export const RESULT_FILES = { orders: 'orders.jsonl', clicks: 'clicks.jsonl', activity: 'portal-activity.jsonl' } as const;
type Kind = keyof typeof RESULT_FILES;
type RecordOf<K extends Kind> = K extends 'orders' ? OrderRecord : K extends 'clicks' ? ClickRecord : ActivityRecord;

/** Everything read back so far: orders by id (last line wins), clicks by key, portal activity. */
export interface ResultsData {
  orders: Map<string, OrderRecord>;
  clicks: Map<string, ClickRecord>;
  activity: ActivityRecord[];
}

/** Parses JSON lines; a line cut short by a crash (the last one) or damaged by hand is skipped. */
function parseLines<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      /* a torn or hand-damaged line: the rest of the file still counts */
    }
  }
  return out;
}

/**
 * The results files of one workspace. Orders and clicks can run to hundreds of thousands of rows,
 * so they live in append-only JSON-lines files beside studio.json instead of inside it (where every
 * autosave would rewrite and back them up). Appends run one at a time; what was read is kept while
 * the files do not change.
 */
export class ResultsStore {
  private queue: Promise<unknown> = Promise.resolve();
  private memo: { stamp: string; data: ResultsData } | undefined;

  constructor(readonly dir: string) {}

  /** Absolute path of one results file. */
  file(kind: Kind): string {
    return path.join(this.dir, RESULT_FILES[kind]);
  }

  /** Runs `fn` after every earlier exclusive run (an import reads, dedupes and appends as one step). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async stamp(): Promise<string> {
    const parts = await Promise.all(
      (Object.keys(RESULT_FILES) as Kind[]).map(async (k) => {
        const s = await stat(this.file(k)).catch(() => undefined);
        return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '-';
      }),
    );
    return parts.join('|');
  }

  /** Reads everything (kept in memory while the files are unchanged). */
  async read(): Promise<ResultsData> {
    const stamp = await this.stamp();
    if (this.memo?.stamp === stamp) return this.memo.data;
    const text = (k: Kind) => readFile(this.file(k), 'utf8').catch(() => '');
    const [o, c, a] = await Promise.all([text('orders'), text('clicks'), text('activity')]);
    const orders = new Map<string, OrderRecord>();
    for (const r of parseLines<OrderRecord>(o)) if (typeof r?.id === 'string') orders.set(r.id, r);
    const clicks = new Map<string, ClickRecord>();
    for (const r of parseLines<ClickRecord>(c)) if (typeof r?.key === 'string') clicks.set(r.key, r);
    const activity = parseLines<ActivityRecord>(a).filter((r) => typeof r?.store === 'string' && typeof r.at === 'string');
    const data = { orders, clicks, activity };
    this.memo = { stamp, data };
    return data;
  }

  /**
   * Appends records as one write. A line left half-written by a crash is cut off first, so the new
   * lines never run into it.
   */
  async append<K extends Kind>(kind: K, records: readonly RecordOf<K>[]): Promise<void> {
    if (!records.length) return;
    await mkdir(this.dir, { recursive: true });
    const file = this.file(kind);
    const fh = await open(file, 'a+');
    try {
      const { size } = await fh.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await truncate(file, await lastNewline(file, size));
      }
      await fh.appendFile(records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

/** Length of the file up to and including its last newline (0 when it has none). */
async function lastNewline(file: string, size: number): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const chunk = 64 * 1024;
    for (let end = size; end > 0; end -= chunk) {
      const start = Math.max(0, end - chunk);
      const buf = Buffer.alloc(end - start);
      await fh.read(buf, 0, buf.length, start);
      const i = buf.lastIndexOf(0x0a);
      if (i >= 0) return start + i + 1;
    }
    return 0;
  } finally {
    await fh.close();
  }
}
