import { StudioError } from '../model/index.js';
import type { ReviewState, Role, StudioData, Template, TemplateVersion, User } from '../model/index.js';
import { requireRole } from './actors.js';
import { appendAudit } from './audit.js';
import { describeVersions, nowIso } from './versions.js';
import { sourceHash } from '../workspace/hash.js';
import { findTemplate, findVersion } from '../model/index.js';

/** The acts of the review state machine. */
export type ReviewAction = 'submit' | 'approve' | 'request_changes' | 'retire';

interface Rule {
  from: readonly ReviewState[];
  to: ReviewState;
  roles: readonly Role[];
  verb: string;
}

/** The whole state machine: which states each act starts from, where it goes, who may do it. */
export const REVIEW_RULES: Readonly<Record<ReviewAction, Rule>> = {
  submit: { from: ['draft', 'changes_requested'], to: 'in_review', roles: ['editor', 'manager'], verb: 'submit for review' },
  approve: { from: ['in_review'], to: 'approved', roles: ['manager'], verb: 'approve' },
  request_changes: { from: ['in_review'], to: 'changes_requested', roles: ['manager'], verb: 'request changes on' },
  retire: { from: ['draft', 'in_review', 'approved', 'changes_requested'], to: 'retired', roles: ['manager'], verb: 'retire' },
};

/** The acts allowed from a state (editing counts as an act for drafts). */
export function allowedFrom(state: ReviewState): string[] {
  const acts: string[] = (Object.keys(REVIEW_RULES) as ReviewAction[]).filter((a) => REVIEW_RULES[a].from.includes(state));
  if (state === 'draft' || state === 'changes_requested') acts.unshift('edit');
  if (state === 'approved' || state === 'retired') acts.push('add a new version');
  return acts;
}

/** Who submitted a version for review last, and when (from its comment history). */
export function submission(v: TemplateVersion): { by: string; at: string } | undefined {
  const c = [...v.comments].reverse().find((x) => x.action === 'submit');
  return c ? { by: c.by, at: c.at } : undefined;
}

/** Picks the version an act applies to when none is named: the newest one in a state it starts from. */
export function pickVersion(t: Template, action: ReviewAction): TemplateVersion {
  const rule = REVIEW_RULES[action];
  const candidates = t.versions.filter((v) => rule.from.includes(v.state));
  if (action === 'retire' || candidates.length === 0) {
    const why = action === 'retire' ? 'name the version to retire' : `no version is ${rule.from.join(' or ')}`;
    throw new StudioError(action === 'retire' ? 'bad_input' : 'conflict', `template "${t.id}": cannot ${rule.verb} it: ${why} (versions: ${describeVersions(t)})`, 'version');
  }
  return candidates.reduce((a, b) => (b.version > a.version ? b : a));
}

/** One review act as the API and CLI ask for it. */
export interface ReviewRequest {
  template: string;
  version?: number;
  action: ReviewAction;
  actor: User;
  comment?: string;
  at?: string;
}

/** What an act did. */
export interface ReviewResult {
  template: string;
  version: number;
  from: ReviewState;
  state: ReviewState;
  hash: string;
}

/**
 * Applies one review act to `data` (mutates it: pass the draft of ws.update).
 * Refuses with forbidden (wrong role, self-approval) or conflict (illegal from the current state),
 * naming the template, version, current state and what is allowed; logs every act.
 */
export function applyReview(data: StudioData, req: ReviewRequest): ReviewResult {
  const rule = REVIEW_RULES[req.action];
  const t = findTemplate(data, req.template);
  const v = req.version === undefined ? pickVersion(t, req.action) : findVersion(t, req.version);
  const name = `template "${t.id}" v${v.version}`;
  requireRole(req.actor, rule.roles, `${rule.verb} ${name}`);
  if (!rule.from.includes(v.state)) {
    const allowed = allowedFrom(v.state);
    throw new StudioError(
      'conflict',
      `${name} is ${v.state}: cannot ${rule.verb} it (needs ${rule.from.join(' or ')}); allowed from ${v.state}: ${allowed.join(', ') || 'nothing'}`,
      'version',
    );
  }
  if (req.action === 'approve') {
    const sub = submission(v);
    if (sub && sub.by === req.actor.id) {
      throw new StudioError('forbidden', `${name}: "${req.actor.id}" submitted it and cannot approve their own submission; another manager must approve it`, 'as');
    }
  }
  const at = req.at ?? nowIso();
  const comment = req.comment?.trim() ?? '';
  const from = v.state;
  if (!v.hash) v.hash = sourceHash(v.source);
  v.state = rule.to;
  v.comments.push({ by: req.actor.id, at, text: comment, action: req.action });
  appendAudit(data, { at, by: req.actor.id, action: `review.${req.action}`, target: t.id, version: v.version, hash: v.hash, comment });
  return { template: t.id, version: v.version, from, state: v.state, hash: v.hash };
}
