import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ActivityEvent, ACTIVITY_KINDS, type ActivityKind } from '../model/index.js';

/**
 * Activity of store pack pages, kept in the workspace folder as append-only files:
 * `activity/<YYYY-MM>.<host>.ndjson`, one JSON event a line.
 *
 * Why not lowdb (studio.json): lowdb rewrites the whole document on every write and has one
 * writer, while events come from many phones at once, from the studio's server and from a portal
 * on a public host (`shequn serve --portal-only`), possibly while the CLI holds the workspace.
 * Appending one short line is O(1), needs no lock (O_APPEND writes of one line land whole), a
 * crash can cost at most the last line (a torn line is skipped on reading), files are split by
 * month (reading `--since` skips older months) and by host, so a public portal's files are merged
 * by copying them into the studio's `activity/` folder, never by editing one file in two places.
 */
export const ACTIVITY_DIR = 'activity';

/** The activity folder of a workspace folder. */
export function activityDir(workspaceDir: string): string {
  return join(workspaceDir, ACTIVITY_DIR);
}

/** What a beacon may report, after checking (the store comes from the token, never from the body). */
export interface BeaconReport {
  kind: ActivityKind;
  path?: string;
  pack?: string;
  via: 'portal' | 'published';
}

/**
 * Reads a beacon body (`{"e":"open|download|copy","f":path,"k":pack,"s":"portal|published"}`, at
 * most 1 KB). A path that is not one of `knownPaths` (when given) is dropped, not stored: only the
 * pack's own file names are ever written. Undefined for anything malformed.
 */
export function parseBeacon(body: unknown, knownPaths?: ReadonlySet<string>): BeaconReport | undefined {
  if (typeof body !== 'string' || body.length > 1024) return undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || !(ACTIVITY_KINDS as readonly unknown[]).includes(v.e)) return undefined;
  const kind = v.e as ActivityKind;
  const via = v.s === 'published' ? 'published' : 'portal';
  const pack = typeof v.k === 'string' && /^[a-f0-9]{16}$/.test(v.k) ? v.k : undefined;
  let path = typeof v.f === 'string' && v.f.length <= 400 && !/[\u0000-\u001f]/.test(v.f) ? v.f.normalize('NFC') : undefined;
  if (path && knownPaths && path !== 'pack.zip' && !knownPaths.has(path)) path = undefined;
  if (kind !== 'open' && !path) return undefined;
  return { kind, via, ...(kind !== 'open' && path ? { path } : {}), ...(pack ? { pack } : {}) };
}

/** Records activity for one workspace folder (one per server; bounded memory). */
export class ActivityLog {
  private readonly recent = new Map<string, number[]>();
  private readonly host: string;
  constructor(
    readonly dir: string,
    private readonly opts: { host?: string; clock?: () => Date; maxPerStore?: number; windowMs?: number } = {},
  ) {
    this.host = (opts.host ?? hostname()).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'host';
  }

  /**
   * Appends one event for `store`; false (nothing written) past the per-store cap (default 200
   * events in 10 minutes), so a page reloaded in a loop cannot fill the disk.
   */
  async record(store: string, report: BeaconReport): Promise<boolean> {
    const now = (this.opts.clock ?? (() => new Date()))();
    const windowMs = this.opts.windowMs ?? 10 * 60_000;
    const list = (this.recent.get(store) ?? []).filter((t) => t > now.getTime() - windowMs);
    if (list.length >= (this.opts.maxPerStore ?? 200)) return false;
    list.push(now.getTime());
    this.recent.set(store, list);
    const event: ActivityEvent = { at: now.toISOString(), store, ...report };
    await mkdir(this.dir, { recursive: true });
    await appendFile(join(this.dir, `${now.toISOString().slice(0, 7)}.${this.host}.ndjson`), JSON.stringify(event) + '\n', 'utf8');
    return true;
  }
}

/** One store's activity since a time. */
export interface StoreActivity {
  store: string;
  lastOpened?: string;
  opens: number;
  downloads: number;
  copies: number;
  /** Packs (key prefixes) whose page was opened. */
  packsOpened: Set<string>;
}

/** Reads every activity file (months from `since` on) and sums it up per store; torn or foreign lines are skipped. */
export async function summarizeActivity(dir: string, opts: { since?: number } = {}): Promise<Map<string, StoreActivity>> {
  const out = new Map<string, StoreActivity>();
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => /^\d{4}-\d{2}\..+\.ndjson$/.test(n)).sort();
  } catch {
    return out;
  }
  const sinceMonth = opts.since !== undefined ? new Date(opts.since).toISOString().slice(0, 7) : undefined;
  for (const name of names) {
    if (sinceMonth && name.slice(0, 7) < sinceMonth) continue;
    const lines = createInterface({ input: createReadStream(join(dir, name), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      let e: ActivityEvent;
      try {
        const parsed = ActivityEvent.safeParse(JSON.parse(line));
        if (!parsed.success) continue;
        e = parsed.data;
      } catch {
        continue;
      }
      if (opts.since !== undefined && Date.parse(e.at) < opts.since) continue;
      let s = out.get(e.store);
      if (!s) out.set(e.store, (s = { store: e.store, opens: 0, downloads: 0, copies: 0, packsOpened: new Set() }));
      if (e.kind === 'open') {
        s.opens++;
        if (!s.lastOpened || e.at > s.lastOpened) s.lastOpened = e.at;
        if (e.pack) s.packsOpened.add(e.pack);
      } else if (e.kind === 'download') s.downloads++;
      else s.copies++;
    }
  }
  return out;
}
