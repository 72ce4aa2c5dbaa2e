/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the browser.)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { axeSerious, chooseIdentity, launchBrowser, openStudio, recordTimings, screenshot, switchIdentity, type AxeViolation, type Studio, retryStep, gotoStudio } from './harness.js';
import { measureTyping, median } from './typing.js';
import { ctx, servicesOf } from '../helpers/session.js';

// The studio in web mode, driven by Debian's chromium: the flows of issue 8, a screenshot and an
// axe-core run on every screen, and the timings (printed and written to test-artifacts/, not asserted).

let studio: Studio;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const timings: Record<string, number | string> = {};
const a11y: Record<string, AxeViolation[]> = {};
const pageErrors: string[] = [];

/** Screenshot + axe for one screen; serious/critical violations are collected and asserted at the end. */
async function capture(name: string, opts: { full?: boolean } = {}): Promise<void> {
  // antd animates colours (0.2–0.3 s); axe reading a button mid-transition reports false contrast.
  await page.waitForTimeout(400);
  await screenshot(page, name, opts.full ?? true);
  a11y[name] = await axeSerious(page);
}

const call = <T,>(method: string, input: unknown) => dispatch(method, input, ctx(studio.ws)) as Promise<T>;
const nav = (label: RegExp) => page.getByRole('menuitem', { name: label }).click();
/** Runs `step` until it stops throwing (antd dropdowns open with an animation a click can miss). */
const retry = (step: () => Promise<void>, timeout?: number) => retryStep(page, step, timeout);
/** The options of the select dropdown that is open now (closed ones stay in the DOM, hidden). */
const option = (text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();

beforeAll(async () => {
  let build;
  ({ studio, browser, page, build } = await openStudio(pageErrors));
  timings.build = build.built ? `${build.how} ${build.ms} ms` : 'up to date';
}, 240_000);

afterAll(async () => {
  recordTimings('studio', timings);
  await browser?.close();
  await studio?.close();
});

describe('the studio in a real browser (web mode)', () => {
  it('opens on the demo workspace and is interactive quickly', async () => {
    // The machine is shared: next to wall-clock time, the page's own main-thread CPU time (sampled)
    // says what start-up costs without the wait for a busy CPU.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await gotoStudio(page, studio);
    await page.locator('.ant-table-row').first().waitFor();
    timings.interactive_ms = Date.now() - t0;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] } };
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    timings.interactive_cpu_ms = Math.round(profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : profile.timeDeltas[i] ?? 0), 0) / 1000);
    await cdp.detach();
    timings.interactive_in_page_ms = Math.round(await page.evaluate(() => performance.now()));
    // Where the time went, from marks the UI sets: scripts loaded (sq:main), shell drawn (sq:shell), posts shown (sq:posts).
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
    for (const [k, v] of Object.entries(marks)) timings[`mark_${k.replace('sq:', '')}_ms`] = v;
    timings.load_average = (await import('node:os')).loadavg()[0]!.toFixed(1);
    await capture('01-posts');
  });

  it('writes a post: three parts, a variable chip from the menu and by typing {, a preview per store', async () => {
    await page.getByTestId('new-post').click();
    await page.getByTestId('new-post-title').fill('端午粽子礼盒');
    await page.getByTestId('new-post-product').fill('山野粽子礼盒');
    await page.getByTestId('new-post-url').fill('https://yun.example.com/zongzi');
    await page.getByRole('button', { name: '创建并开始写' }).click();
    await page.getByTestId('editor-leg').waitFor();

    await page.getByTestId('editor-head').click();
    await page.keyboard.type('端午节到啦，');
    // A chip from the toolbar menu…
    // (A click on a menu still opening can pick nothing: picked again until the chip is there.)
    await retry(async () => {
      await page.getByTestId('insert-variable').click();
      await page.getByRole('menuitem', { name: /店主昵称/ }).click({ timeout: 3000 });
      await expect.poll(() => page.locator('[data-testid=editor-head] [data-sq-variable=nickname]').count(), { timeout: 5000 }).toBe(1);
    });
    await page.keyboard.type('给大家备好了粽子。');
    await page.getByTestId('editor-waist').click();
    await page.keyboard.type('山野粽子礼盒，六种口味，真空独立包装。');
    await page.getByTestId('editor-leg').click();
    await page.keyboard.type('下单请点：');
    // …and one by typing {.
    await page.keyboard.type('{');
    await page.getByTestId('variable-menu').waitFor();
    await page.keyboard.type('下单');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=editor-head] [data-sq-variable=nickname]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=editor-leg] [data-sq-variable=link]').count()).toBe(1);
    // The typed `{下单` query is replaced by the chip, nothing of it left behind.
    expect(await page.getByTestId('editor-leg').textContent()).not.toMatch(/[{｛]/);

    // The preview shows the store owner's nickname in place of the chip, and changes per store.
    const bubble = page.getByTestId('caption-bubble');
    await expect.poll(() => bubble.textContent(), { timeout: 10_000 }).toContain('给大家备好了粽子');
    await expect.poll(() => bubble.textContent(), { timeout: 10_000 }).toContain('六种口味');
    const stores = await call<{ id: string; storeName: string; nickname: string; ownerName: string; groupTypes: string[] }[]>('stores.list', {});
    const firstStore = await bubble.getAttribute('data-store');
    const first = stores.find((s) => s.id === firstStore)!;
    expect(await bubble.textContent()).toContain(`${first.nickname || first.ownerName}给大家备好了粽子`);
    const group = await bubble.getAttribute('data-group');
    const other = stores.find((s) => s.id !== first.id && s.groupTypes.includes(group!) && s.nickname && s.nickname !== first.nickname)!;
    await retry(async () => {
      await page.getByTestId('preview-store').click();
      await option(other.storeName).click({ timeout: 2000 });
      expect(await page.getByTestId('preview-store').textContent()).toContain(other.storeName);
    });
    await expect.poll(() => bubble.getAttribute('data-store')).toBe(other.id);
    await expect.poll(() => bubble.textContent()).toContain(`${other.nickname}给大家备好了粽子`);
    expect(await bubble.textContent()).toContain(`sq_store=${other.id}`);
    // The poster beside it is re-rendered for that store too.
    await expect.poll(() => page.getByTestId('poster-preview').getAttribute('data-store'), { timeout: 20_000 }).toBe(other.id);

    // Autosave wrote it: the saved post carries the shared variable node shape.
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    const saved = (await call<{ id: string; title: string; head: unknown }[]>('posts.list', {})).find((p) => p.title === '端午粽子礼盒')!;
    expect(JSON.stringify(saved.head)).toContain('{"type":"variable","version":1,"name":"nickname"}');
    await capture('02-post-editor');
    await page.getByTestId('post-settings').click();
    await page.locator('.ant-drawer-open').waitFor();
    await capture('02-post-settings', { full: false });
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => undefined);
  });

  it('flags an absolute term (最) under the editors and underlines it; clicking jumps to it', async () => {
    await page.getByTestId('editor-waist').click();
    await page.keyboard.press('End');
    await page.keyboard.type('这是最好吃的粽子。');
    const finding = page.getByTestId('finding').filter({ hasText: '最' }).first();
    await finding.waitFor({ timeout: 10_000 });
    expect(await finding.getAttribute('data-rule')).toMatch(/adlaw/i);
    const underlined = await page.evaluate(() => (CSS.highlights as unknown as Map<string, Set<Range>>).get('finding-waist')?.size ?? 0);
    expect(underlined).toBeGreaterThan(0);
    // Hovering the underline shows the finding's message.
    const box = await page.evaluate(() => {
      const r = [...((CSS.highlights as unknown as Map<string, Set<Range>>).get('finding-waist') ?? [])][0]!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await expect.poll(() => page.getByTestId('editor-waist').getAttribute('title')).toContain('最');
    await finding.click();
    const selected = await page.evaluate(() => window.getSelection()?.toString());
    expect(selected).toContain('最');
    await capture('03-post-finding');
  });

  it('updates the caption preview (and the poster) as one types — measured', async () => {
    const m = await measureTyping(page, 'editor-head', '年年有余家家安康');
    timings.caption_ms_median = median(m.caption);
    timings.caption_ms_max = Math.max(...m.caption);
    if (m.poster.length) {
      timings.poster_ms_median = median(m.poster);
      timings.poster_ms_max = Math.max(...m.poster);
      timings.poster_render_server_ms_median = median(m.posterServer);
      timings.poster_debounce_ms = 40;
    } else timings.poster_ms = 'no poster preview (render.poster not in the contract)';
    expect(m.caption.length).toBeGreaterThan(3);

    // A group type that posts video: the storyboard shows the scenes and the owner's end card as drawn pictures.
    await retry(async () => {
      await page.getByTestId('preview-group').click();
      await option('健身群').click({ timeout: 2000 });
      expect(await page.getByTestId('preview-group').textContent()).toContain('健身群');
    });
    const t0 = Date.now();
    await expect.poll(() => page.getByTestId('storyboard-frame').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    timings.storyboard_first_ms = Date.now() - t0;
    const shot = await page.locator('[data-testid=storyboard] img.storyboard-shot').first().getAttribute('src');
    const meta = await sharp(Buffer.from(shot!.replace(/^data:[^,]+,/, ''), 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([360, 640]);
    await page.getByTestId('storyboard').scrollIntoViewIfNeeded();
    await capture('03-post-storyboard', { full: false });
    // A frame opens large, and the viewer steps through the others.
    await page.locator('[data-testid=storyboard] img.storyboard-shot').first().click();
    await page.locator('.ant-image-preview img').first().waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, '03-post-storyboard-large', false);
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview').first().waitFor({ state: 'hidden' });
  });

  it('undoes and redoes with Ctrl+Z / Ctrl+Y, and asks before leaving unsaved changes', async () => {
    const waist = page.getByTestId('editor-waist');
    await waist.click();
    await page.keyboard.press('End');
    await page.keyboard.type('限时加送');
    await expect.poll(() => waist.textContent()).toContain('限时加送');
    await page.keyboard.press('Control+z');
    await expect.poll(() => waist.textContent()).not.toContain('限时加送');
    await page.keyboard.press('Control+y');
    await expect.poll(() => waist.textContent()).toContain('限时加送');
    // Leave while the change is not saved yet: the guard asks; "save and leave" saves, then navigates.
    // Saves are held at the network until the dialog is up, so a loaded machine (autosave firing
    // before the click) cannot make the change count as saved.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/posts.save', async (route) => {
      await held;
      // unroute() below may already have let a held request through.
      await route.continue().catch(() => undefined);
    });
    await page.keyboard.type('两盒');
    await nav(/模板/);
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    await capture('04-leave-guard', { full: false });
    release();
    await page.unroute('**/api/posts.save');
    await page.getByTestId('leave-save').click();
    await page.getByTestId('template-caption-moments').waitFor();
    const saved = (await call<{ title: string; waist: unknown; templates: Record<string, unknown> }[]>('posts.list', {})).find((p) => p.title === '端午粽子礼盒')!;
    expect(JSON.stringify(saved.waist)).toContain('限时加送两盒');
    // Made with 新建内容, it can make every format its group types ask for: the brand's default templates.
    expect(Object.keys(saved.templates).sort()).toEqual(['caption', 'poster', 'video']);
  });

  it('submits a template version for review and approves it as a brand manager', async () => {
    await nav(/模板/);
    await page.getByTestId('template-caption-moments').waitFor();
    await page.locator('.template-thumb-poster img').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await capture('04-templates');
    // A poster template: its source beside a live render for the store with the longest name.
    await page.getByTestId('template-poster-festive').click();
    await page.getByTestId('template-preview-image').waitFor({ timeout: 30_000 });
    await capture('05-poster-template');
    // The place is in the URL: a reload comes back to it, and Back returns to the library.
    expect(new URL(page.url()).hash).toBe('#/templates/poster-festive');
    await page.reload();
    await page.getByTestId('template-preview-image').waitFor({ timeout: 30_000 });
    await page.goBack();
    await page.getByTestId('template-caption-moments').waitFor();
    expect(new URL(page.url()).hash).toBe('#/templates');
    // A video template: its storyboard drawn as pictures for a sample store.
    await page.getByTestId('template-warm-open').click();
    await expect.poll(() => page.locator('[data-testid=storyboard] img.storyboard-shot').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    await capture('05-video-template');
    await page.goBack();
    await page.getByTestId('template-caption-moments').click();
    await page.getByTestId('template-new-version').click();
    await page.getByTestId('template-submit').waitFor();
    // The source is the advanced view beside the caption form (issue 17).
    await page.getByRole('tab', { name: '源码（高级）' }).click();
    const source = page.getByTestId('template-source');
    await source.click();
    await source.press('End');
    await source.pressSequentially('\n{{!-- 端午版 --}}\n端午安康！');
    // The caption it writes is previewed live from the unsaved source.
    await expect.poll(() => page.getByTestId('caption-template-text').textContent(), { timeout: 15_000 }).toContain('端午安康！');
    await page.getByTestId('template-save').click();
    await expect.poll(async () => (await call<{ versions: { version: number; state: string; source: string }[] }>('templates.get', { id: 'caption-moments' })).versions.at(-1)?.source).toContain('端午版');
    await capture('05-caption-template');
    // Submitting is done in a person's name: the editor switches to themself with their own key.
    await switchIdentity(page, '内容部·小林', studio.keys.editor!);
    await page.getByTestId('template-submit').click();
    await expect
      .poll(async () => (await call<{ versions: { state: string }[] }>('templates.get', { id: 'caption-moments' })).versions.at(-1)?.state, { timeout: 30_000 })
      .toBe('in_review');

    // Switch to the brand manager (the switch asks for the manager's key; a wrong one is refused) and approve from the review queue.
    await chooseIdentity(page, '品牌经理');
    await page.getByTestId('identity-key').fill('sqk_not-the-managers-key');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('这不是 manager 的个人密钥，身份没有切换').waitFor();
    // The button's loading state fades out (antd animates it): axe must not read it mid-fade.
    await page.locator('.ant-modal-footer .ant-btn-loading').waitFor({ state: 'detached' });
    await capture('06-identity-key', { full: false });
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    expect(await page.getByTestId('acting-as').textContent()).toContain('内容部·小林');
    await switchIdentity(page, '品牌经理', studio.keys.manager!);
    await nav(/审核/);
    const entry = page.getByTestId('review-caption-moments-2');
    await entry.waitFor();
    await capture('06-review-queue');
    await entry.click();
    await page.getByTestId('review-approve').waitFor();
    await page.getByTestId('review-comment').fill('端午版可以，批准。');
    await expect.poll(() => page.locator('.proof-sheet img').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await capture('07-review-item');
    await page.getByTestId('review-approve').click();
    await expect
      .poll(async () => (await call<{ versions: { version: number; state: string }[] }>('templates.get', { id: 'caption-moments' })).versions.find((v) => v.version === 2)?.state, { timeout: 20_000 })
      .toBe('approved');
    const audit = await call<{ action: string; by: string; target: string }[]>('audit.list', { target: 'caption-moments' });
    expect(audit.some((a) => /approve/.test(a.action) && a.by === 'manager')).toBe(true);

    // The demo's pending poster version: request changes, with the comment kept on the version.
    await page.getByTestId('review-poster-festive-2').click();
    await page.getByTestId('review-reject').waitFor();
    await page.getByTestId('review-comment').fill('价格角标再大一点。');
    await page.getByTestId('review-reject').click();
    await expect
      .poll(async () => (await call<{ versions: { version: number; state: string; comments: { text: string }[] }[] }>('templates.get', { id: 'poster-festive' })).versions.find((v) => v.version === 2), { timeout: 20_000 })
      .toMatchObject({ state: 'changes_requested', comments: expect.arrayContaining([expect.objectContaining({ text: '价格角标再大一点。' })]) });
    await page.getByText('没有待审核的版本').waitFor();
    await capture('07-review-empty');
  }, 180_000);

  it('imports a CSV with one bad row: the row error is shown and nothing is saved', async () => {
    const before = await call<unknown[]>('stores.list', {});
    const csv = path.join(studio.dir, 'stores.csv');
    writeFileSync(
      csv,
      '\uFEFF门店编号,门店名称,店主,昵称,云店链接,社群类型\n' +
        'x001,新开便利店,赵一,小赵,https://yun.example.com/x001,社区群\n' +
        'x002,坏链接小店,钱二,小钱,not-a-url,社区群\n' +
        'x003,第三家店,孙三,小孙,,宝妈群\n',
    );
    await nav(/门店/);
    await page.getByTestId('import-stores').waitFor();
    await capture('08-stores');
    await page.getByTestId('store-lc001').click();
    await page.getByTestId('save-store').waitFor();
    await capture('09-store-drawer', { full: false });
    // A new photo by the drop zone's file input (what a drop delivers), then save.
    const before1 = (await call<{ avatar?: string }>('stores.get', { id: 'lc001' })).avatar;
    const photo = path.join(studio.dir, 'owner.png');
    writeFileSync(photo, await sharp({ create: { width: 256, height: 256, channels: 3, background: '#2f8f75' } }).png().toBuffer());
    const shown = () => page.locator('.ant-drawer-open .avatar-drop img').getAttribute('src');
    const oldSrc = await shown();
    await page.locator('.ant-drawer-open input[type=file]').setInputFiles(photo);
    await expect.poll(shown, { timeout: 15_000 }).not.toBe(oldSrc);
    await page.getByTestId('save-store').click();
    await expect.poll(async () => (await call<{ avatar?: string }>('stores.get', { id: 'lc001' })).avatar).not.toBe(before1);
    await page.getByTestId('import-stores').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(csv);
    await page.getByTestId('import-errors').waitFor({ timeout: 20_000 });
    const table = page.getByTestId('import-error-table');
    expect(await table.textContent()).toContain('3');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await capture('10-import-errors', { full: false });
    await page.locator('.ant-modal-close').click();
    const after = await call<{ id: string }[]>('stores.list', {});
    expect(after.length).toBe(before.length);
    expect(after.some((s) => s.id.startsWith('x00'))).toBe(false);
  });

  it('shows group types and the brand kit', async () => {
    await nav(/群类型/);
    await page.locator('.group-card').first().waitFor();
    await capture('11-groups');
    await nav(/品牌/);
    await page.locator('.brand-sample').waitFor();
    await capture('12-brand');
    const slogan = page.getByLabel('品牌口号');
    await slogan.fill('山里的好果仁，慢慢挑给街坊');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await call<{ slogan: string }>('brand.get', {})).slogan).toBe('山里的好果仁，慢慢挑给街坊');
  });

  it('exports packs for two stores and writes them to disk', async () => {
    await nav(/导出/);
    await page.getByTestId('export-start').waitFor();
    await expect.poll(() => page.getByTestId('export-start').isEnabled()).toBe(true);
    await capture('13-export');
    const posts = page.getByTestId('export-posts');
    for (const box of await posts.locator('input[type=checkbox]').all()) if (await box.isChecked()) await box.uncheck();
    await posts.getByText('新春年货礼盒').click();
    await page.getByTestId('export-some-stores').click();
    for (const name of ['梧桐巷便利店', '小陈零食铺']) {
      await retry(async () => {
        const chosen = await page.getByTestId('export-stores').locator('.ant-select-selection-item').allTextContents();
        if (!chosen.some((c) => c.includes(name))) {
          await page.getByTestId('export-stores').click();
          await option(name).click({ timeout: 2000 });
        }
        expect((await page.getByTestId('export-stores').locator('.ant-select-selection-item').allTextContents()).some((c) => c.includes(name))).toBe(true);
      });
    }
    await page.keyboard.press('Escape');
    // No video keeps the run short; the packs still carry captions, posters and QR codes.
    const video = page.getByTestId('export-video');
    if ((await video.getAttribute('aria-checked')) === 'true') await video.click();
    await expect.poll(() => page.getByTestId('export-start').isDisabled()).toBe(false);
    const t0 = Date.now();
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 150_000 });
    timings.export_two_stores_ms = Date.now() - t0;
    await capture('14-export-summary');
    const out = (await page.getByTestId('export-out').textContent())!.trim();
    const folders = readdirSync(out).filter((f) => !f.startsWith('.'));
    const packs = folders.filter((f) => f.startsWith('lc002') || f.startsWith('lc003'));
    expect(packs.length).toBe(2);
    for (const pack of packs) {
      const dir = path.join(out, pack);
      expect(existsSync(path.join(dir, 'index.html'))).toBe(true);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; role: string; post?: string; posterSize?: string }[] };
      const files = manifest.files;
      expect(files.some((f) => f.role === 'caption' && f.post === 'spring-gift')).toBe(true);
      expect(files.some((f) => f.role === 'poster' && f.posterSize)).toBe(true);
      expect(files.some((f) => f.role === 'qr')).toBe(true);
      expect(files.some((f) => f.role === 'video')).toBe(false);
      for (const f of files) {
        const bytes = readFileSync(path.join(dir, f.path));
        expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      }
    }
  }, 180_000);

  it('shows the portal links and the printable QR sheet', async () => {
    await page.getByRole('button', { name: '再导出一次' }).click();
    await page.getByTestId('portal-sheet').click();
    const frame = page.frameLocator('[data-testid=qr-sheet]');
    await frame.locator('.card').first().waitFor();
    expect(await frame.locator('.card').count()).toBeGreaterThan(1);
    await capture('15-portal-sheet', { full: false });
    await page.locator('.ant-modal-close').click();
  });

  it('switches to English', async () => {
    await page.getByText('EN', { exact: true }).click();
    await nav(/Posts/);
    await page.getByRole('button', { name: 'New post' }).waitFor();
    await capture('16-posts-en');
  });

  it('on the desktop: the File menu opens the import (native picker, preview, then save) and the export folder picker', async () => {
    // Electron cannot run here, so its preload is stood in for by the same object shape over HTTP:
    // the renderer's desktop paths (window.studio, native pickers, menu commands) run for real.
    const table = path.join(studio.dir, 'desktop', 'stores.csv');
    mkdirSync(path.join(studio.dir, 'desktop', 'avatars'), { recursive: true });
    writeFileSync(path.join(studio.dir, 'desktop', 'avatars', 'd001.png'), await sharp({ create: { width: 200, height: 200, channels: 3, background: '#c0392b' } }).png().toBuffer());
    writeFileSync(table, '门店编号,门店名称,店主,昵称,云店链接,社群类型,头像\nd001,桌面新店,周六,小周,https://yun.example.com/d001,社区群,avatars/d001.png\n');
    const outDir = path.join(studio.dir, 'desktop', 'packs-out');
    mkdirSync(outDir);
    const desk = await browser.context.newPage();
    desk.on('pageerror', (e) => pageErrors.push(`desktop: ${e.message}`));
    // What the main process hands the window after its native dialogs: one-time grants (never a path the window could choose).
    const grants = servicesOf(studio.ws).grants;
    const picked = { grant: grants.grant(table, 'import-file'), name: 'stores.csv' };
    const packsFolder = path.join(outDir, '社群内容包');
    const pickedFolder = { grant: grants.grant(packsFolder, 'export-folder'), path: packsFolder };
    await desk.addInitScript(
      ({ token, picked, pickedFolder }) => {
        const w = window as unknown as Record<string, unknown>;
        w.studio = {
          call: async (method: string, input: unknown) => {
            const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shequn-token': token }, body: JSON.stringify(input ?? {}) });
            const body = await res.json();
            return body.error ? { error: body.error } : { result: body.result };
          },
          shell: {
            pickImportFile: async () => picked,
            pickFolder: async () => pickedFolder,
            showPacks: async (folder?: string) => ((w.__shown = folder ?? 'packs'), true),
            onMenu: (listener: (c: string) => void) => ((w.__menu = listener), () => undefined),
          },
        };
      },
      { token: studio.server.token, picked, pickedFolder },
    );
    await desk.goto(`${studio.server.url}/#/posts`);
    await desk.getByTestId('new-post').waitFor();
    await desk.evaluate(() => (window as unknown as { __menu(c: string): void }).__menu('import-stores'));
    await desk.getByTestId('import-pick-file').click();
    await desk.getByTestId('import-result').waitFor();
    expect(new URL(desk.url()).hash).toBe('#/stores');
    expect(await call<unknown[]>('stores.list', {})).not.toContainEqual(expect.objectContaining({ id: 'd001' }));
    await desk.getByTestId('import-confirm').click();
    await expect.poll(async () => (await call<{ id: string; avatar?: string }[]>('stores.list', {})).find((x) => x.id === 'd001')?.avatar, { timeout: 10_000 }).toBeTruthy();

    await desk.keyboard.press('Escape');
    await desk.evaluate(() => (window as unknown as { __menu(c: string): void }).__menu('export-folder'));
    await expect.poll(() => desk.getByTestId('export-out-choice').textContent(), { timeout: 10_000 }).toBe(packsFolder);
    expect(new URL(desk.url()).hash).toBe('#/export');
    // Starting the export sends the folder's grant, not its path; then it is cancelled.
    const started = desk.waitForRequest('**/api/export.start');
    await desk.getByTestId('export-start').click();
    const body = JSON.parse((await started).postData() ?? '{}');
    expect(body.folder).toBe(pickedFolder.grant);
    expect(JSON.stringify(body)).not.toContain(outDir);
    await desk.getByTestId('export-cancel').click();
    await desk.getByText(/已取消|cancelled/i).first().waitFor({ timeout: 30_000 });
    await desk.close();
  });

  it('has no serious or critical axe violations on any screen, and no page errors', () => {
    const bad = Object.entries(a11y).filter(([, v]) => v.length);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
