import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import type { ReviewState } from '../model/index.js';
import type { ProofResult } from './proof.js';
import { proofRelPath } from './queue.js';

/** What is stored next to a proof sheet (renders/proofs/<template>-v<N>.json) and returned by review.proof. */
export interface ProofInfo {
  template: string;
  kind: ProofResult['kind'];
  version: number;
  state: ReviewState;
  hash: string;
  sheet: string;
  compare: string | null;
  width: number;
  height: number;
  cells: string[];
  worstCases: string[];
  problems: string[];
  notes: string[];
  previousApproved: number | null;
  diff: ProofResult['diff'];
  renderedAt: string;
}

/** Absolute paths of a version's proof files inside a workspace folder. */
export function proofFiles(wsDir: string, template: string, version: number): { sheet: string; compare: string; info: string } {
  return {
    sheet: join(wsDir, proofRelPath(template, version)),
    compare: join(wsDir, proofRelPath(template, version, '-compare')),
    info: join(wsDir, proofRelPath(template, version).replace(/\.jpg$/, '.json')),
  };
}

/** Writes the sheet, the comparison and the info JSON (each atomically); returns the info. */
export async function saveProof(wsDir: string, proof: ProofResult, state: ReviewState, renderedAt: string): Promise<ProofInfo> {
  const f = proofFiles(wsDir, proof.template, proof.version);
  await writeFileAtomic(f.sheet, proof.sheet.buf);
  if (proof.compare) await writeFileAtomic(f.compare, proof.compare.buf);
  const info: ProofInfo = {
    template: proof.template,
    kind: proof.kind,
    version: proof.version,
    state,
    hash: proof.hash,
    sheet: relative(wsDir, f.sheet).split('\\').join('/'),
    compare: proof.compare ? relative(wsDir, f.compare).split('\\').join('/') : null,
    width: proof.sheet.width,
    height: proof.sheet.height,
    cells: proof.cells,
    worstCases: proof.worstCases,
    problems: proof.problems,
    notes: proof.notes,
    previousApproved: proof.previousApproved,
    diff: proof.diff,
    renderedAt,
  };
  await writeFileAtomic(f.info, JSON.stringify(info, null, 2));
  return info;
}

/** The stored proof of a version, or undefined when missing or made from another source (hash differs). */
export async function loadProof(wsDir: string, template: string, version: number, hash: string): Promise<ProofInfo | undefined> {
  const f = proofFiles(wsDir, template, version);
  if (!existsSync(f.info) || !existsSync(f.sheet)) return undefined;
  try {
    const info = JSON.parse(await readFile(f.info, 'utf8')) as ProofInfo;
    return info.hash === hash ? { ...info, notes: info.notes ?? [] } : undefined;
  } catch {
    return undefined;
  }
}
