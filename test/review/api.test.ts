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
import { fixture, keyOf } from './fixture.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { ctx, servicesOf } from '../helpers/session.js';

let ws: Workspace;
let calls: Calls;
/** The renderers this test's proofs use (a test may swap them before its calls). */
let proofRenderers: () => ProofRenderers;
const cli = { id: 'cli', role: 'editor' as const };
/** The CLI's context acting as a fixture user, with that user's key (SHEQUN_KEY). */
const as = (id: string) => ctx(ws, { user: cli, userKey: keyOf(id) });

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
    const added = await dispatch('templates.addVersion', { template: 'pos', source, as: 'editor' }, as('editor'));
    expect(added).toMatchObject({ template: 'pos', version: 2, state: 'draft' });
    const sub = await dispatch('review.submit', { template: 'pos', as: 'editor' }, as('editor'));
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
    await refused(dispatch('review.approve', { template: 'pos', as: 'editor' }, as('editor')));
    // Naming the manager without the manager's key (or with the editor's) changes nothing.
    expect((await refused(dispatch('review.approve', { template: 'pos', as: 'manager' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect((await refused(dispatch('review.approve', { template: 'pos', as: 'manager' }, ctx(ws, { user: cli, userKey: keyOf('editor') })))).code).toBe('forbidden');
    expect(ws.data().templates.find((t) => t.id === 'pos')!.versions[1]!.state).toBe('in_review');
    expect(await dispatch('review.approve', { template: 'pos', as: 'manager', comment: 'ok' }, as('manager'))).toMatchObject({ state: 'approved' });
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
    expect((await refused(dispatch('review.submit', { template: 'cap', as: 'ghost' }, as('editor')))).code).toBe('forbidden');
    expect((await refused(dispatch('review.submit', { template: 'cap' }, ctx(ws, { user: cli })))).code).toBe('bad_input');
    expect((await refused(dispatch('review.submit', { template: 'cap', as: 'manager' }, ctx(ws, { user: cli, signedIn: 'editor' })))).code).toBe('forbidden');
    expect((await refused(dispatch('templates.addVersion', { template: 'cap', source: 'y', as: 'shop1' }, as('shop1')))).code).toBe('forbidden');
    expect(ws.data().templates.find((t) => t.id === 'cap')!.versions[1]!.state).toBe('draft');
  });

  it('users: a new user gets a key shown once (only its hash is kept); only managers make managers or hand out keys', async () => {
    // An editor (with their key) adds an editor, not a manager; the shell may not either once a manager has a key.
    const added = await dispatch('users.add', { user: { id: 'x', name: '', role: 'editor' }, as: 'editor' }, as('editor'));
    expect(added).toMatchObject({ id: 'x', role: 'editor', key: expect.stringMatching(/^sqk_[A-Za-z0-9_-]{32}$/) });
    const stored = JSON.stringify(ws.data());
    expect(stored).not.toContain(added.key);
    expect(ws.data().userKeys.find((k) => k.user === 'x')!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const before = ws.data().users.length;
    for (const c of [as('editor'), ctx(ws, { user: cli })]) {
      const e = await refused(dispatch('users.add', { user: { id: 'boss', name: '', role: 'manager' }, ...(c.userKey ? { as: 'editor' } : {}) }, c));
      expect([e.code, e.message]).toEqual(['forbidden', expect.stringContaining('only a brand manager may add the manager "boss"')]);
    }
    expect(ws.data().users.length).toBe(before);
    // Nor turn an editor into a manager, nor take over a manager's key.
    expect((await refused(dispatch('users.save', { user: { id: 'editor', name: '', role: 'manager' }, as: 'editor' }, as('editor')))).code).toBe('forbidden');
    expect((await refused(dispatch('users.save', { user: { id: 'editor', name: '', role: 'manager' } }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect((await refused(dispatch('users.key', { id: 'manager' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect((await refused(dispatch('users.key', { id: 'manager', as: 'editor' }, as('editor')))).code).toBe('forbidden');
    expect(ws.data().users.find((u) => u.id === 'editor')!.role).toBe('editor');
    // A manager can; the new key replaces the old one at once.
    const boss = await dispatch('users.add', { user: { id: 'boss', name: '老板', role: 'manager' }, as: 'manager' }, as('manager'));
    const renewed = await dispatch('users.key', { id: 'editor', as: 'manager' }, as('manager'));
    expect((await refused(dispatch('users.whoami', { as: 'editor' }, as('editor')))).code).toBe('forbidden');
    expect(await dispatch('users.whoami', { as: 'editor' }, ctx(ws, { user: cli, userKey: renewed.key }))).toMatchObject({ id: 'editor', role: 'editor' });
    expect(await dispatch('users.whoami', { as: 'boss' }, ctx(ws, { user: cli, userKey: boss.key }))).toMatchObject({ id: 'boss', role: 'manager' });
    // A user renews their own key; names change without a manager.
    const own = await dispatch('users.key', { id: 'boss', as: 'boss' }, ctx(ws, { user: cli, userKey: boss.key }));
    expect(own.key).not.toBe(boss.key);
    expect(await dispatch('users.save', { user: { id: 'x', name: '小新', role: 'editor' } }, ctx(ws, { user: cli }))).toMatchObject({ name: '小新' });
    const audit = await dispatch('audit.list', { action: 'user.key' }, ctx(ws, { user: cli }));
    expect(audit.map((a) => [a.by, a.target])).toEqual([['manager', 'editor'], ['boss', 'boss']]);
  });

  it('lets the shell hand out the first keys of a workspace whose managers have none (set-up), and no more after', async () => {
    await ws.update((d) => {
      d.userKeys = [];
    });
    const first = await dispatch('users.key', { id: 'manager' }, ctx(ws, { user: cli }));
    expect(first).toMatchObject({ id: 'manager', role: 'manager' });
    expect((await refused(dispatch('users.key', { id: 'manager2' }, ctx(ws, { user: cli })))).code).toBe('forbidden');
    expect(await dispatch('users.key', { id: 'manager2', as: 'manager' }, ctx(ws, { user: cli, userKey: first.key }))).toMatchObject({ id: 'manager2' });
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
    const sub = await dispatch('review.submit', { template: 'cap', as: 'editor' }, as('editor'));
    expect(sub.state).toBe('in_review');
    expect(sub.proofError).toMatch(/3 proof case\(s\) failed: .*vars.nope/);
    const proof = await dispatch('review.proof', { template: 'cap', version: 2 }, ctx(ws, { user: cli }));
    expect(proof.problems).toHaveLength(3);
  });

  it('retire reports the posts still pinning the version', async () => {
    const out = await dispatch('review.retire', { template: 'vid', version: 1, as: 'manager' }, as('manager'));
    expect(out).toMatchObject({ state: 'retired', pinnedBy: ['p1', 'p2'] });
  });
});
