import { StudioError } from '../model/index.js';
import type { Post, ReviewState, StudioData, TemplateKind, TemplatePin } from '../model/index.js';
import { pinStatuses, type PinStatus } from '../compose/checks/templates.js';
import { appendAudit } from './audit.js';
import { nowIso } from './versions.js';
import { findPost, findTemplate, findVersion, postOf } from '../model/index.js';

const KINDS: readonly TemplateKind[] = ['caption', 'poster', 'video'];

/** What pinVersion did. */
export interface PinResult {
  post: string;
  kind: TemplateKind;
  from?: TemplatePin;
  to: TemplatePin;
  state: ReviewState;
}

/**
 * Moves a post to one template version: the explicit act of adopting a (newer) version.
 * The slot is the template's kind; a non-approved version may be pinned (previews), export refuses it later;
 * a retired version is refused. Mutates `data` and logs the act.
 */
export function pinVersion(
  data: StudioData,
  postId: string,
  templateId: string,
  version: number,
  opts: { by?: string; at?: string; kind?: TemplateKind } = {},
): PinResult {
  const post = findPost(data, postId);
  const t = findTemplate(data, templateId);
  if (opts.kind && opts.kind !== t.kind) {
    throw new StudioError('conflict', `template "${t.id}" is a ${t.kind} template: it cannot fill the ${opts.kind} slot of post "${post.id}"`, 'template');
  }
  const v = findVersion(t, version);
  if (v.state === 'retired') {
    throw new StudioError('conflict', `template "${t.id}" v${v.version} is retired: post "${post.id}" cannot use it (pick an approved version)`, 'version');
  }
  const from = post.templates[t.kind];
  const to = { template: t.id, version: v.version };
  post.templates[t.kind] = to;
  const at = opts.at ?? nowIso();
  const was = from ? `${from.template} v${from.version}` : 'none';
  appendAudit(data, { at, by: opts.by ?? 'local', action: 'post.use_version', target: t.id, version: v.version, hash: v.hash, comment: `post ${post.id} (${t.kind}): ${was} → ${t.id} v${v.version}` });
  return { post: post.id, kind: t.kind, ...(from ? { from } : {}), to, state: v.state };
}

export { pinStatuses, type PinStatus };

/**
 * Throws check_failed naming each pinned template whose version is not approved
 * (details: the PinStatus list of the offending pins). Returns the statuses when all are approved.
 */
export function assertPostShippable(data: StudioData, post: Post | string): PinStatus[] {
  const p = postOf(data, post);
  const statuses = pinStatuses(data, p);
  const bad = statuses.filter((s) => s.state !== 'approved');
  if (bad.length) {
    const list = bad.map((s) => `${s.kind} template "${s.template}" v${s.version} is ${s.state === 'missing' ? 'missing' : s.state}`).join('; ');
    throw new StudioError('check_failed', `post "${p.id}" cannot ship until its pinned template versions are approved: ${list}`, 'templates', bad);
  }
  return statuses;
}

/** Posts that pin a template (any version, or the given one). */
export function postsPinning(data: StudioData, templateId: string, version?: number): { post: string; kind: TemplateKind; version: number }[] {
  const out: { post: string; kind: TemplateKind; version: number }[] = [];
  for (const p of data.posts) {
    for (const kind of KINDS) {
      const pin = p.templates[kind];
      if (pin && pin.template === templateId && (version === undefined || pin.version === version)) out.push({ post: p.id, kind, version: pin.version });
    }
  }
  return out;
}

/**
 * The version of a template that may ship when a post does not pin one (e.g. the default caption
 * template of a channel): its newest approved version. Throws check_failed naming the template when
 * it has none.
 */
export function shippableVersion(data: StudioData, templateId: string): { template: string; version: number; hash: string } {
  const t = findTemplate(data, templateId);
  const approved = t.versions.filter((v) => v.state === 'approved').sort((a, b) => b.version - a.version)[0];
  if (!approved) {
    const states = t.versions.map((v) => `v${v.version} ${v.state}`).join(', ');
    throw new StudioError('check_failed', `${t.kind} template "${t.id}" has no approved version (${states}): nothing made from it can ship`, 'templates', [{ kind: t.kind, template: t.id, states }]);
  }
  return { template: t.id, version: approved.version, hash: approved.hash };
}
