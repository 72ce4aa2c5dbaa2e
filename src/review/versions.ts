import { sourceHash } from '../workspace/hash.js';
import { StudioError, findTemplate, findVersion } from '../model/index.js';
import type { StudioData, Template, TemplateVersion } from '../model/index.js';
import { appendAudit } from './audit.js';

/** The current time as an ISO string (the one clock every review action uses by default). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The highest-numbered version of a template. */
export function latestVersion(t: Template): TemplateVersion {
  return t.versions.reduce((a, b) => (b.version > a.version ? b : a));
}

/** The newest approved version, optionally only among versions below `below`. */
export function latestApproved(t: Template, below = Infinity): TemplateVersion | undefined {
  return t.versions
    .filter((v) => v.state === 'approved' && v.version < below)
    .reduce<TemplateVersion | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
}

/** Short "v1 approved, v2 draft" summary used in error messages. */
export function describeVersions(t: Template): string {
  return t.versions.map((v) => `v${v.version} ${v.state}`).join(', ');
}

/** Fills in missing hashes (versions created before hashing existed); returns how many were set. */
export function ensureHashes(data: StudioData): number {
  let n = 0;
  for (const t of data.templates) {
    for (const v of t.versions) {
      if (!v.hash) {
        v.hash = sourceHash(v.source);
        n++;
      }
    }
  }
  return n;
}

/** Input of addVersion / reviseDraft. */
export interface SourceChange {
  template: string;
  source: string;
  by: string;
  at?: string;
}

function checkSource(source: string, t: Template): void {
  if (!source.trim()) throw new StudioError('bad_input', `template "${t.id}": the source is empty`, 'source');
}

/**
 * Adds version N+1 as a draft (how an approved version is "edited": it never changes itself).
 * Mutates `data` (pass the draft of ws.update) and appends an audit entry.
 */
export function addVersion(data: StudioData, change: SourceChange): TemplateVersion {
  const t = findTemplate(data, change.template);
  checkSource(change.source, t);
  const at = change.at ?? nowIso();
  const v: TemplateVersion = {
    version: latestVersion(t).version + 1,
    source: change.source,
    createdAt: at,
    createdBy: change.by,
    state: 'draft',
    comments: [],
    hash: sourceHash(change.source),
  };
  t.versions.push(v);
  appendAudit(data, { at, by: change.by, action: 'template.add_version', target: t.id, version: v.version, hash: v.hash });
  return v;
}

/**
 * Replaces the source of a draft or changes_requested version in place (both behave as drafts).
 * Anything else is refused: approved versions never change, in-review ones are frozen while reviewed.
 */
export function reviseDraft(data: StudioData, change: SourceChange & { version: number }): TemplateVersion {
  const t = findTemplate(data, change.template);
  const v = findVersion(t, change.version);
  if (v.state !== 'draft' && v.state !== 'changes_requested') {
    const hint = v.state === 'approved' ? ' an approved version never changes: add a new version instead' : v.state === 'in_review' ? ' wait for the review (or ask a manager to request changes)' : ' it is retired: add a new version instead';
    throw new StudioError('conflict', `template "${t.id}" v${v.version} is ${v.state}; only draft or changes_requested versions can be edited;${hint}`, 'version');
  }
  checkSource(change.source, t);
  const at = change.at ?? nowIso();
  v.source = change.source;
  v.hash = sourceHash(change.source);
  appendAudit(data, { at, by: change.by, action: 'template.revise', target: t.id, version: v.version, hash: v.hash });
  return v;
}
