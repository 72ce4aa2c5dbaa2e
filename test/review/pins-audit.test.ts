import { describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { addUser } from '../../src/review/actors.js';
import { listAudit } from '../../src/review/audit.js';
import { applyReview } from '../../src/review/machine.js';
import { assertPostShippable, pinVersion, postsPinning, shippableVersion } from '../../src/review/pins.js';
import { addVersion } from '../../src/review/versions.js';
import { sourceHash } from '../../src/workspace/hash.js';
import { fixture, user } from './fixture.js';

function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('export gate', () => {
  it('blocks a post whose pinned version is not approved, naming each template and its state; allows it after approval', () => {
    const d = fixture();
    expect(assertPostShippable(d, 'p1').map((s) => s.state)).toEqual(['approved', 'approved', 'approved']);
    addVersion(d, { template: 'cap', source: 'caption v2', by: 'editor' });
    addVersion(d, { template: 'pos', source: 'poster v2', by: 'editor' });
    // Pinning a draft is allowed (previews) ...
    expect(pinVersion(d, 'p1', 'cap', 2, { by: 'editor' })).toMatchObject({ post: 'p1', kind: 'caption', from: { template: 'cap', version: 1 }, to: { template: 'cap', version: 2 }, state: 'draft' });
    pinVersion(d, 'p1', 'pos', 2, { by: 'editor' });
    applyReview(d, { template: 'pos', action: 'submit', actor: user(d, 'editor') });
    // ... but export refuses it.
    const e = refusal(() => assertPostShippable(d, d.posts[0]!));
    expect(e.code).toBe('check_failed');
    expect(e.message).toContain('caption template "cap" v2 is draft');
    expect(e.message).toContain('poster template "pos" v2 is in_review');
    expect(e.message).not.toContain('"vid"');
    expect(e.details).toEqual([
      { kind: 'caption', template: 'cap', version: 2, state: 'draft' },
      { kind: 'poster', template: 'pos', version: 2, state: 'in_review' },
    ]);
    // The other post still pins v1 and ships.
    expect(() => assertPostShippable(d, 'p2')).not.toThrow();
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor') });
    applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager') });
    applyReview(d, { template: 'pos', action: 'approve', actor: user(d, 'manager') });
    expect(assertPostShippable(d, 'p1').every((s) => s.state === 'approved')).toBe(true);
  });

  it('gives the newest approved version of an unpinned default template, or refuses when there is none', () => {
    const d = fixture();
    addVersion(d, { template: 'cap', source: 'draft v2', by: 'editor' });
    expect(shippableVersion(d, 'cap')).toMatchObject({ template: 'cap', version: 1 });
    applyReview(d, { template: 'cap', version: 1, action: 'retire', actor: user(d, 'manager') });
    const e = refusal(() => shippableVersion(d, 'cap'));
    expect([e.code, e.message]).toEqual(['check_failed', 'caption template "cap" has no approved version (v1 retired, v2 draft): nothing made from it can ship']);
  });

  it('blocks a post pinning a retired or missing version', () => {
    const d = fixture();
    applyReview(d, { template: 'vid', version: 1, action: 'retire', actor: user(d, 'manager') });
    d.posts[1]!.templates.caption = { template: 'cap', version: 7 };
    expect(refusal(() => assertPostShippable(d, 'p1')).message).toContain('video template "vid" v1 is retired');
    expect(refusal(() => assertPostShippable(d, 'p2')).message).toContain('caption template "cap" v7 is missing');
  });

  it('pins only existing, non-retired versions into the slot of the template kind', () => {
    const d = fixture();
    expect(refusal(() => pinVersion(d, 'nope', 'cap', 1)).code).toBe('not_found');
    expect(refusal(() => pinVersion(d, 'p1', 'cap', 5)).code).toBe('not_found');
    expect(refusal(() => pinVersion(d, 'p1', 'cap', 1, { kind: 'poster' })).code).toBe('conflict');
    applyReview(d, { template: 'vid', version: 1, action: 'retire', actor: user(d, 'manager') });
    expect(refusal(() => pinVersion(d, 'p1', 'vid', 1)).message).toContain('retired');
    expect(postsPinning(d, 'cap', 1).map((p) => p.post)).toEqual(['p1', 'p2']);
  });
});

describe('audit log', () => {
  it('records who, when, what, target, version, hash and comment for every act', () => {
    const d = fixture();
    const start = d.audit.length;
    addVersion(d, { template: 'cap', source: 'abc', by: 'editor', at: '2026-02-01T00:00:00.000Z' });
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor'), at: '2026-02-01T01:00:00.000Z' });
    applyReview(d, { template: 'cap', action: 'request_changes', actor: user(d, 'manager'), comment: '  口号太长  ', at: '2026-02-01T02:00:00.000Z' });
    applyReview(d, { template: 'cap', action: 'submit', actor: user(d, 'editor'), at: '2026-02-01T03:00:00.000Z' });
    applyReview(d, { template: 'cap', action: 'approve', actor: user(d, 'manager2'), at: '2026-02-01T04:00:00.000Z' });
    pinVersion(d, 'p1', 'cap', 2, { by: 'editor', at: '2026-02-01T05:00:00.000Z' });
    addUser(d, { id: 'newbie', name: '', role: 'editor' }, 'manager', '2026-02-01T06:00:00.000Z');
    const hash = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // sha256("abc")
    expect(sourceHash('abc')).toBe(hash);
    expect(d.audit.slice(start)).toEqual([
      { at: '2026-02-01T00:00:00.000Z', by: 'editor', action: 'template.add_version', target: 'cap', version: 2, hash },
      { at: '2026-02-01T01:00:00.000Z', by: 'editor', action: 'review.submit', target: 'cap', version: 2, hash },
      { at: '2026-02-01T02:00:00.000Z', by: 'manager', action: 'review.request_changes', target: 'cap', version: 2, hash, comment: '口号太长' },
      { at: '2026-02-01T03:00:00.000Z', by: 'editor', action: 'review.submit', target: 'cap', version: 2, hash },
      { at: '2026-02-01T04:00:00.000Z', by: 'manager2', action: 'review.approve', target: 'cap', version: 2, hash },
      { at: '2026-02-01T05:00:00.000Z', by: 'editor', action: 'post.use_version', target: 'cap', version: 2, hash, comment: 'post p1 (caption): cap v1 → cap v2' },
      { at: '2026-02-01T06:00:00.000Z', by: 'manager', action: 'user.add', target: 'newbie', comment: 'role editor' },
    ]);
    expect(listAudit(d, { action: 'review.submit' })).toHaveLength(2);
    expect(listAudit(d, { by: 'manager', limit: 1 })[0]!.action).toBe('user.add');
  });

  it('logs nothing for a refused act', () => {
    const d = fixture();
    const n = d.audit.length;
    refusal(() => applyReview(d, { template: 'cap', version: 1, action: 'approve', actor: user(d, 'manager') }));
    refusal(() => addUser(d, { id: 'editor', name: '', role: 'manager' }));
    expect(d.audit.length).toBe(n);
  });
});
