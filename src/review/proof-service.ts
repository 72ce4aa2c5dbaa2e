import { ApiError } from '../api/errors.js';
import type { Workspace } from '../workspace/types.js';
import { loadProof, saveProof, type ProofInfo } from './proof-files.js';
import { renderProof, type ProofOptions } from './proof.js';
import { reviewQueue } from './queue.js';
import { proofRenderers } from './renderers.js';
import { findTemplate, findVersion, sourceHash } from './versions.js';

/** Renders in progress, shared by every caller asking for the same version and source. */
const inFlight = new Map<string, { promise: Promise<ProofInfo>; progress: { done: number; total: number } }>();
/** Renders that failed recently (kept a minute so a page reload does not restart a failing render). */
const failed = new Map<string, { message: string; at: number }>();
const FAILURE_TTL_MS = 60_000;

function keyOf(ws: Workspace, template: string, version: number, hash: string): string {
  return `${ws.dir}\u0000${template}\u0000${version}\u0000${hash}`;
}

function subject(ws: Workspace, template: string, version: number) {
  const v = findVersion(findTemplate(ws.data(), template), version);
  return { v, hash: v.hash || sourceHash(v.source) };
}

/**
 * The proof of a version: the stored one when it was made from the same source (hash), else rendered
 * now and saved under renders/proofs/. `refresh` always re-renders (submit does: the workspace's worst
 * cases may have changed since). Concurrent callers for the same version share one render.
 */
export async function ensureProof(ws: Workspace, template: string, version: number, refresh = false, opts: ProofOptions = {}): Promise<ProofInfo> {
  const { v, hash } = subject(ws, template, version);
  const key = keyOf(ws, template, version, hash);
  const running = inFlight.get(key);
  if (running) return { ...(await running.promise), state: v.state };
  const stored = refresh ? undefined : await loadProof(ws.dir, template, version, hash);
  if (stored) return { ...stored, state: v.state };
  if (ws.readOnly) throw new ApiError('read_only', `the workspace is open read-only: the proof of template "${template}" v${version} cannot be rendered now`);
  const progress = { done: 0, total: 0 };
  const promise = (async () => {
    const at = new Date().toISOString();
    const proof = await renderProof(ws.data(), template, version, await proofRenderers(ws), at, {
      signal: opts.signal,
      onProgress: (p) => {
        Object.assign(progress, { done: p.done, total: p.total });
        opts.onProgress?.(p);
      },
    });
    return saveProof(ws.dir, proof, v.state, at);
  })();
  inFlight.set(key, { promise, progress });
  failed.delete(key);
  try {
    return { ...(await promise), state: v.state };
  } catch (err) {
    failed.set(key, { message: (err as Error).message, at: Date.now() });
    throw err;
  } finally {
    inFlight.delete(key);
  }
}

/** Where a version's proof stands, without waiting: ready (with the info), rendering (with progress), failed or missing. */
export async function proofStatus(
  ws: Workspace,
  template: string,
  version: number,
): Promise<{ state: 'ready'; info: ProofInfo } | { state: 'rendering'; done: number; total: number } | { state: 'failed'; message: string } | { state: 'missing' }> {
  const { v, hash } = subject(ws, template, version);
  const key = keyOf(ws, template, version, hash);
  const running = inFlight.get(key);
  if (running) return { state: 'rendering', ...running.progress };
  const stored = await loadProof(ws.dir, template, version, hash);
  if (stored) return { state: 'ready', info: { ...stored, state: v.state } };
  const f = failed.get(key);
  if (f && Date.now() - f.at < FAILURE_TTL_MS) return { state: 'failed', message: f.message };
  return { state: 'missing' };
}

/** Starts rendering a proof in the background (no-op when ready or already rendering); errors are kept for proofStatus. */
export function startProof(ws: Workspace, template: string, version: number): void {
  ensureProof(ws, template, version).catch(() => undefined);
}

/** Renders, one after another, the proofs of every version waiting for review that has none yet (call after the server starts). */
export async function renderQueueProofs(ws: Workspace): Promise<number> {
  let n = 0;
  for (const item of reviewQueue(ws.data())) {
    const status = await proofStatus(ws, item.template, item.version);
    if (status.state !== 'missing') continue;
    await ensureProof(ws, item.template, item.version).catch(() => undefined);
    n++;
  }
  return n;
}
