import { describe, expect, it } from 'vitest';
import { StudioError, findTemplate } from '../../src/model/index.js';
import type { ReviewState, StudioData } from '../../src/model/index.js';
import { resolveActor } from '../../src/review/actors.js';
import { applyReview, REVIEW_RULES, type ReviewAction } from '../../src/review/machine.js';
import { reviewQueue } from '../../src/review/queue.js';
import { addVersion, reviseDraft } from '../../src/review/versions.js';
import { sourceHash } from '../../src/workspace/hash.js';
import { fixture, keyOf, user } from './fixture.js';

const STATES: ReviewState[] = ['draft', 'in_review', 'approved', 'changes_requested', 'retired'];
const ACTIONS = Object.keys(REVIEW_RULES) as ReviewAction[];

function refused(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a refusal');
}

/** Data with template "cap" at v2 in the given state, submitted by editor. */
function withV2(state: ReviewState): StudioData {
  const d = fixture();
  const v = addVersion(d, { template: 'cap', source: 'v2 {{sections.head}}', by: 'editor', at: '2026-01-03T00:00:00.000Z' });
  v.state = state;
  if (state !== 'draft') v.comments.push({ by: 'editor', at: '2026-01-03T01:00:00.000Z', text: '', action: 'submit' });
  return d;
}

