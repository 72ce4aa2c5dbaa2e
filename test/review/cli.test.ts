import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shequn, shequnWith } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, openWorkspace } from '../../src/workspace/index.js';
import { fixture, keyOf } from './fixture.js';

describe('shequn review / template / post / user', () => {
  let tmp: string;
  let w: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-review-cli-'));
    w = join(tmp, 'ws');
    const ws = await createWorkspace(w, fixture());
    await ws.close();
    await writeFile(join(tmp, 'cap.hbs'), '{{sections.head}}\n\n{{sections.waist}}\n\n{{sections.leg}}\n—— {{vars.storeName}}\n');
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('adds a version, submits it with a proof, refuses bad acts with one line on stderr, approves and pins it', async () => {
    const added = await shequn('template', 'add-version', '-w', w, '--template', 'cap', '--file', join(tmp, 'cap.hbs'), '--json');
    expect([added.code, added.stdout, added.stderr]).toEqual([0, '{"template":"cap","version":2}\n', '']);

    const as = (id: string) => ({ env: { SHEQUN_KEY: keyOf(id) } });
    const sub = await shequnWith(as('editor'), 'review', 'submit', '-w', w, '--template', 'cap', '--as', 'editor');
    expect(sub.stderr).toBe('');
    expect([sub.code, sub.stdout]).toEqual([0, 'cap v2: draft → in_review; proof renders/proofs/cap-v2.jpg\n']);

    const list = JSON.parse((await shequn('review', 'list', '-w', w, '--json')).stdout);
    expect(list).toEqual([expect.objectContaining({ template: 'cap', version: 2, submitter: 'editor', proofReady: true })]);

    const self = await shequnWith(as('editor'), 'review', 'approve', '-w', w, '--template', 'cap', '--as', 'editor');
    expect(self.code).toBe(2);
    expect(self.stderr.trim().split('\n')).toHaveLength(1);
    expect(self.stderr).toContain('only a manager may approve template "cap" v2');

    const noAs = await shequn('review', 'approve', '-w', w, '--template', 'cap');
    expect([noAs.code, noAs.stderr]).toEqual([2, 'shequn: missing --as USER\n']);

    // --as manager without the manager's key, or with another user's: exit 2, nothing changes.
    const noKey = await shequn('review', 'approve', '-w', w, '--template', 'cap', '--as', 'manager');
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('acting as "manager" needs manager\'s own key: set SHEQUN_KEY or pass --key-file FILE');
    const wrongKey = await shequnWith(as('editor'), 'review', 'approve', '-w', w, '--template', 'cap', '--as', 'manager');
    expect([wrongKey.code, wrongKey.stderr]).toEqual([2, 'shequn: wrong key for user "manager": nothing was changed (ask a manager for a new key if it was lost)\n']);
    const missingFile = await shequn('review', 'approve', '-w', w, '--template', 'cap', '--as', 'manager', '--key-file', join(tmp, 'nope.key'));
    expect([missingFile.code, missingFile.stderr]).toEqual([2, `shequn: cannot read --key-file ${join(tmp, 'nope.key')}: ENOENT\n`]);
    await writeFile(join(tmp, 'manager.key'), `${keyOf('manager')}\n`);
    const ok = await shequn('review', 'approve', '-w', w, '--template', 'cap', '--as', 'manager', '--key-file', join(tmp, 'manager.key'), '--comment', '可以', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ template: 'cap', version: 2, from: 'in_review', state: 'approved' });

    const pin = await shequn('post', 'use', '-w', w, '--post', 'p1', '--template', 'cap', '--version', '2');
    expect([pin.code, pin.stdout]).toEqual([0, 'post p1 caption: cap v1 → cap v2\n']);

    const badRole = await shequn('user', 'add', '-w', w, '--id', 'x', '--role', 'boss');
    expect([badRole.code, badRole.stderr]).toEqual([2, 'shequn: --role must be one of editor, manager, store\n']);

    // A new user's key is printed once; the workspace keeps only its hash.
    const added2 = await shequnWith(as('manager'), 'user', 'add', '-w', w, '--id', 'li', '--role', 'manager', '--as', 'manager', '--json');
    expect(added2.code).toBe(0);
    const li = JSON.parse(added2.stdout) as { id: string; role: string; key: string };
    expect(Object.keys(li)).toEqual(['id', 'role', 'key']);
    expect(li).toMatchObject({ id: 'li', role: 'manager' });
    const noManager = await shequn('user', 'add', '-w', w, '--id', 'wang', '--role', 'manager');
    expect(noManager.code).toBe(2);
    expect(noManager.stderr).toContain('only a brand manager may add the manager "wang"');
    const renewed = await shequnWith({ env: { SHEQUN_KEY: li.key } }, 'user', 'key', '-w', w, '--id', 'editor', '--as', 'li', '--json');
    expect(renewed.code).toBe(0);
    expect(JSON.parse(renewed.stdout)).toEqual({ id: 'editor', role: 'editor', key: expect.stringMatching(/^sqk_/) });
    // The editor's old key no longer works.
    const old = await shequnWith(as('editor'), 'template', 'add-version', '-w', w, '--template', 'cap', '--file', join(tmp, 'cap.hbs'), '--as', 'editor');
    expect(old.code).toBe(2);

    const ws = await openWorkspace(w, { readOnly: true });
    try {
      expect(ws.data().audit.map((a) => [a.by, a.action])).toEqual([
        ['cli', 'template.add_version'],
        ['editor', 'review.submit'],
        ['manager', 'review.approve'],
        ['cli', 'post.use_version'],
        ['manager', 'user.add'],
        ['li', 'user.key'],
      ]);
      expect(JSON.stringify(ws.data())).not.toContain(li.key);
      expect(ws.data().posts[0]!.templates.caption).toEqual({ template: 'cap', version: 2 });
    } finally {
      await ws.close();
    }
  }, 120_000);

  it('init --json prints each new user\'s key once; the workspace keeps only hashes; the keys work', async () => {
    const dir = join(tmp, 'demo');
    const r = await shequn('init', dir, '--demo', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { users: { id: string; role: string; key: string }[]; stores: number };
    expect(out.users.map((u) => [u.id, u.role])).toEqual([
      ['editor', 'editor'],
      ['manager', 'manager'],
      ['lc002', 'store'],
    ]);
    for (const u of out.users) expect(Object.keys(u)).toEqual(['id', 'role', 'key']);
    const ws = await openWorkspace(dir, { readOnly: true });
    try {
      const text = JSON.stringify(ws.data());
      for (const u of out.users) expect(text).not.toContain(u.key);
      expect(ws.data().userKeys).toHaveLength(3);
    } finally {
      await ws.close();
    }
    const manager = out.users.find((u) => u.id === 'manager')!.key;
    const ok = await shequnWith({ env: { SHEQUN_KEY: manager } }, 'review', 'reject', '-w', dir, '--template', 'poster-festive', '--as', 'manager', '--comment', '角标再大些');
    expect([ok.code, ok.stdout]).toEqual([0, 'poster-festive v2: in_review → changes_requested\n']);
    const text = await shequn('init', join(tmp, 'blank'));
    expect(text.stdout).toMatch(/personal keys, shown only this once[^\n]*\n {2}editor \(editor\): sqk_\S+\n {2}manager \(manager\): sqk_\S+\n$/);
  }, 120_000);
});
