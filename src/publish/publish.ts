import { findStore, StudioError, throwIfCancelled, type LongWork, type StoreOwner, type StudioData } from '../model/index.js';
import { PackLocator } from '../portal/packs.js';
import { activeToken } from '../portal/tokens.js';
import type { ObjectStore } from '../storage/store.js';
import { MANIFEST, PAGE, storeRoot, ZIP } from './layout.js';
import { parsePublishedManifest, planStore, zipObject, type PlannedObject, type PublishedManifest, type StorePlan } from './store-plan.js';
import { beaconUrl, pageUrl, type ResolvedTarget } from './target.js';

/** Which stores to publish (default: every active store). */
export interface PublishOptions {
  stores?: string[];
}

/** What a publish runs with: the opened bucket, the resolved target, progress and cancel. */
export interface PublishEnv extends LongWork {
  bucket: ObjectStore;
  target: ResolvedTarget;
  clock?: () => Date;
  /** Uploads in flight at once within a store (default 4). */
  concurrency?: number;
  /** Tests only (kill tests): milliseconds to wait after a store's files, before its page. */
  pauseBeforePageMs?: number;
  /** Called as each store is done (the caller records publish.json). */
  onStore?: (report: StoreReport) => void | Promise<void>;
}

/** One store in a publish result. */
export interface StoreReport {
  store: string;
  storeName: string;
  /** The published page (empty when the store was skipped). */
  url: string;
  status: 'published' | 'unchanged' | 'skipped';
  /** Why a store was skipped. */
  reason?: string;
  /** False when every entry had expired: the page only says so. */
  live?: boolean;
  uploaded: number;
  skipped: number;
  deleted: number;
  publishedAt?: string;
  packKey?: string;
  token?: string;
}

/** What a publish did. */
export interface PublishResult {
  target: string;
  publicBase: string;
  stores: StoreReport[];
  uploaded: number;
  skipped: number;
  deleted: number;
  bytes: number;
  /** Published paths of old (rotated or revoked) tokens and inactive stores that were removed. */
  removedPaths: number;
  notes: string[];
  seconds: number;
}

/** A store with what is already published for it and what must change. */
interface Work {
  plan: StorePlan;
  remote?: PublishedManifest;
  /** Keys under the store's root and their sizes, as listed. */
  sizes: Map<string, number>;
  files: PlannedObject[];
  zip: boolean;
  page: boolean;
  report: StoreReport;
}

/** Every object under p/, grouped by token: token → (key under the token's root → size). */
async function listPublished(bucket: ObjectStore): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const o of await bucket.list('p/')) {
    const m = /^p\/([^/]+)\/(.+)$/.exec(o.key);
    if (!m) continue;
    const keys = out.get(m[1]!) ?? new Map<string, number>();
    keys.set(m[2]!, o.size);
    out.set(m[1]!, keys);
  }
  return out;
}

/** Runs `fn` over items with `n` lanes, stopping (no new items) once the signal fires. */
async function lanes<T>(items: readonly T[], n: number, signal: AbortSignal | undefined, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      throwIfCancelled(signal);
      await fn(items[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, lane));
}

