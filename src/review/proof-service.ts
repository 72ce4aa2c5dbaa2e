import { ApiError } from '../api/errors.js';
import type { Workspace } from '../workspace/types.js';
import { loadProof, saveProof, type ProofInfo } from './proof-files.js';
import { renderProof } from './proof.js';
import { proofRenderers } from './renderers.js';
import { findTemplate, findVersion, sourceHash } from './versions.js';

/**
 * The proof of a version: the stored one when it was made from the same source (hash), else rendered
 * now and saved under renders/proofs/. `refresh` always re-renders (submit does: the workspace's worst
 * cases may have changed since).
 */
export async function ensureProof(ws: Workspace, template: string, version: number, refresh = false): Promise<ProofInfo> {
  const data = ws.data();
  const v = findVersion(findTemplate(data, template), version);
  const hash = v.hash || sourceHash(v.source);
  const stored = refresh ? undefined : await loadProof(ws.dir, template, version, hash);
  if (stored) return { ...stored, state: v.state };
  if (ws.readOnly) throw new ApiError('read_only', `the workspace is open read-only: the proof of template "${template}" v${version} cannot be rendered now`);
  const at = new Date().toISOString();
  const proof = await renderProof(data, template, version, await proofRenderers(ws), at);
  return saveProof(ws.dir, proof, v.state, at);
}
