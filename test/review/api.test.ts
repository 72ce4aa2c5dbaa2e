import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { StudioError } from '../../src/model/index.js';
import type { ProofRenderers } from '../../src/review/proof.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fakeRenderers, type Calls } from './fake-renderers.js';
import { fixture } from './fixture.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { ctx, servicesOf } from '../helpers/session.js';

let ws: Workspace;
let calls: Calls;
/** The renderers this test's proofs use (a test may swap them before its calls). */
let proofRenderers: () => ProofRenderers;
const cli = { id: 'cli', role: 'editor' as const };

beforeEach(async () => {
  ws = await createWorkspace(mkdtempSync(join(tmpdir(), 'rvapi-')), fixture());
  calls = { poster: [], caption: [], video: [] };
  proofRenderers = () => fakeRenderers(calls);
  servicesOf(ws, { proofRenderers: () => proofRenderers() });
});

afterEach(async () => {
  await ws.close();
});

async function refused(p: Promise<unknown>): Promise<StudioError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a refusal');
}

describe('review api', () => {
  it('add-version → submit renders the proof sheet → queue → proof with diff → approve → pin → audit', async () => {
    // A real poster source (new versions are validated before they are saved), marked "new".
    const real = builtinPosterTemplates()[0]!.versions[0]!.source;
    const source = `${real}\n{{!-- new --}}\n`;
    const added = await dispatch('templates.addVersion', { template: 'pos', source, as: 'editor' }, ctx(ws, { user: cli }));
    expect(added).toMatchObject({ template: 'pos', version: 2, state: 'draft' });
    const sub = await dispatch('review.submit', { template: 'pos', as: 'editor' }, ctx(ws, { user: cli }));
    expect(sub).toMatchObject({ template: 'pos', version: 2, from: 'draft', state: 'in_review', proof: 'renders/proofs/pos-v2.jpg' });
    expect(sub.proofError).toBeUndefined();
    const file = join(ws.dir, 'renders/proofs/pos-v2.jpg');
    expect(existsSync(file)).toBe(true);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('jpeg');
    // 3 group types × 3 sizes × 2 worst stores, each rendered once for the sheet.
    expect(calls.poster.filter((c) => c.source.includes('new'))).toHaveLength(18);
    expect(new Set(calls.poster.map((c) => c.store))).toEqual(new Set(['s2', 's3']));
    const queue = await dispatch('review.list', {}, ctx(ws, { user: cli }));
    expect(queue).toEqual([expect.objectContaining({ template: 'pos', version: 2, submitter: 'editor', proof: 'renders/proofs/pos-v2.jpg', proofReady: true, previousApproved: 1 })]);
    const proof = await dispatch('review.proof', { template: 'pos', version: 2 }, ctx(ws, { user: cli }));
    expect(proof).toMatchObject({ sheet: 'renders/proofs/pos-v2.jpg', compare: 'renders/proofs/pos-v2-compare.jpg', width: meta.width, height: meta.height, previousApproved: 1, state: 'in_review' });
    expect(proof.diff.unified).toContain('+{{!-- new --}}');
    expect(proof.cells).toHaveLength(18);
    // The stored proof is reused (same hash): nothing rendered again.
    const before = calls.poster.length;
    await dispatch('review.proof', { template: 'pos', version: 2 }, ctx(ws, { user: cli }));
    expect(calls.poster.length).toBe(before);
    await refused(dispatch('review.approve', { template: 'pos', as: 'editor' }, ctx(ws, { user: cli })));
    expect(await dispatch('review.approve', { template: 'pos', as: 'manager', comment: 'ok' }, ctx(ws, { user: cli }))).toMatchObject({ state: 'approved' });
    expect(await dispatch('posts.useVersion', { post: 'p1', template: 'pos', version: 2 }, ctx(ws, { user: cli }))).toMatchObject({ to: { template: 'pos', version: 2 }, state: 'approved' });
    const audit = await dispatch('audit.list', { target: 'pos' }, ctx(ws, { user: cli }));
    expect(audit.map((a) => [a.by, a.action, a.version])).toEqual([
      ['editor', 'template.add_version', 2],
      ['editor', 'review.submit', 2],
      ['manager', 'review.approve', 2],
      ['cli', 'post.use_version', 2],
    ]);
    expect(new Set(audit.map((a) => a.hash))).toEqual(new Set([added.hash]));
  });

  it('refuses unknown users, impersonation by a signed-in user, and store users', async () => {
    await dispatch('templates.addVersion', { template: 'cap', source: 'x' }, ctx(ws, { user: cli }));
    expect((await refused(dispatch('review.submit', { template: 'cap', as: 'ghost' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect((await refused(dispatch('review.submit', { template: 'cap' }, ctx(ws, { user: cli })))).code).toBe('bad_input');
    expect((await refused(dispatch('review.submit', { template: 'cap', as: 'manager' }, ctx(ws, { user: { id: 'editor', role: 'editor' } })))).code).toBe('forbidden');
    expect((await refused(dispatch('templates.addVersion', { template: 'cap', source: 'y', as: 'shop1' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect((await refused(dispatch('users.add', { user: { id: 'x', role: 'manager' }, as: 'editor' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect(await dispatch('users.add', { user: { id: 'x', role: 'manager' } }, ctx(ws, { user: cli }))).toMatchObject({ id: 'x', role: 'manager' });
    expect(ws.data().templates.find((t) => t.id === 'cap')!.versions[1]!.state).toBe('draft');
  });

  it('reports a proof that fails to render without undoing the submission', async () => {
    proofRenderers = () => {
      const fake = fakeRenderers(calls);
      return {
        ...fake,
        caption: (t, ctx, v) => {
          if (t.source.includes('nope')) throw new Error('strict mode: "vars.nope" not defined');
          return fake.caption(t, ctx, v);
        },
      };
    };
    await dispatch('templates.addVersion', { template: 'cap', source: '{{vars.nope}}' }, ctx(ws, { user: cli }));
    const sub = await dispatch('review.submit', { template: 'cap', as: 'editor' }, ctx(ws, { user: cli }));
    expect(sub.state).toBe('in_review');
    expect(sub.proofError).toMatch(/3 proof case\(s\) failed: .*vars.nope/);
    const proof = await dispatch('review.proof', { template: 'cap', version: 2 }, ctx(ws, { user: cli }));
    expect(proof.problems).toHaveLength(3);
  });

  it('retire reports the posts still pinning the version', async () => {
    const out = await dispatch('review.retire', { template: 'vid', version: 1, as: 'manager' }, ctx(ws, { user: cli }));
    expect(out).toMatchObject({ state: 'retired', pinnedBy: ['p1', 'p2'] });
  });
});
