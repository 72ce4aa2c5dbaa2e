import { findTemplate, findVersion, StudioError } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import { loadProof, saveProof, type ProofInfo } from './proof-files.js';
import { renderProof, type ProofOptions, type ProofRenderers } from './proof.js';
import { reviewQueue } from './queue.js';
import { sourceHash } from '../workspace/hash.js';

const FAILURE_TTL_MS = 60_000;

/** Where a version's proof stands, without waiting. */
export type ProofStatus = { state: 'ready'; info: ProofInfo } | { state: 'rendering'; done: number; total: number } | { state: 'failed'; message: string } | { state: 'missing' };

/**
 * The proofs of one open workspace: renders in progress (shared by every caller asking for the same
 * version and source) and recent failures (kept a minute so a page reload does not restart a failing
 * render). One per workspace, in its services; the renderers are handed in (tests pass fakes).
 */
export class ProofService {
  private readonly inFlight = new Map<string, { promise: Promise<ProofInfo>; progress: { done: number; total: number } }>();
  private readonly failed = new Map<string, { message: string; at: number }>();

  constructor(
    private readonly ws: Workspace,
    private readonly renderers: () => ProofRenderers | Promise<ProofRenderers>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private subject(template: string, version: number) {
    const v = findVersion(findTemplate(this.ws.data(), template), version);
    const hash = v.hash || sourceHash(v.source);
    return { v, key: `${template}\u0000${version}\u0000${hash}`, hash };
  }

  /**
   * The proof of a version: the stored one when it was made from the same source (hash), else rendered
   * now and saved under renders/proofs/. `refresh` always re-renders (submit does: the workspace's worst
   * cases may have changed since). Concurrent callers for the same version share one render.
   */
  async ensure(template: string, version: number, refresh = false, opts: ProofOptions = {}): Promise<ProofInfo> {
    const { ws } = this;
    const { v, key, hash } = this.subject(template, version);
    const running = this.inFlight.get(key);
    if (running) return { ...(await running.promise), state: v.state };
    const stored = refresh ? undefined : await loadProof(ws.dir, template, version, hash);
    if (stored) return { ...stored, state: v.state };
    if (ws.readOnly) throw new StudioError('read_only', `the workspace is open read-only: the proof of template "${template}" v${version} cannot be rendered now`);
    const progress = { done: 0, total: 0 };
    const promise = (async () => {
      const at = this.now().toISOString();
      const proof = await renderProof(ws.data(), template, version, await this.renderers(), at, {
        signal: opts.signal,
        onProgress: (p) => {
          Object.assign(progress, { done: p.done, total: p.total });
          opts.onProgress?.(p);
        },
      });
      return saveProof(ws.dir, proof, v.state, at);
    })();
    this.inFlight.set(key, { promise, progress });
    this.failed.delete(key);
    try {
      return { ...(await promise), state: v.state };
    } catch (err) {
      this.failed.set(key, { message: (err as Error).message, at: Date.now() });
      throw err;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Where a version's proof stands, without waiting: ready (with the info), rendering (with progress), failed or missing. */
  async status(template: string, version: number): Promise<ProofStatus> {
    const { v, key, hash } = this.subject(template, version);
    const running = this.inFlight.get(key);
    if (running) return { state: 'rendering', ...running.progress };
    const stored = await loadProof(this.ws.dir, template, version, hash);
    if (stored) return { state: 'ready', info: { ...stored, state: v.state } };
    const f = this.failed.get(key);
    if (f && Date.now() - f.at < FAILURE_TTL_MS) return { state: 'failed', message: f.message };
    return { state: 'missing' };
  }

  /** Starts rendering a proof in the background (no-op when ready or already rendering); errors are kept for status(). */
  start(template: string, version: number): void {
    this.ensure(template, version).catch(() => undefined);
  }

  /** Renders, one after another, the proofs of every version waiting for review that has none yet (call after the server starts). */
  async renderQueue(): Promise<number> {
    let n = 0;
    for (const item of reviewQueue(this.ws.data())) {
      const status = await this.status(item.template, item.version);
      if (status.state !== 'missing') continue;
      await this.ensure(item.template, item.version).catch(() => undefined);
      n++;
    }
    return n;
  }
}
