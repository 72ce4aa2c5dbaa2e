import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StoreOwner } from '../../model/index.js';
import { renderIndexHtml } from '../../pack/index-html.js';
import type { Manifest } from '../../pack/manifest.js';
import { slotTimes } from '../../pack/slots.js';
import type { ResultsStore } from '../../results/store.js';
import { streamZip, zipPackKey, type ZipItem } from '../../pack/zip.js';
import type { Workspace } from '../../workspace/types.js';
import type { ServerPlugin } from '../types.js';
import { gone, notFound, portalCsp, tooMany } from './pages.js';
import { entryOf, isExpired, PackLocator, type ServedPack } from '../../portal/packs.js';
import { badTokenGuard, type BadTokenGuard, type BadTokenLimits } from './rate-limit.js';
import { registerBeacon } from './beacon.js';
import type { ActivityLog } from '../../portal/activity.js';
import { storeForToken, TOKEN_SHAPE } from '../../portal/tokens.js';

type TokenReq = FastifyRequest<{ Params: { token: string; '*'?: string } }>;

/** Options of the portal (tests shorten the rate-limit window). */
export interface PortalOptions {
  limits?: BadTokenLimits;
  now?: () => number;
  /** Where beacons are recorded (default: the workspace's activity/ folder). */
  activity?: ActivityLog;
}

/** Reads the caption and channel texts of the entries still shown. */
async function readTexts(pack: ServedPack, now: number): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const e of pack.manifest.entries) {
    if (isExpired(e, now)) continue;
    for (const t of e.texts) texts.set(t.path, await readFile(join(pack.dir, t.path), 'utf8').catch(() => ''));
  }
  return texts;
}

function contentDisposition(folder: string): string {
  return `attachment; filename="pack.zip"; filename*=UTF-8''${encodeURIComponent(folder)}.zip`;
}

/** The zip of what is still valid: streamed on the fly (no Range: its size is not known up front). */
async function liveZipItems(pack: ServedPack, now: number): Promise<ZipItem[]> {
  const m: Manifest = pack.manifest;
  const items: ZipItem[] = [];
  for (const f of m.files) {
    const e = entryOf(m, f);
    if (e && !isExpired(e, now)) items.push({ rel: `${pack.folder}/${f.path}`, abs: join(pack.dir, f.path) });
  }
  const html = renderIndexHtml(m, { texts: await readTexts(pack, now), now, withdrawExpired: true });
  items.unshift({ rel: `${pack.folder}/index.html`, bytes: Buffer.from(html, 'utf8') });
  return items;
}

/** The manifest with the plan's current send slots (re-planning needs no re-export). */
function withLiveSlots(m: Manifest, ws: Workspace): Manifest {
  const data = ws.data();
  return {
    ...m,
    entries: m.entries.map(({ slots: _old, ...e }) => {
      const slots = slotTimes(data, e.post.id, e.group.id);
      return slots.length ? { ...e, slots } : e;
    }),
  };
}

/** Reloads within this window count as one open of a store's pack. */
const OPEN_WINDOW_MS = 10 * 60_000;

/** Notes that a store opened its pack (or took its zip) in results/, once per window; never fails the request. */
function activityRecorder(ws: Workspace, results: ResultsStore, clock: () => number) {
  const last = new Map<string, number>();
  return async (store: string, what: 'index' | 'zip'): Promise<void> => {
    if (ws.readOnly) return;
    const now = clock();
    const key = `${store} ${what}`;
    if (now - (last.get(key) ?? -Infinity) < OPEN_WINDOW_MS) return;
    last.set(key, now);
    await results.append('activity', [{ store, at: new Date(now).toISOString(), what }]).catch(() => undefined);
  };
}

