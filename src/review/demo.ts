import type { StudioData, Template } from '../model/index.js';
import { applyReview } from './machine.js';
import { postsPinning } from './pins.js';
import { addVersion, latestApproved } from './versions.js';

const DEMO_PEOPLE = [
  { id: 'editor', name: '内容部·小林', role: 'editor' as const },
  { id: 'manager', name: '品牌经理·周经理', role: 'manager' as const },
];

/** A visible but harmless change for the demo's pending version: a festive red for the first colour, else a marked comment. */
export function demoChange(source: string): string {
  const changed = source.replace(/#[0-9a-fA-F]{6}\b/, '#D7261E');
  return changed !== source ? changed : `${source.replace(/\n*$/, '\n')}{{!-- 新春版 Spring-Festival edition --}}\n`;
}

/** The template the demo puts in review: the one pinned by most posts at an approved version (posters first). */
function pickTemplate(data: StudioData): Template | undefined {
  const order = { poster: 0, caption: 1, video: 2 } as const;
  const scored = data.templates
    .map((t) => {
      const approved = latestApproved(t);
      const pins = approved ? postsPinning(data, t.id).filter((p) => t.versions.find((v) => v.version === p.version)?.state === 'approved').length : 0;
      return { t, pins, approved };
    })
    .filter((x) => x.approved);
  scored.sort((a, b) => b.pins - a.pins || order[a.t.kind] - order[b.t.kind] || a.t.id.localeCompare(b.t.id));
  return scored[0]?.t;
}

/**
 * Makes the demo's review queue non-empty without blocking any export: a NEW version (N+1) of a template
 * whose approved version the posts pin, added and submitted by `editor`. Adds the users `editor` and
 * `manager` when missing. Idempotent (does nothing when something is already in review). Mutates `data`.
 */
export function addDemoReviewQueue(
  data: StudioData,
  opts: { template?: string; source?: string; at?: string; comment?: string } = {},
): { template: string; version: number } | undefined {
  for (const t of data.templates) {
    const pending = t.versions.find((v) => v.state === 'in_review');
    if (pending) return { template: t.id, version: pending.version };
  }
  for (const p of DEMO_PEOPLE) if (!data.users.some((u) => u.id === p.id)) data.users.push({ ...p });
  const t = opts.template ? data.templates.find((x) => x.id === opts.template) : pickTemplate(data);
  const base = t && latestApproved(t);
  if (!t || !base) return undefined;
  const at = opts.at ?? '2026-11-24T10:00:00+08:00';
  const editor = data.users.find((u) => u.id === 'editor')!;
  const v = addVersion(data, { template: t.id, source: opts.source ?? demoChange(base.source), by: editor.id, at });
  applyReview(data, { template: t.id, version: v.version, action: 'submit', actor: editor, comment: opts.comment ?? '新春版配色，请周经理过目', at });
  return { template: t.id, version: v.version };
}
