import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { runCli } from '../../src/cli/main.js';
import { parseTrackingLink } from '../../src/compose/link.js';
import { createWorkspace } from '../../src/workspace/index.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';
import { composeStudio, doc, testPost } from './fixtures.js';
import { ctx as callCtx } from '../helpers/session.js';

const ctx = (ws = memoryWorkspace(composeStudio())) => callCtx(ws);

describe('compose api', () => {
  it('compose.variant and compose.list', async () => {
    const c = ctx();
    const v = await dispatch('compose.variant', { post: 'p1', group: 'vip', store: 'S001' }, c);
    expect(v.caption).toContain('王芳 敬上');
    expect(parseTrackingLink(v.link)).toEqual({ post: 'p1', group: 'vip', store: 'S001' });
    const all = await dispatch('compose.list', { post: 'p1' }, c);
    expect(all.map((x) => `${x.group}/${x.store}`)).toEqual(['community/S001', 'moms/S001', 'fitness/S001', 'koc/S001', 'vip/S001', 'community/S002', 'vip/S002']);
    expect((await dispatch('compose.list', { post: 'p1', group: 'vip' }, c)).map((x) => x.store)).toEqual(['S001', 'S002']);
    await expect(dispatch('compose.variant', { post: 'p1', group: 'nope', store: 'S001' }, c)).rejects.toMatchObject({ code: 'not_found', field: 'group' });
    await expect(dispatch('compose.variant', { post: 'p1', group: 'vip' }, c)).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('compose.preview composes an unsaved post and writes nothing', async () => {
    const c = ctx();
    const post = testPost({ id: 'unsaved', head: doc('草稿标题 {{vars.nickname}}') });
    const v = await dispatch('compose.preview', { post, group: 'moms', store: 'S001' }, c);
    expect(v.post).toBe('unsaved');
    expect(v.caption).toContain('草稿标题 芳姐');
    expect(c.ws.writes).toBe(0);
    expect(c.ws.data().posts.map((p) => p.id)).toEqual(['p1']);
  });

  it('check.run gives collapsed findings with counts', async () => {
    const data = composeStudio();
    data.posts[0]!.waist = doc('顶级坚果');
    const r = await dispatch('check.run', {}, ctx(memoryWorkspace(data)));
    expect(r).toMatchObject({ errors: 1, warnings: 0, variants: 7 });
    expect(r.findings[0]).toMatchObject({ ruleId: 'adlaw.term', section: 'waist', position: { start: 0, end: 2 } });
  });
});

describe('shequn compose / check', () => {
  let tmp: string;
  let clean: string;
  let bad: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-compose-'));
    clean = join(tmp, 'clean');
    bad = join(tmp, 'bad');
    await (await createWorkspace(clean, composeStudio())).close();
    const data = composeStudio();
    data.posts[0]!.leg = doc('欢迎来店里看看');
    await (await createWorkspace(bad, data)).close();
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  /** Runs the CLI in this process, capturing stdout and stderr. */
  async function cli(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      const code = await runCli(args);
      return { code, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('compose --json prints post, group, store, caption, channels, link, findings per variant', async () => {
    const r = await cli('compose', '-w', clean, '--post', 'p1', '--store', 'S001', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(5);
    expect(Object.keys(list[0])).toEqual(['post', 'group', 'store', 'caption', 'channels', 'link', 'findings']);
    expect(list[1].channels.moments).toContain('sq_ch=moments'); // moms (normal leg); the light community Moments text has no link
    const one = JSON.parse((await cli('compose', '-w', clean, '--post', 'p1', '--group', 'vip', '--store', 'S002', '--json')).stdout);
    expect(one.map((v: { group: string; store: string }) => `${v.group}/${v.store}`)).toEqual(['vip/S002']);
  });

  it('compose prints captions as text', async () => {
    const r = await cli('compose', '-w', clean, '--post', 'p1', '--group', 'community');
    expect(r.stdout).toContain('=== p1 · community · S001 ===\n邻居们晚上好～');
    expect(r.stdout).toContain('--- moments ---');
  });

  it('check exits 0 when clean, 1 with errors (listing them), 2 on bad usage', async () => {
    const ok = await cli('check', '-w', clean);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('0 error(s), 0 warning(s) in 7 variant(s)');
    const bad1 = await cli('check', '-w', bad, '--json');
    expect(bad1.code).toBe(1);
    expect(JSON.parse(bad1.stdout).findings[0]).toMatchObject({ ruleId: 'leg.no_conversion', severity: 'error' });
    expect((await cli('check', '-w', bad)).stdout).toMatch(/ERROR leg.no_conversion p1\/community\/S001 \[leg\]/);
    expect((await cli('compose', '-w', clean)).code).toBe(2);
    const missing = await cli('check', '-w', clean, '--post', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('shequn: post "nope" not found\n');
  });
});
