import { readFileSync } from 'node:fs';
import { findAbove } from '../../workspace/builtin-files.js';

/** One absolute term of the rules file. */
export interface AdLawTerm {
  term: string;
  severity: 'error' | 'warning';
  /** Ordinary words containing the term that are not claims (e.g. 最近 for 最). */
  allow?: string[];
}

/** templates/rules/ad-law-terms.json. */
export interface AdLawRules {
  law: { zh: string; en: string };
  article: string;
  terms: AdLawTerm[];
}

/** One occurrence of a term in a text. */
export interface AdLawMatch {
  term: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
}

/** Upper-cases a-z only, so offsets stay those of the original text. */
const upperAscii = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** The rules with their terms compiled into one matcher (what loadAdLawRules returns; a compose cache keeps it). */
export interface LoadedAdLawRules extends AdLawRules {
  readonly matcher: Matcher;
}

/** Reads and checks the rules file and compiles its matcher; `file` overrides templates/rules/ad-law-terms.json. */
export function loadAdLawRules(file?: string): LoadedAdLawRules {
  const raw = JSON.parse(readFileSync(file ?? findAbove('templates/rules/ad-law-terms.json'), 'utf8')) as AdLawRules;
  if (!raw.law?.zh || !Array.isArray(raw.terms)) throw new Error('ad-law-terms.json: needs "law" {zh, en} and "terms"');
  for (const t of raw.terms) {
    if (!t.term || (t.severity !== 'error' && t.severity !== 'warning')) throw new Error(`ad-law-terms.json: bad term ${JSON.stringify(t)}`);
    for (const a of t.allow ?? []) if (!a.includes(t.term)) throw new Error(`ad-law-terms.json: allowed word "${a}" does not contain "${t.term}"`);
  }
  return { ...raw, matcher: compileMatcher(raw) };
}

type Matcher = { re: RegExp; byTerm: ReadonlyMap<string, AdLawTerm & { allowUpper: string[] }> };

/** One regex for all terms, longest first so that at one position the longest term wins. */
function compileMatcher(rules: AdLawRules): Matcher {
  const terms = [...rules.terms].sort((a, b) => b.term.length - a.term.length);
  const re = new RegExp(terms.map((t) => upperAscii(t.term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const byTerm = new Map(terms.map((t) => [upperAscii(t.term), { ...t, allowUpper: (t.allow ?? []).map(upperAscii) }]));
  return { re, byTerm };
}

function matcher(rules: AdLawRules): Matcher {
  return 'matcher' in rules ? (rules as LoadedAdLawRules).matcher : compileMatcher(rules);
}

/**
 * Finds the absolute terms in a text (Latin letters case-insensitive). An occurrence inside an
 * allowed word is skipped; where terms overlap, the leftmost and then the longest wins.
 */
export function findAdLawTerms(text: string, rules: AdLawRules): AdLawMatch[] {
  const { re, byTerm } = matcher(rules);
  const hay = upperAscii(text);
  const out: AdLawMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(hay); m; m = re.exec(hay)) {
    const t = byTerm.get(m[0])!;
    const i = m.index;
    const allowed = t.allowUpper.some((w) => {
      for (let k = w.indexOf(m![0]); k >= 0; k = w.indexOf(m![0], k + 1)) if (i - k >= 0 && hay.startsWith(w, i - k)) return true;
      return false;
    });
    if (allowed) {
      re.lastIndex = i + 1;
      continue;
    }
    out.push({ term: t.term, severity: t.severity, start: i, end: i + m[0].length });
  }
  return out;
}

/** A short excerpt around [start, end) for lists. */
export function excerpt(text: string, start: number, end: number, pad = 8): string {
  const a = Math.max(0, start - pad);
  const b = Math.min(text.length, end + pad);
  return `${a > 0 ? '…' : ''}${text.slice(a, b).replace(/\n/g, ' ')}${b < text.length ? '…' : ''}`;
}