/** Mounts the staff portal: /p/<store token> (index), /p/<token>/files/<path>, /p/<token>/pack.zip. */
export function createPortalPlugin(opts: PortalOptions = {}): ServerPlugin {
  return async (app: FastifyInstance, { ws, services }: { ws: Workspace; services: { results: ResultsStore } }) => {
    const clock = opts.now ?? Date.now;
    const opened = activityRecorder(ws, services.results, clock);
    const packs = new PackLocator(ws.paths.packs);
    let guard: BadTokenGuard | undefined;

    /** The caller's store and pack, or undefined after answering 404/429 (same 404 for every miss). */
    const access = async (req: TokenReq, reply: FastifyReply): Promise<{ store: StoreOwner; pack: ServedPack } | undefined> => {
      const wait = await guard!.blocked(req);
      if (wait) return void tooMany(reply, wait);
      const token = req.params.token;
      const data = ws.data();
      const storeId = TOKEN_SHAPE.test(token) ? storeForToken(data, token) : undefined;
      const store = storeId ? data.stores.find((s) => s.id === storeId) : undefined;
      if (!store) {
        const after = await guard!.fail(req);
        return void (after ? tooMany(reply, after) : notFound(reply));
      }
      const pack = await packs.find(store);
      if (!pack) return void notFound(reply);
      return { store, pack };
    };

    const index = async (req: TokenReq, reply: FastifyReply) => {
      const hit = await access(req, reply);
      if (!hit) return reply;
      const now = clock();
      const { pack } = hit;
      await opened(hit.store.id, 'index');
      const live = pack.manifest.entries.some((e) => !isExpired(e, now));
      const nonce = randomBytes(16).toString('base64');
      const base = `/p/${req.params.token}/`;
      const beacon = { url: `/a/${req.params.token}`, pack: pack.manifest.packKey.slice(0, 16), via: 'portal' as const };
      const html = renderIndexHtml(withLiveSlots(pack.manifest, ws), { base: `${base}files/`, texts: await readTexts(pack, now), now, withdrawExpired: true, nonce, beacon, ...(live ? { zipHref: `${base}pack.zip` } : {}) });
      return reply.header('Cache-Control', 'no-store').header('Content-Security-Policy', portalCsp(nonce)).type('text/html; charset=utf-8').send(html);
    };

    await app.register(async (scope) => {
      guard = await badTokenGuard(scope, (req) => String((req.params as { token?: unknown }).token ?? ''), opts.limits);
      // The activity beacon shares the store pages' bad-token limits (a guesser gains nothing by switching).
      registerBeacon(scope, { ws, guard, packs, ...(opts.activity ? { log: opts.activity } : {}) });
      // Encapsulated: sendFile (Range, ETag, If-Range, 416) only for the portal's routes.
      await scope.register(fastifyStatic, { root: ws.paths.packs, serve: false, cacheControl: false, index: false, dotfiles: 'allow' });

      scope.get('/p/:token', index);
      scope.get('/p/:token/', index);

      scope.get('/p/:token/files/*', async (req: TokenReq, reply) => {
        const hit = await access(req, reply);
        if (!hit) return reply;
        const { pack } = hit;
        const path = (req.params['*'] ?? '').normalize('NFC');
        const file = pack.manifest.files.find((f) => f.path === path && f.role !== 'index');
        if (!file || path.split('/').some((s) => s === '..' || s === '')) return notFound(reply);
        const entry = entryOf(pack.manifest, file);
        if (entry && isExpired(entry, clock())) return gone(reply);
        reply.header('Cache-Control', 'private, no-cache');
        return reply.sendFile(path, pack.dir);
      });

      scope.get('/p/:token/pack.zip', async (req: TokenReq, reply) => {
        const hit = await access(req, reply);
        if (!hit) return reply;
        const { pack } = hit;
        const now = clock();
        const entries = pack.manifest.entries;
        if (!entries.some((e) => !isExpired(e, now))) return gone(reply);
        await opened(hit.store.id, 'zip');
        reply.header('Content-Disposition', contentDisposition(pack.folder)).header('Cache-Control', 'private, no-cache');
        const zipName = `${pack.folder}.zip`;
        const stored = !entries.some((e) => isExpired(e, now)) && (await zipPackKey(join(packs.packsDir, zipName))) === pack.manifest.packKey;
        if (stored) return reply.sendFile(zipName, packs.packsDir);
        const body = new PassThrough();
        streamZip(await liveZipItems(pack, now), body).catch((err) => body.destroy(err as Error));
        return reply.header('Accept-Ranges', 'none').type('application/zip').send(body);
      });
    });
  };
}

/** The portal with default settings, as registered in src/server/plugins.ts. */
export const portalPlugin: ServerPlugin = createPortalPlugin();
