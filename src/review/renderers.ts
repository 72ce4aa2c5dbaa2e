import type { Workspace } from '../workspace/types.js';
import type { ProofRenderers } from './proof.js';

let override: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined;

/** Replaces the renderers proofs use (tests, or a shell with its own render pool); undefined restores the default. */
export function setProofRenderers(factory: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined): void {
  override = factory;
}

/** The renderers proofs of this workspace are made with (the render stages load only when a proof is made). */
export async function proofRenderers(ws: Workspace): Promise<ProofRenderers> {
  if (override) return override(ws);
  const { defaultProofRenderers } = await import('./default-renderers.js');
  return defaultProofRenderers(ws);
}
