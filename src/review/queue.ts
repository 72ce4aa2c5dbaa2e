import type { StudioData, TemplateKind } from '../model/index.js';
import { submission } from './machine.js';
import { latestApproved } from './versions.js';

/** Where a version's proof sheet lives, relative to the workspace folder. */
export function proofRelPath(template: string, version: number, suffix = ''): string {
  return `renders/proofs/${template}-v${version}${suffix}.jpg`;
}

/** One line of the review queue. */
export interface QueueItem {
  template: string;
  name: string;
  kind: TemplateKind;
  version: number;
  hash: string;
  submitter: string;
  submittedAt: string;
  /** The previous approved version the proof is compared with, if any. */
  previousApproved: number | null;
  /** Proof sheet path relative to the workspace (it may not be rendered yet). */
  proof: string;
}

/** Every version waiting for review, oldest submission first. */
export function reviewQueue(data: StudioData): QueueItem[] {
  const items: QueueItem[] = [];
  for (const t of data.templates) {
    for (const v of t.versions) {
      if (v.state !== 'in_review') continue;
      const sub = submission(v) ?? { by: v.createdBy, at: v.createdAt };
      items.push({
        template: t.id,
        name: t.name,
        kind: t.kind,
        version: v.version,
        hash: v.hash,
        submitter: sub.by,
        submittedAt: sub.at,
        previousApproved: latestApproved(t, v.version)?.version ?? null,
        proof: proofRelPath(t.id, v.version),
      });
    }
  }
  return items.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.template.localeCompare(b.template));
}
