import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../workspace/lock.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import type { Workspace } from '../workspace/types.js';

/** The file a running server leaves in its workspace: where the portal is served, by which process. */
export const SERVING_FILE = '.serving.json';

/** A server's portal address as recorded in the workspace. */
export interface ServingRecord {
  pid: number;
  host: string;
  port: number;
}

/** Records that this process serves the workspace's portal at `address` (best effort: links still work without it). */
export async function recordServing(ws: Workspace, address: { host: string; port: number }): Promise<void> {
  const record: ServingRecord = { pid: process.pid, ...address };
  await writeFileAtomic(join(ws.dir, SERVING_FILE), JSON.stringify(record) + '\n').catch(() => undefined);
}

/** Removes the record when it is still this server's. */
export async function forgetServing(ws: Workspace, address: { host: string; port: number }): Promise<void> {
  const now = await readServing(ws.dir);
  if (now && now.pid === process.pid && now.port === address.port) await rm(join(ws.dir, SERVING_FILE), { force: true });
}

/**
 * The address a live server records for the workspace folder `dir`, or undefined (none, or its
 * process is gone): `shequn portal links` uses it while `shequn serve` or the desktop app holds the
 * workspace, so the links it prints carry the port that is really served.
 */
export async function readServing(dir: string): Promise<ServingRecord | undefined> {
  try {
    const r = JSON.parse(await readFile(join(dir, SERVING_FILE), 'utf8')) as Partial<ServingRecord>;
    if (typeof r.pid !== 'number' || typeof r.host !== 'string' || typeof r.port !== 'number') return undefined;
    return processAlive(r.pid) ? (r as ServingRecord) : undefined;
  } catch {
    return undefined;
  }
}
