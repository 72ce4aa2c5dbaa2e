import { StudioError, type Progress, type StudioData } from '../../model/index.js';
import { PackLocator } from '../../portal/packs.js';
import { activityDir, summarizeActivity } from '../../portal/activity.js';
import { issueMissingTokens } from '../../portal/tokens.js';
import { assertSomethingToPublish, runPublish, unpublishTokens, type PublishResult } from '../../publish/publish.js';
import { environmentHasKey, secretName } from '../../publish/secrets.js';
import { readPublishState, updatePublishState, withPublishLock, writePublishState, type PublishState } from '../../publish/state.js';
import { openTarget, resolveTarget, type ResolvedTarget } from '../../publish/target.js';
import type { Workspace } from '../../workspace/types.js';
import type { CallContext } from '../context.js';
import type { HandlersFor } from '../handler.js';
import type { activityMethods, publishMethods } from '../methods/publish.js';
import type { MethodInput } from '../contract.js';
import type { Services } from '../services.js';

/** The target a publish uses: the one given, else the saved one, else a bad_input saying how to set one. */
async function targetFor(ws: Workspace, given: MethodInput<'publish.run'>['target']): Promise<ResolvedTarget> {
  const settings = given ?? (await readPublishState(ws.dir)).target;
  if (!settings) throw new StudioError('bad_input', '还没有设置发布位置：在工作室“发布”中设置，或用 --to s3://BUCKET/PREFIX / no publish target: set one in the studio (Publish) or pass --to s3://BUCKET/PREFIX', 'to');
  return resolveTarget(settings);
}

/**
 * Publishes under the publish lock, recording each store's page in publish.json as it is done
 * (at most every 2 s, and at the end whatever happened), so a cut-off run still shows what it did.
 */
async function publish(ws: Workspace, services: Services, input: MethodInput<'publish.run'>, target: ResolvedTarget, work: { signal?: AbortSignal; onProgress?: (p: Progress) => void }): Promise<PublishResult> {
  const bucket = openTarget(target, { credentials: await services.secrets.get(secretName(target.settings)) });
  try {
    return await withPublishLock(ws.dir, async () => {
      const { notice: _n, ...state } = await readPublishState(ws.dir);
      let flushed = Date.now();
      let touched = false;
      const flush = () => writePublishState(ws.dir, state);
      let result: PublishResult | undefined;
      try {
        result = await runPublish(ws.data(), ws.paths.packs, { ...(input.stores ? { stores: input.stores } : {}) }, {
          bucket,
          target,
          clock: services.clock,
          ...work,
          ...(services.hooks.publishPauseMs ? { pauseBeforePageMs: services.hooks.publishPauseMs } : {}),
          onStore: async (r) => {
            if (!touched) state.target = target.settings;
            touched = true;
            if (r.token && r.publishedAt && r.packKey) state.stores[r.store] = { token: r.token, url: r.url, publishedAt: r.publishedAt, packKey: r.packKey, live: r.live ?? true };
            if (Date.now() - flushed > 2000) {
              flushed = Date.now();
              await flush();
            }
          },
        });
        return result;
      } finally {
        if (touched || result) {
          state.target = target.settings;
          // Stores whose recorded page belongs to a token no store holds any more were removed.
          const held = new Set(ws.data().portal.tokens.filter((t) => !t.revoked).map((t) => t.token));
          for (const [id, s] of Object.entries(state.stores)) if (!held.has(s.token)) delete state.stores[id];
          state.lastRun = { at: services.clock().toISOString(), uploaded: result?.uploaded ?? 0, skipped: result?.skipped ?? 0, deleted: result?.deleted ?? 0, ok: !!result };
          await flush();
        }
      }
    });
  } finally {
    bucket.close();
  }
}

/** Checks what can be checked before a job starts (target, stores), issuing links to stores that have none. */
async function prepare(ctx: CallContext, input: MethodInput<'publish.run'>): Promise<ResolvedTarget> {
  const target = await targetFor(ctx.ws, input.target);
  await issueMissingTokens(ctx.ws);
  assertSomethingToPublish(ctx.ws.data(), input);
  return target;
}

/** `since` as an instant: a date alone is the start of that day in China time, like valid-until. */
function sinceInstant(since: string | undefined): number | undefined {
  if (!since) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(since) ? Date.parse(`${since}T00:00:00+08:00`) : Date.parse(since);
  if (Number.isNaN(t)) throw new StudioError('bad_input', `since: "${since}" is not a date (use 2026-12-01)`, 'since');
  return t;
}