describe('review state machine', () => {
  it('walks draft → in_review → changes_requested → in_review → approved → retired', () => {
    const d = withV2('draft');
    const ed = user(d, 'editor');
    const mg = user(d, 'manager');
    expect(applyReview(d, { template: 'cap', action: 'submit', actor: ed }).state).toBe('in_review');
    expect(applyReview(d, { template: 'cap', action: 'request_changes', actor: mg, comment: '店名太长会换行' }).state).toBe('changes_requested');
    // changes_requested behaves as a draft: edit in place, then resubmit.
    reviseDraft(d, { template: 'cap', version: 2, source: 'v2b', by: 'editor' });
    expect(applyReview(d, { template: 'cap', action: 'submit', actor: ed }).state).toBe('in_review');
    const ok = applyReview(d, { template: 'cap', version: 2, action: 'approve', actor: mg, comment: 'ok' });
    expect(ok).toMatchObject({ template: 'cap', version: 2, from: 'in_review', state: 'approved', hash: sourceHash('v2b') });
    const v2 = findTemplate(d, 'cap').versions[1]!;
    // The request-changes comment is kept in the version's history.
    expect(v2.comments.map((c) => [c.action, c.by, c.text])).toEqual([
      ['submit', 'editor', ''],
      ['request_changes', 'manager', '店名太长会换行'],
      ['submit', 'editor', ''],
      ['approve', 'manager', 'ok'],
    ]);
    expect(applyReview(d, { template: 'cap', version: 2, action: 'retire', actor: mg }).state).toBe('retired');
  });

  it('refuses every act from every state it does not start from, naming template, version, state and what is allowed', () => {
    let checked = 0;
    for (const action of ACTIONS) {
      for (const state of STATES) {
        if (REVIEW_RULES[action].from.includes(state)) continue;
        const d = withV2(state);
        const before = JSON.stringify(d);
        const e = refused(() => applyReview(d, { template: 'cap', version: 2, action, actor: user(d, 'manager2') }));
        expect(e.code).toBe('conflict');
        expect(e.message).toContain('template "cap" v2');
        expect(e.message).toContain(`is ${state}`);
        expect(e.message).toMatch(/allowed from/);
        expect(JSON.stringify(d)).toBe(before);
        checked++;
      }
    }
    expect(checked).toBe(12);
  });

  it('lets only the allowed roles act (forbidden otherwise, state unchanged)', () => {
    for (const action of ACTIONS) {
      for (const role of ['editor', 'store'] as const) {
        if (REVIEW_RULES[action].roles.includes(role)) continue;
        const d = withV2(REVIEW_RULES[action].from[0]!);
        const actor = user(d, role === 'editor' ? 'editor2' : 'shop1');
        const before = JSON.stringify(d);
        const e = refused(() => applyReview(d, { template: 'cap', version: 2, action, actor }));
        expect(e.code).toBe('forbidden');
        expect(e.message).toContain(`is ${role === "editor" ? "an" : "a"} ${role}`);
        expect(JSON.stringify(d)).toBe(before);
      }
    }
    const d = withV2('draft');
    expect(refused(() => applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'shop1') })).code).toBe('forbidden');
  });

  it('never lets the submitter approve their own submission, even a manager', () => {
    const d = withV2('draft');
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'manager') });
    const e = refused(() => applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager') }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/own submission/);
    expect(findTemplate(d, 'cap').versions[1]!.state).toBe('in_review');
    expect(applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager2') }).state).toBe('approved');
  });

  it('checks the submitter of the latest submission after a resubmission', () => {
    const d = withV2('draft');
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'manager2') });
    applyReview(d, { template: 'cap', action: 'request_changes', actor: user(d, 'manager') });
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'manager') });
    expect(refused(() => applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager') })).code).toBe('forbidden');
    expect(applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager2') }).state).toBe('approved');
  });

  it('never changes an approved version: editing refused, add-version makes draft N+1 with its hash', () => {
    const d = fixture();
    const v1 = JSON.stringify(findTemplate(d, 'cap').versions[0]);
    const e = refused(() => reviseDraft(d, { template: 'cap', version: 1, source: 'x', by: 'editor' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/approved.*add a new version/);
    const v2 = addVersion(d, { template: 'cap', source: 'new source', by: 'editor' });
    expect(v2).toMatchObject({ version: 2, state: 'draft', createdBy: 'editor', hash: sourceHash('new source') });
    expect(JSON.stringify(findTemplate(d, 'cap').versions[0])).toBe(v1);
    for (const state of ['in_review', 'retired'] as const) {
      const dd = withV2(state);
      expect(refused(() => reviseDraft(dd, { template: 'cap', version: 2, source: 'x', by: 'editor' })).code).toBe('conflict');
    }
  });

  it('names missing templates and versions, and defaults the version per act', () => {
    const d = fixture();
    expect(refused(() => applyReview(d, { template: 'nope', action: 'submit', actor: user(d, 'editor') })).code).toBe('not_found');
    const e = refused(() => applyReview(d, { template: 'cap', version: 9, action: 'submit', actor: user(d, 'editor') }));
    expect([e.code, e.message]).toEqual(['not_found', 'template "cap" has no version 9 (it has v1)']);
    const none = refused(() => applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor') }));
    expect(none.code).toBe('conflict');
    expect(none.message).toContain('v1 approved');
    expect(refused(() => applyReview(d, { template: 'cap', action: 'retire', actor: user(d, 'manager') })).code).toBe('bad_input');
  });

  it('resolves actors from the workspace with their own key, and refuses unknown ones and missing or wrong keys', () => {
    const d = fixture();
    expect(resolveActor(d, { key: keyOf('editor') }, 'editor').role).toBe('editor');
    expect(resolveActor(d, { signedIn: 'manager' }, undefined).id).toBe('manager');
    expect(refused(() => resolveActor(d, { key: keyOf('editor') }, 'ghost')).code).toBe('forbidden');
    expect(refused(() => resolveActor(d, {}, undefined)).code).toBe('bad_input');
    // A signed-in workspace user cannot claim to be somebody else.
    expect(refused(() => resolveActor(d, { signedIn: 'editor' }, 'manager')).code).toBe('forbidden');
    // Naming a user is not enough: their key is needed, and another user's key is not theirs.
    const none = refused(() => resolveActor(d, {}, 'manager'));
    expect([none.code, none.field]).toEqual(['forbidden', 'key']);
    expect(none.message).toContain('acting as "manager" needs manager\'s own key');
    const wrong = refused(() => resolveActor(d, { key: keyOf('editor') }, 'manager'));
    expect(wrong.message).toContain('wrong key for user "manager"');
    expect(refused(() => resolveActor(d, { key: `${keyOf('manager')}x` }, 'manager')).code).toBe('forbidden');
    expect(resolveActor(d, { key: ` ${keyOf('manager')}\n` }, 'manager').id).toBe('manager');
  });

  it('lists the queue with submitter, time and proof path', () => {
    const d = withV2('draft');
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor'), at: '2026-01-05T00:00:00.000Z' });
    expect(reviewQueue(d)).toEqual([
      expect.objectContaining({ template: 'cap', version: 2, submitter: 'editor', submittedAt: '2026-01-05T00:00:00.000Z', previousApproved: 1, proof: 'renders/proofs/cap-v2.jpg' }),
    ]);
  });
});
