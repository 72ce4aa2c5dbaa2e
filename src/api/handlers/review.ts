import type { StudioData, User } from '../../model/index.js';
import { applyReview, type ReviewAction } from '../../review/machine.js';
import { addUserAs, issueKeyAs, requireRole, resolveActor, saveUserAs, type Acting, type Caller } from '../../review/actors.js';
import { listAudit } from '../../review/audit.js';
import { pinVersion, postsPinning } from '../../review/pins.js';
import { loadProof } from '../../review/proof-files.js';
import { reviewQueue } from '../../review/queue.js';
import { addVersion, reviseDraft } from '../../review/versions.js';
import { validateTemplateSource } from '../../review/validate-source.js';
import type { CallContext } from '../context.js';
import type { HandlersFor } from '../handler.js';
import type { reviewMethods } from '../methods/review.js';
import { findTemplate, findVersion } from '../../model/index.js';

/** What the caller proves about who it is: a signed-in user, or the key it presented for `as`. */
export function callerOf(ctx: CallContext): Caller {
  return { signedIn: ctx.signedIn, key: ctx.userKey };
}

/**
 * The acting person when one is named (`as`, with their key) or signed in; otherwise the shell itself
 * (the CLI's or the local studio's identity), which is trusted like someone editing the workspace folder.
 */
export function actorOrShell(d: StudioData, ctx: CallContext, as: string | undefined): Acting {
  if (as !== undefined || ctx.signedIn) return resolveActor(d, callerOf(ctx), as);
  return { id: ctx.user?.id ?? 'local' };
}

function act(action: ReviewAction) {
  return ({ template, version, as, comment }: { template: string; version?: number; as?: string; comment?: string }, ctx: CallContext) =>
    ctx.ws.update((d) => applyReview(d, { template, version, action, actor: resolveActor(d, callerOf(ctx), as), comment, at: ctx.services.clock().toISOString() }));
}

export const reviewHandlers: HandlersFor<typeof reviewMethods> = {
  'review.list': async (_in, { ws }) => {
    const items = reviewQueue(ws.data());
    return Promise.all(items.map(async (i) => ({ ...i, proofReady: !!(await loadProof(ws.dir, i.template, i.version, i.hash)) })));
  },
  'review.submit': async (input, ctx) => {
    const result = await act('submit')(input, ctx);
    try {
      const info = await ctx.services.proofs.ensure(result.template, result.version, true, { signal: ctx.signal, onProgress: ctx.onProgress });
      const problems = info.problems.length ? { proofError: `${info.problems.length} proof case(s) failed: ${info.problems[0]}` } : {};
      return { ...result, proof: info.sheet, ...problems };
    } catch (err) {
      return { ...result, proof: null, proofError: (err as Error).message };
    }
  },
  'review.approve': act('approve'),
  'review.reject': act('request_changes'),
  'review.retire': async (input, ctx) => {
    const result = await act('retire')(input, ctx);
    return { ...result, pinnedBy: postsPinning(ctx.ws.data(), result.template, result.version).map((p) => p.post) };
  },
  'review.proof': async ({ template, version, refresh }, { ws, services, signal, onProgress }) => {
    const v = findVersion(findTemplate(ws.data(), template), version);
    const info = await services.proofs.ensure(template, version, !!refresh, { signal, onProgress });
    return { ...info, state: v.state };
  },
  'templates.addVersion': ({ template, source, as }, ctx) =>
    ctx.ws.update((d) => {
      const who = actorOrShell(d, ctx, as);
      if (who.role) requireRole(who as User, ['editor', 'manager'], `add a version to template "${template}"`);
      const t = d.templates.find((x) => x.id === template);
      if (t) validateTemplateSource(t.kind, template, Math.max(...t.versions.map((x) => x.version)) + 1, source);
      const v = addVersion(d, { template, source, by: who.id });
      return { template, version: v.version, hash: v.hash, state: v.state };
    }),
  'templates.editVersion': ({ template, version, source, as }, ctx) =>
    ctx.ws.update((d) => {
      const who = actorOrShell(d, ctx, as);
      if (who.role) requireRole(who as User, ['editor', 'manager'], `edit template "${template}" v${version}`);
      const t = d.templates.find((x) => x.id === template);
      if (t) validateTemplateSource(t.kind, template, version, source);
      const v = reviseDraft(d, { template, version, source, by: who.id });
      return { template, version: v.version, hash: v.hash, state: v.state };
    }),
  'posts.useVersion': ({ post, template, version, as }, ctx) =>
    ctx.ws.update((d) => {
      const who = actorOrShell(d, ctx, as);
      if (who.role) requireRole(who as User, ['editor', 'manager'], `move post "${post}" to template "${template}" v${version}`);
      return pinVersion(d, post, template, version, { by: who.id });
    }),
  'audit.list': (filter, { ws }) => listAudit(ws.data(), filter),
  'users.add': ({ user, as }, ctx) => ctx.ws.update((d) => addUserAs(d, actorOrShell(d, ctx, as), user, ctx.services.clock().toISOString())),
  'users.save': ({ user, as }, ctx) => ctx.ws.update((d) => saveUserAs(d, actorOrShell(d, ctx, as), user)),
  'users.key': ({ id, as }, ctx) => ctx.ws.update((d) => issueKeyAs(d, actorOrShell(d, ctx, as), id, ctx.services.clock().toISOString())),
  'users.whoami': ({ as }, ctx) => {
    const u = resolveActor(ctx.ws.data(), callerOf(ctx), as);
    return { id: u.id, name: u.name, role: u.role };
  },
};