/** Per store: activity since `since` and whether the page of the newest pack was opened. */
async function activityRows(ws: Workspace, data: StudioData, since?: number) {
  const summary = await summarizeActivity(activityDir(ws.dir), since !== undefined ? { since } : {});
  const packs = new PackLocator(ws.paths.packs);
  const rows = [];
  for (const s of data.stores.filter((x) => x.active)) {
    const a = summary.get(s.id);
    const pack = await packs.find(s);
    const newest = pack?.manifest.packKey.slice(0, 16);
    rows.push({ store: s.id, storeName: s.storeName, ...(a?.lastOpened ? { lastOpened: a.lastOpened } : {}), opens: a?.opens ?? 0, downloads: a?.downloads ?? 0, copies: a?.copies ?? 0, openedNewest: !!newest && !!a?.packsOpened.has(newest) });
  }
  return rows;
}

async function settingsOf(ws: Workspace, services: Services, state?: PublishState & { notice?: string }) {
  const s = state ?? (await readPublishState(ws.dir));
  const present = s.target ? await services.secrets.has(secretName(s.target)) : services.secrets.source === 'environment' && environmentHasKey();
  let publicBase: string | undefined;
  try {
    publicBase = s.target ? resolveTarget(s.target).publicBase : undefined;
  } catch {
    publicBase = undefined;
  }
  return { ...(s.target ? { target: s.target } : {}), ...(publicBase ? { publicBase } : {}), credentials: { source: services.secrets.source, present }, ...(s.notice ? { notice: s.notice } : {}) };
}

export const publishHandlers: HandlersFor<typeof publishMethods> = {
  'publish.settings': (_input, { ws, services }) => settingsOf(ws, services),
  'publish.configure': async ({ target, credentials }, { ws, services }) => {
    if (target) resolveTarget(target); // refuse a bad target before anything is kept
    const before = (await readPublishState(ws.dir)).target;
    if (credentials !== undefined) {
      const named = target ?? before;
      if (!named) throw new StudioError('bad_input', '请先填写发布位置 / set the target before its key', 'to');
      await services.secrets.set(secretName(named), credentials);
    } else if (!target && before && services.secrets.source === 'keychain') {
      await services.secrets.set(secretName(before), null);
    }
    const state = await updatePublishState(ws.dir, (s) => {
      if (target) s.target = target;
      else delete s.target;
    });
    return settingsOf(ws, services, state);
  },
  'publish.start': async (input, ctx) => {
    const target = await prepare(ctx, input);
    const job = ctx.services.jobs.start('publish', ({ signal, onProgress }) => publish(ctx.ws, ctx.services, input, target, { signal, onProgress }));
    return { job: job.id };
  },
  'publish.run': async (input, ctx) => {
    const target = await prepare(ctx, input);
    return publish(ctx.ws, ctx.services, input, target, { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
  },
  'publish.status': async (_input, { ws }) => {
    const state = await readPublishState(ws.dir);
    const data = ws.data();
    const packs = new PackLocator(ws.paths.packs);
    const rows = await activityRows(ws, data);
    const stores = [];
    for (const r of rows) {
      const p = state.stores[r.store];
      const pack = await packs.find(data.stores.find((s) => s.id === r.store)!);
      stores.push({ ...r, packed: !!pack, ...(p ? { url: p.url, publishedAt: p.publishedAt, live: p.live, current: pack?.manifest.packKey === p.packKey } : {}) });
    }
    let publicBase: string | undefined;
    try {
      publicBase = state.target ? resolveTarget(state.target).publicBase : undefined;
    } catch {
      publicBase = undefined;
    }
    return { ...(state.target ? { target: state.target.to } : {}), ...(publicBase ? { publicBase } : {}), ...(state.lastRun ? { lastRun: state.lastRun } : {}), stores };
  },
  'publish.unpublish': async ({ stores }, { ws, services, signal }) => {
    const target = await targetFor(ws, undefined);
    const state = await readPublishState(ws.dir);
    const data = ws.data();
    const ids = stores?.length ? stores : data.stores.map((s) => s.id);
    const tokens = new Set<string>();
    for (const id of ids) {
      const recorded = state.stores[id]?.token;
      if (recorded) tokens.add(recorded);
      for (const t of data.portal.tokens) if (t.store === id) tokens.add(t.token);
    }
    const bucket = openTarget(target, { credentials: await services.secrets.get(secretName(target.settings)) });
    try {
      return await withPublishLock(ws.dir, async () => {
        const deleted = await unpublishTokens(bucket, [...tokens], signal);
        await updatePublishState(ws.dir, (s) => {
          for (const id of ids) delete s.stores[id];
        });
        return { stores: ids, deleted };
      });
    } finally {
      bucket.close();
    }
  },
};

export const activityHandlers: HandlersFor<typeof activityMethods> = {
  'activity.list': async ({ since }, { ws }) => {
    const t = sinceInstant(since);
    return { ...(since ? { since: new Date(t!).toISOString() } : {}), stores: await activityRows(ws, ws.data(), t) };
  },
};
