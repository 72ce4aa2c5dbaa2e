/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the browser.)
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { lexicalFromText } from '../../src/demo/lexical.js';
import type { Post } from '../../src/model/index.js';
import { renderIndexHtml } from '../../src/pack/index-html.js';
import type { Manifest } from '../../src/pack/manifest.js';
import { shequn } from '../helpers/cli.js';
import { ctx } from '../helpers/session.js';
import { manifestOf, readZip } from '../pack/helpers.js';
import { chooseIdentity, launchBrowser, openStudio, screenshot, switchIdentity, type Studio, gotoStudio } from './harness.js';

// Issue 14 end to end, in Debian's chromium with nothing injected that a browser would not send:
// a brand manager approves and requests changes on the review pages; an editor cannot get a post
// with a banned term, an expired post or a post made from an unapproved template into any pack —
// not by the CLI, not by the API, not by the studio UI; a pack page withdraws what expires.

let studio: Studio;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];
const WRONG = ['banned', 'unapproved', 'summer-light'];

/** A call through the contract as the studio makes it (the local studio user, or a user with their key). */
const call = <T,>(method: string, input: unknown, userKey?: string) => dispatch(method, input, ctx(studio.ws, userKey ? { userKey } : {})) as Promise<T>;

/** Every post id in every pack (folders and zips) under `out`. */
async function postsInPacks(out: string): Promise<string[]> {
  if (!existsSync(out)) return [];
  const ids: string[] = [];
  for (const name of readdirSync(out)) {
    if (name.startsWith('.')) continue;
    const full = path.join(out, name);
    if (name.endsWith('.zip')) {
      for (const e of await readZip(full)) if (e.name.endsWith('/manifest.json')) ids.push(`zip:${e.name}`);
      continue;
    }
    if (existsSync(path.join(full, 'manifest.json'))) ids.push(...(await manifestOf(full)).entries.map((e) => e.post.id));
  }
  return ids;
}

/** The titles of every entry in every zip under `out` (a zip holds each entry's folder named by its post title). */
async function zipNames(out: string): Promise<string[]> {
  if (!existsSync(out)) return [];
  const names: string[] = [];
  for (const f of readdirSync(out).filter((n) => n.endsWith('.zip'))) names.push(...(await readZip(path.join(out, f))).map((e) => e.name));
  return names;
}