/** Deletes everything under a token's root, the page first (so it never links removed files). */
async function removeRoot(bucket: ObjectStore, token: string, keys: Iterable<string>, signal?: AbortSignal): Promise<number> {
  const order = [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  for (const k of order) {
    throwIfCancelled(signal);
    await bucket.delete(`${storeRoot(token)}${k}`);
  }
  return order.length;
}
const rank = (k: string) => (k === PAGE ? 0 : k === MANIFEST ? 1 : 2);

/**
 * Publishes the workspace's current packs (what export wrote to packs/) to S3-compatible storage:
 * each active store's pack under `p/<store token>/`. Incremental: a file whose content-addressed
 * key is already there, and a page, zip or manifest equal to the published one, are not uploaded.
 * Expired entries are never published. Per store the files go first, then the zip, then the page,
 * then the manifest, and only then are objects the new page no longer links deleted: a publish
 * cut off at any point leaves every page linking only objects that exist, and the next publish
 * completes it. Afterwards the paths of tokens no store holds any more (rotated, revoked, store
 * deactivated) are removed.
 */
export async function runPublish(data: StudioData, packsDir: string, opts: PublishOptions, env: PublishEnv): Promise<PublishResult> {
  const started = Date.now();
  const { bucket, target, signal, onProgress } = env;
  const now = (env.clock ?? (() => new Date()))().getTime();
  const notes: string[] = [];
  const reports: StoreReport[] = [];
  const skip = (s: StoreOwner, reason: string) => reports.push({ store: s.id, storeName: s.storeName, url: '', status: 'skipped', reason, uploaded: 0, skipped: 0, deleted: 0 });

  const wanted = opts.stores?.length ? [...new Set(opts.stores)].map((id) => findStore(data, id)) : data.stores.filter((s) => s.active);
  for (const s of wanted) if (!s.active) skip(s, '门店已停用 / the store is not active');
  const stores = wanted.filter((s) => s.active);

  const published = await listPublished(bucket);
  const locator = new PackLocator(packsDir);
  const work: Work[] = [];
  for (let i = 0; i < stores.length; i++) {
    throwIfCancelled(signal);
    const s = stores[i]!;
    onProgress?.({ done: i, total: stores.length, current: `检查 check ${s.storeName}` });
    const token = activeToken(data, s.id)?.token;
    if (!token) {
      const revoked = data.portal.tokens.some((t) => t.store === s.id && t.revoked);
      skip(s, revoked ? '门店链接已撤销（更换链接后可再次发布）/ the store\'s link was revoked: rotate it to publish again' : '门店还没有专属链接（在工作室或用 shequn portal links 生成）/ the store has no link yet: list portal links to issue one');
      continue;
    }
    const pack = await locator.find(s);
    if (!pack) {
      skip(s, '没有内容包，请先导出 / no pack: export first');
      continue;
    }
    const sizes = published.get(token) ?? new Map<string, number>();
    const remote = sizes.has(MANIFEST) ? parsePublishedManifest(await bucket.get(`${storeRoot(token)}${MANIFEST}`)) : undefined;
    const plan = await planStore(pack, s, token, now, beaconUrl(target, token));
    const remotePage = remote?.files.find((f) => f.path === PAGE);
    const files = plan.files.filter((f) => sizes.get(f.key) !== f.size);
    const zipKept = !!plan.zip && remote?.published.zip?.source === plan.zip.source && sizes.get(ZIP) === remote.published.zip.size;
    const page = !(remotePage?.sha256 === plan.page.sha256 && sizes.get(PAGE) === plan.page.size);
    const report: StoreReport = { store: s.id, storeName: s.storeName, url: pageUrl(target, token), status: 'unchanged', live: plan.live, uploaded: 0, skipped: plan.files.length - files.length, deleted: 0, packKey: plan.packKey, token };
    work.push({ plan, ...(remote ? { remote } : {}), sizes, files, zip: !!plan.zip && !zipKept, page, report });
  }
  onProgress?.({ done: stores.length, total: stores.length, current: '检查完成 checked' });

  // Progress counts uploads and deletions; the ETA follows the bytes (a video outweighs a page).
  const total = work.reduce((n, w) => n + w.files.length + (w.zip ? 1 : 0) + (w.page ? 1 : 0) + 1, 0);
  const bytesPlanned = work.reduce((n, w) => n + w.files.reduce((b, f) => b + f.size, 0) + (w.zip ? w.files.reduce((b, f) => b + f.size, 0) : 0), 0) || 1;
  let done = 0;
  let bytes = 0;
  const phase2 = Date.now();
  const tick = (current: string) => {
    done++;
    const elapsed = (Date.now() - phase2) / 1000;
    const etaSeconds = bytes > 0 ? Math.max(0, Math.round((elapsed / Math.min(bytes, bytesPlanned)) * (bytesPlanned - Math.min(bytes, bytesPlanned)))) : undefined;
    onProgress?.({ done: Math.min(done, total), total, current, ...(etaSeconds !== undefined ? { etaSeconds } : {}) });
  };
  const put = async (w: Work, o: PlannedObject, body?: Buffer) => {
    throwIfCancelled(signal);
    const data = body ?? (await o.read());
    await bucket.put(`${storeRoot(w.plan.token)}${o.key}`, data, {
      contentType: o.contentType,
      cacheControl: o.cacheControl,
      metadata: { sha256: o.sha256 },
      ...(o.contentDisposition ? { contentDisposition: o.contentDisposition } : {}),
      ...(signal ? { signal } : {}),
    });
    bytes += data.length;
    w.report.uploaded++;
    tick(`${w.plan.store.storeName} · ${o.key}`);
  };

  for (const w of work) {
    const { plan, report } = w;
    await lanes(w.files, env.concurrency ?? 4, signal, (f) => put(w, f));
    let zipInfo = plan.zip && !w.zip ? w.remote?.published.zip : undefined;
    if (plan.zip && w.zip) {
      throwIfCancelled(signal);
      const body = await plan.zip.build();
      const o = zipObject(plan.folder, body);
      await put(w, o, body);
      zipInfo = { sha256: o.sha256, size: o.size, source: plan.zip.source };
    } else if (plan.zip) report.skipped++;
    if (env.pauseBeforePageMs && (w.page || w.zip || w.files.length)) await new Promise((r) => setTimeout(r, env.pauseBeforePageMs));
    if (w.page) await put(w, plan.page);
    else report.skipped++;
    const { object, manifest } = plan.manifest(zipInfo, w.remote);
    if (w.remote?.published.content === manifest.published.content && w.sizes.get(MANIFEST) === object.size) {
      report.skipped++;
      tick(`${plan.store.storeName} · ${MANIFEST}`);
    } else await put(w, object);
    report.publishedAt = manifest.published.at;
    // Only now, with the new page and manifest in place, go the objects they no longer link.
    const keep = new Set([...plan.files.map((f) => f.key), PAGE, MANIFEST, ...(plan.zip ? [ZIP] : [])]);
    const stale = [...w.sizes.keys()].filter((k) => !keep.has(k));
    report.deleted += await removeRoot(bucket, plan.token, stale, signal);
    report.status = report.uploaded || report.deleted ? 'published' : 'unchanged';
    reports.push(report);
    await env.onStore?.(report);
  }

  // Paths no store holds any more: rotated or revoked tokens, deactivated stores.
  const held = new Set(data.stores.filter((s) => s.active).map((s) => activeToken(data, s.id)?.token).filter((t): t is string => !!t));
  let removedPaths = 0;
  let removedObjects = 0;
  for (const [token, keys] of published) {
    if (held.has(token)) continue;
    removedObjects += await removeRoot(bucket, token, keys.keys(), signal);
    removedPaths++;
  }
  if (removedPaths) notes.push(`removed ${removedPaths} published path(s) of old links (rotated or revoked tokens, inactive stores)`);

  const sum = (k: 'uploaded' | 'skipped' | 'deleted') => reports.reduce((n, r) => n + r[k], 0);
  const order = new Map(wanted.map((s, i) => [s.id, i]));
  reports.sort((a, b) => (order.get(a.store) ?? 0) - (order.get(b.store) ?? 0));
  return {
    target: target.label,
    publicBase: target.publicBase,
    stores: reports,
    uploaded: sum('uploaded'),
    skipped: sum('skipped'),
    deleted: sum('deleted') + removedObjects,
    bytes,
    removedPaths,
    notes,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Removes the published paths of the given tokens (unpublish); returns the objects deleted. */
export async function unpublishTokens(bucket: ObjectStore, tokens: readonly string[], signal?: AbortSignal): Promise<number> {
  if (!tokens.length) return 0;
  const published = await listPublished(bucket);
  let n = 0;
  for (const t of tokens) {
    const keys = published.get(t);
    if (keys) n += await removeRoot(bucket, t, keys.keys(), signal);
  }
  return n;
}

/** Throws bad_input when publishing would have nothing to say (no active store selected). */
export function assertSomethingToPublish(data: StudioData, opts: PublishOptions): void {
  const active = (opts.stores?.length ? opts.stores.map((id) => findStore(data, id)) : data.stores).filter((s) => s.active);
  if (!active.length) throw new StudioError('bad_input', '没有可发布的门店 / no active store to publish', 'stores');
}
