import { ApiError } from '../api/errors.js';
import type { Workspace } from '../workspace/types.js';
import type { ProofRenderers } from './proof.js';

let override: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined;

/** Replaces the renderers proofs use (tests, or a shell with its own render pool); undefined restores the default. */
export function setProofRenderers(factory: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined): void {
  override = factory;
}

/** The renderers proofs of this workspace are made with. */
export async function proofRenderers(ws: Workspace): Promise<ProofRenderers> {
  if (override) return override(ws);
  throw new ApiError('internal', 'proof rendering is not wired to src/render yet');
}
