import { findPost, type StudioData } from '../model/index.js';
import { ComposeCache } from './cache.js';
import { checkPost, dedupeFindings, finding, type Finding } from './checks/index.js';
import { composeAll, type ComposeOptions } from './compose.js';
import { postSections } from './context.js';
import { SectionError } from './sections.js';

/** What `shequn check` and `check.run` report. */
export interface CheckReport {
  findings: (Finding & { variants: number })[];
  errors: number;
  warnings: number;
  /** How many variants were composed and checked. */
  variants: number;
}

/**
 * Runs every check over a workspace (or one post): post-level checks for each post (even one no
 * store runs yet) and every variant composeAll makes; findings repeated across variants are
 * collapsed (`variants` counts them). Errors first, then by post, group, store.
 */
export function checkWorkspace(data: StudioData, filter: { post?: string } = {}, opts: ComposeOptions = {}): CheckReport {
  if (filter.post) findPost(data, filter.post);
  const cache = opts.cache ?? new ComposeCache();
  const rules = cache.adLaw();
  const all: Finding[] = [];
  for (const post of data.posts) {
    if (filter.post ? post.id !== filter.post : post.status === 'archived') continue;
    try {
      all.push(...checkPost(post, postSections(post, cache), rules));
    } catch (err) {
      if (!(err instanceof SectionError)) throw err;
      all.push(finding('error', 'section.unreadable', `无法读取：${err.message}`, `Cannot read: ${err.message}`, { post: post.id, section: err.section as Finding['section'] }));
    }
  }
  const variants = composeAll(data, filter, { ...opts, cache });
  for (const v of variants) all.push(...v.findings);
  const findings = dedupeFindings(all).sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.post ?? '').localeCompare(b.post ?? '') || (a.group ?? '').localeCompare(b.group ?? '') || (a.store ?? '').localeCompare(b.store ?? ''),
  );
  return { findings, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length, variants: variants.length };
}