beforeAll(async () => {
  ({ studio, browser, page } = await openStudio(pageErrors));
  // What the editor prepared: a post with absolute claims in its head, one pinned to the poster
  // version still in review (the demo's poster-festive v2); summer-light has expired (2026-10-31).
  await studio.ws.update((d) => {
    const spring = d.posts.find((p) => p.id === 'spring-gift')!;
    const copy = (id: string, title: string, edit: (p: Post) => void) => {
      const p = structuredClone(spring);
      Object.assign(p, { id, title });
      edit(p);
      d.posts.push(p);
    };
    copy('banned', '违规样例 · 全网最低', (p) => (p.head = lexicalFromText('全网最低价！第一品牌，国家级品质，{nickname}帮你抢')));
    copy('unapproved', '待审海报样例', (p) => (p.templates.poster = { template: 'poster-festive', version: 2 }));
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

describe('review pages in a real browser', () => {
  /** Signs in on /review/login as a person does: types id and key, clicks 登录. */
  async function signIn(id: string, key: string, next: string): Promise<void> {
    await page.goto(`${studio.server.url}/review/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel(/账号/).fill(id);
    await page.getByLabel(/个人密钥/).fill(key);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.waitForURL((u) => u.pathname === next);
  }
  const stateOf = async (template: string, version: number) =>
    (await call<{ versions: { version: number; state: string }[] }>('templates.get', { id: template })).versions.find((v) => v.version === version)!.state;

  it('the shared manager link shows the version but no approve button; only a signed-in manager gets one', async () => {
    const token = studio.ws.data().portal.managerToken!;
    await page.goto(`${studio.server.url}/review?token=${token}`);
    await page.locator('a[href="/review/poster-festive/2"]').click();
    await page.waitForURL((u) => u.pathname === '/review/poster-festive/2');
    await page.getByText('审批需要经理本人登录').waitFor();
    expect(await page.getByRole('button', { name: /批准/ }).count()).toBe(0);
    await screenshot(page, 'review-link-only');
  });

  it('a manager signs in with id and key and clicks 批准, then 退回修改: the state changes (no injected headers)', async () => {
    // Two versions in review: caption-moments v2 (to approve), caption-group v2 (to send back); submitted by the editor.
    for (const id of ['caption-moments', 'caption-group']) {
      const t = await call<{ versions: { source: string }[] }>('templates.get', { id });
      await call('templates.addVersion', { template: id, source: `${t.versions[0]!.source}\n{{!-- 端午版 --}}\n`, as: 'editor' }, studio.keys.editor);
      await call('review.submit', { template: id, as: 'editor' }, studio.keys.editor);
    }
    const requests: { url: string; origin?: string }[] = [];
    page.on('request', (r) => r.method() === 'POST' && requests.push({ url: r.url(), origin: r.headers().origin }));
    // A wrong key is refused on the page itself.
    await page.goto(`${studio.server.url}/review/login`);
    await page.getByLabel(/账号/).fill('manager');
    await page.getByLabel(/个人密钥/).fill(studio.keys.editor!);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByText('账号或密钥不对').waitFor();

    await signIn('manager', studio.keys.manager!, '/review/caption-moments/2');
    await page.getByText('已登录').waitFor();
    await page.getByLabel(/意见/).fill('端午版可以。');
    await screenshot(page, 'review-signed-in');
    await page.getByRole('button', { name: /批准/ }).click();
    await page.waitForLoadState();
    await page.locator('.state.approved').waitFor({ timeout: 15_000 });
    expect(await stateOf('caption-moments', 2)).toBe('approved');

    await page.goto(`${studio.server.url}/review/caption-group/2`);
    await page.getByLabel(/意见/).fill('语气再轻一点。');
    await page.getByRole('button', { name: /退回修改/ }).click();
    await page.locator('.state.changes_requested').waitFor({ timeout: 15_000 });
    expect(await stateOf('caption-group', 2)).toBe('changes_requested');

    // The browser sent its own Origin (the page's referrer policy keeps it), and the audit log names the manager.
    const posts = requests.filter((r) => /\/(approve|reject)$/.test(r.url));
    expect(posts).toHaveLength(2);
    for (const r of posts) expect(r.origin).toBe(studio.server.url);
    const audit = await call<{ by: string; action: string; target: string; comment?: string }[]>('audit.list', {});
    expect(audit.filter((a) => a.action === 'review.approve' || a.action === 'review.request_changes').map((a) => [a.by, a.action, a.target, a.comment])).toEqual([
      ['manager', 'review.approve', 'caption-moments', '端午版可以。'],
      ['manager', 'review.request_changes', 'caption-group', '语气再轻一点。'],
    ]);
  }, 120_000);
});

describe('an editor cannot get a banned term, an expired post or an unapproved template into any pack', () => {
  const selection = { posts: ['banned', 'unapproved', 'summer-light', 'spring-gift'], stores: ['lc002'], sizes: ['1x1'], video: false, zip: true };

  it('by the CLI: exit 1 naming each refused post; only the good post is packed', async () => {
    const out = path.join(studio.dir, 'out-cli');
    const args = ['export', '-w', studio.ws.dir, ...selection.posts.flatMap((p) => ['--post', p]), '--store', 'lc002', '--size', '1x1', '--no-video', '--zip', '--out', out];
    const r = await shequn(...args);
    expect(r.code).toBe(1);
    for (const id of WRONG) expect(r.stderr).toContain(`refused: post ${id} `);
    expect(r.stderr).toContain('rule adlaw.term · field post.head · term 国家级');
    expect(r.stderr).toContain('rule template.not_approved · field post.templates.poster');
    expect(r.stderr).toContain('rule post.expired · field post.validUntil');
    expect(await postsInPacks(out)).toEqual(expect.arrayContaining(['spring-gift']));
    for (const id of WRONG) expect(await postsInPacks(out)).not.toContain(id);
    expect((await zipNames(out)).some((n) => /违规样例|待审海报样例|夏日轻食/.test(n))).toBe(false);
  }, 180_000);

  it('by the API with the studio token and the editor\'s own key: refused, and approving or taking a manager\'s key is forbidden', async () => {
    // Over HTTP an export writes only inside the workspace's packs/ (a caller's own path is refused).
    const out = path.join(studio.ws.paths.packs, 'out-api');
    const post = (method: string, body: unknown, key?: string) =>
      fetch(`${studio.server.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shequn-token': studio.server.token, ...(key ? { 'x-shequn-user-key': key } : {}) }, body: JSON.stringify(body) });
    const editor = studio.keys.editor!;
    for (const [method, body] of [
      ['review.approve', { template: 'poster-festive', version: 2, as: 'manager' }],
      ['users.key', { id: 'manager', as: 'editor' }],
      ['users.add', { user: { id: 'boss', name: '', role: 'manager' }, as: 'editor' }],
      ['users.save', { user: { id: 'editor', name: '', role: 'manager' }, as: 'editor' }],
    ] as const) {
      const res = await post(method, body, editor);
      expect([method, res.status]).toEqual([method, 403]);
    }
    expect((await post('review.approve', { template: 'poster-festive', version: 2, as: 'manager' })).status).toBe(403);
    const res = await post('export.run', { ...selection, out: 'out-api' }, editor);
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: { refused: { post: string; findings: { rule: string; field: string; term?: string }[] }[]; counts: { failed: number } } };
    expect(result.refused.map((x) => x.post).sort()).toEqual([...WRONG].sort());
    expect(result.counts.failed).toBeGreaterThan(0);
    for (const id of WRONG) expect(await postsInPacks(out)).not.toContain(id);
    expect(await postsInPacks(out)).toContain('spring-gift');
    expect((await call<{ versions: { version: number; state: string }[] }>('templates.get', { id: 'poster-festive' })).versions[1]!.state).toBe('in_review');
  }, 180_000);

  it('by the studio UI: the expired post cannot be ticked, the others are refused with their findings, and the summary says so', async () => {
    await gotoStudio(page, studio);
    // The list shows the expired post as 已过期 with its full dates.
    const row = page.locator('.ant-table-row').filter({ hasText: '夏日轻食' });
    await row.getByText('已过期').waitFor();
    expect(await row.textContent()).toContain('2026-06-15 – 2026-10-31');
    expect(await row.textContent()).not.toContain('可发布');
    // …and so do its settings.
    await page.getByTestId('post-link-summer-light').click();
    await page.getByTestId('post-settings').click();
    const notice = page.getByTestId('post-validity');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('已过期：有效期 2026-06-15 至 2026-10-31');
    await screenshot(page, 'post-settings-expired', false);
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: /内容/ }).click();
    await switchIdentity(page, '内容部·小林', studio.keys.editor!);
    // The editor's key does not make them a manager.
    await chooseIdentity(page, '品牌经理');
    await page.getByTestId('identity-key').fill(studio.keys.editor!);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('这不是 manager 的个人密钥，身份没有切换').waitFor();
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();

    await page.getByRole('menuitem', { name: /导出/ }).click();
    const posts = page.getByTestId('export-posts');
    await posts.waitFor();
    const box = (title: string) => posts.locator('label').filter({ hasText: title }).locator('input[type=checkbox]');
    expect(await box('夏日轻食').isDisabled()).toBe(true);
    expect(await box('夏日轻食').isChecked()).toBe(false);
    for (const title of ['违规样例', '待审海报样例']) if (!(await box(title).isChecked())) await box(title).check();
    if (!(await box('开学季').isChecked())) await box('开学季').check();
    // One store, no video: short.
    await page.getByTestId('export-some-stores').click();
    const stores = page.getByTestId('export-stores');
    for (let i = 0; ; i++) {
      const chosen = await stores.locator('.ant-select-selection-item').allTextContents();
      if (chosen.some((c) => c.includes('梧桐巷便利店'))) break;
      if (i > 30) throw new Error('could not choose the store 梧桐巷便利店');
      try {
        // antd opens its dropdown with an animation a click can miss.
        await stores.click();
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '梧桐巷便利店' }).first().click({ timeout: 2000 });
      } catch {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(300);
      }
    }
    await page.keyboard.press('Escape');
    const video = page.getByTestId('export-video');
    if ((await video.getAttribute('aria-checked')) === 'true') await video.click();
    // The plan is redone as the selection changes: one store now.
    await expect.poll(() => page.locator('.form-card').filter({ hasText: '将生成' }).locator('.ant-statistic-content-value').first().textContent(), { timeout: 20_000 }).toBe('1');
    const planned = page.getByTestId('export-plan-refused');
    await planned.waitFor({ timeout: 20_000 });
    await expect.poll(() => planned.textContent()).toContain('违规样例');
    expect(await planned.textContent()).toContain('template.not_approved');
    await screenshot(page, 'export-plan-refused');
    await expect.poll(() => page.getByTestId('export-start').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 150_000 });
    await screenshot(page, 'export-summary-refused');
    const refused = page.getByTestId('export-refused');
    const text = (await refused.textContent()) ?? '';
    for (const t of ['违规样例', '待审海报样例', 'adlaw.term', '国家级', 'post.head', 'template.not_approved', 'post.templates.poster']) expect(text).toContain(t);
    const failed = page.locator('.export-summary .ant-statistic').filter({ hasText: '失败' }).locator('.ant-statistic-content-value');
    expect(Number(await failed.textContent())).toBeGreaterThan(0);
    const out = (await page.getByTestId('export-out').textContent())!.trim();
    const ids = await postsInPacks(out);
    expect(ids).toEqual(expect.arrayContaining(['spring-gift', 'school-snack']));
    for (const id of WRONG) expect(ids).not.toContain(id);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

describe('a pack page withdraws content that has expired', () => {
  it('offers no copy button for an entry past its date, when opened and when tapped after it expired', async () => {
    const entry = (title: string, expiresAt: number, i: number) => ({
      post: { id: `p${i}`, title, validFrom: '2026-01-01', validUntil: '2026-12-31' },
      group: { id: 'community', name: '社区群', tip: '' },
      dir: `社区群/${title}`,
      link: 'https://example.com/x',
      expiresAt,
      templates: [],
      texts: [{ path: `社区群/${title}/caption.txt`, label: '社群消息', channel: 'group', primary: true }],
      posters: [],
      qr: undefined,
    });
    const now = Date.now();
    // Rendered while valid (as a pack is at export); one has expired since, one expires 3 s after opening.
    const m = { store: { id: 's1', storeName: '测试店', ownerName: '王' }, brand: { name: '品牌', color: '#c8102e' }, createdAt: new Date(now).toISOString(), entries: [entry('早已过期', now - 60_000, 0), entry('马上过期', now + 3_000, 1), entry('仍然有效', now + 3_600_000, 2)] };
    const texts = new Map(m.entries.map((e) => [e.texts[0]!.path, `${e.post.title} 的文案`]));
    const html = renderIndexHtml(m as unknown as Pick<Manifest, 'store' | 'brand' | 'createdAt' | 'entries'>, { texts, now: now - 120_000 });
    expect((html.match(/button class="copy"/g) ?? []).length).toBe(3); // as written: all three were valid then
    const file = path.join(studio.dir, 'expiring.html');
    writeFileSync(file, html);
    await page.goto(`file://${file}`);
    const section = (i: number) => page.locator(`#e${i}`);
    await section(0).locator('.withdrawn').waitFor();
    expect(await section(0).locator('button.copy').count()).toBe(0);
    expect(await section(0).textContent()).not.toContain('早已过期 的文案');
    expect(await section(1).locator('button.copy').count()).toBe(1);
    await page.waitForFunction((t) => Date.now() > t, now + 3_200);
    await section(1).locator('button.copy').click();
    await section(1).locator('.withdrawn').waitFor();
    expect(await section(1).locator('button.copy').count()).toBe(0);
    expect(await section(2).locator('button.copy').count()).toBe(1);
    await screenshot(page, 'pack-withdrawn', false);
  });
});
