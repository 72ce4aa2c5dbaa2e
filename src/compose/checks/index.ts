/** The content checks (docs/checks.md): post, store and variant level, plus similarity across group types. */
export { finding, type Finding } from './types.js';
export { loadAdLawRules, findAdLawTerms, type AdLawRules, type AdLawTerm, type AdLawMatch } from './adLaw.js';
export { checkPost, checkStore, sectionTerms } from './post.js';
export { checkVariant, type VariantTexts } from './variant.js';
export { checkSimilarity, similarPairs, SIMILARITY_THRESHOLD } from './similarity.js';
export { checkPins, checkFormats, pinStatuses, type PinStatus, type AskedFormats } from './templates.js';
export { checkValidity } from './validity.js';

import type { Finding } from './types.js';

/** True when any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Collapses findings repeated across variants (same rule, place and message) into one, keeping the
 * first occurrence's ids and counting the variants in `variants`.
 */
export function dedupeFindings(findings: readonly Finding[]): (Finding & { variants: number })[] {
  const byKey = new Map<string, Finding & { variants: number }>();
  for (const f of findings) {
    const key = JSON.stringify([f.post, f.ruleId, f.section, f.channel, f.field, f.position?.start, f.position?.end, f.message.zh]);
    const hit = byKey.get(key);
    if (hit) hit.variants++;
    else byKey.set(key, { ...f, variants: 1 });
  }
  return [...byKey.values()];
}
