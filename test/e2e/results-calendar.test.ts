/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the browser.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../results/helpers.js';
import { servicesOf } from '../helpers/session.js';
import { captureScreen, openStudio, launchBrowser, type AxeViolation, type Studio, gotoStudio } from './harness.js';

// 效果 and 日历 in Debian's chromium: orders imported through the upload a person uses, the charts
// drawn (their SVG read back), the XLSX download opened; slots planned, a broken cap marked red,
// a slot dragged to another day. Screenshots go to test-artifacts/screens/.

let studio: Studio;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const a11y: Record<string, AxeViolation[]> = {};
const pageErrors: string[] = [];

const capture = (name: string) => captureScreen(page, a11y, name);
const nav = (label: RegExp) => page.getByRole('menuitem', { name: label }).click();

/** Imports one fixture through the 效果 screen's dialog: check first, then import. */
async function importThroughUi(file: string, rows: RegExp): Promise<void> {
  await page.getByTestId('results-import').first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(path.join(FIXTURES, file));
  await expect.poll(() => dialog.getByTestId('results-import-summary').textContent(), { timeout: 20_000 }).toMatch(rows);
  await dialog.getByTestId('results-import-confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  ({ studio, browser, page } = await openStudio(pageErrors));
  await gotoStudio(page, studio);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

describe('效果 and 日历 in a real browser', () => {
  it('效果: an empty screen teaches, imports run through the upload, the charts are drawn', async () => {
    await nav(/效果/);
    await page.getByText('还没有效果数据').waitFor();
    await importThroughUi('orders-gbk.csv', /10 行，新 9，重复 1，退款 2，未归因 1/);
    await importThroughUi('orders.xlsx', /3 行，新 3/);
    await importThroughUi('clicks.csv', /5 行，新 5/);
    for (const id of ['chart-group', 'chart-hook', 'chart-activity', 'chart-template']) {
      const chart = page.getByTestId(id);
      await chart.and(page.locator('[data-drawn=true]')).waitFor({ timeout: 30_000 });
    }
    // The bars are really drawn: the group chart's SVG names the group types and has bars in it.
    const group = await page.getByTestId('chart-group').evaluate((el) => ({ texts: Array.from(el.querySelectorAll('svg text')).map((t) => t.textContent), paths: el.querySelectorAll('svg path').length }));
    expect(group.texts).toEqual(expect.arrayContaining(['社区群', '宝妈群', 'VIP群']));
    expect(group.paths).toBeGreaterThan(8);
    const hook = await page.getByTestId('chart-hook').evaluate((el) => Array.from(el.querySelectorAll('svg text')).map((t) => t.textContent).join(' '));
    expect(hook).toContain('离过年不到两个月');
    // The stores that sold nothing, and whether they opened their pack.
    await expect.poll(() => page.getByTestId('no-orders').textContent()).toContain('没打开过内容包');
    await capture('results');
  }, 180_000);

  it('效果: a large file shows how far the check is and can be stopped; nothing is saved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sq-big-export-'));
    try {
      // 150,000 orders (~10 MB, seconds to check). The upload is held on its way (a slow line) until
      // 停止 has been pressed, so the press always lands before the check could end.
      const lines = ['订单编号,下单时间,商品名称,实付金额(元),订单状态,推广链接'];
      for (let i = 0; i < 150_000; i++) lines.push(`Z${i},2027-01-18 09:12:01,山野坚果礼盒,168.00,交易成功,https://y.example/s?sq_post=spring-gift&sq_group=community&sq_store=lc00${(i % 9) + 1}`);
      const big = path.join(dir, '大订单导出.csv');
      await writeFile(big, lines.join('\n'));
      const before = (await servicesOf(studio.ws).results.read()).orders.size;
      await nav(/效果/);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/results.startImport', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByTestId('results-import').first().click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type=file]').setInputFiles(big);
      const progress = dialog.getByTestId('results-import-progress');
      await progress.waitFor({ timeout: 20_000 });
      expect(await progress.textContent()).toContain('正在检查 大订单导出.csv');
      expect(await progress.getByRole('progressbar').count()).toBe(1);
      await capture('results-import-progress');
      await dialog.getByTestId('results-import-stop').click();
      release();
      await expect.poll(() => dialog.getByTestId('results-import-stopped').textContent(), { timeout: 30_000 }).toContain('已停止：没有保存任何内容');
      await page.unroute('**/api/results.startImport');
      await progress.waitFor({ state: 'detached' });
      expect(await dialog.getByTestId('results-import-summary').count()).toBe(0);
      expect(await dialog.getByTestId('results-import-confirm').isDisabled()).toBe(true);
      const after = await servicesOf(studio.ws).results.read();
      expect(after.orders.size).toBe(before);
      expect([...after.orders.keys()].some((k) => k.startsWith('Z'))).toBe(false);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('效果: the XLSX export opens with the same numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-export').click()]);
    const file = path.join(studio.dir, 'export.xlsx');
    await download.saveAs(file);
    const rows = (await readSheet(file, '按群类型')) as unknown[][];
    expect(rows[0]).toEqual(['群类型编号', '名称', '订单数', '销售额（元）', '退款数', '点击']);
    const byKey = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(byKey.vip).toEqual(['vip', 'VIP群', 1, 2016.5, 1, 0]);
    const stores = (await readSheet(file, '门店打开与下单')) as unknown[][];
    expect(stores.length).toBeGreaterThan(10);
  });

  it('the post editor shows the post\'s results; a new post for a group type shows its best hooks', async () => {
    await page.goto(`${studio.server.url}/#/posts/spring-gift`);
    const panel = page.getByTestId('post-results');
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain('VIP群');
    expect(await panel.textContent()).toContain('2,016.50');
    await nav(/内容/);
    await page.getByTestId('new-post').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').last().click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '社区群' }).first().click();
    await expect.poll(() => dialog.getByTestId('best-hooks').textContent(), { timeout: 15_000 }).toContain('离过年不到两个月');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  }, 90_000);

  it('日历: slots planned in cells, a broken cap marked red, a slot dragged to another day', async () => {
    await nav(/日历/);
    await page.getByTestId('calendar-grid').waitFor();
    const today = await page.locator('.calendar-day.is-today').count();
    expect(today).toBe(1);
    const days = await page.locator('[data-cell^="moms|"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')!.split('|')[1]!));
    const todayIso = (await page.locator('[data-cell^="moms|"]').evaluateAll((els) => els.map((e) => e.className))).findIndex((c) => !c.includes('is-past'));
    const day = days[Math.max(todayIso, 0)]!;
    const plan = async (post: string, time: string, d = day) => {
      const cell = page.locator(`[data-cell="moms|${d}"]`);
      await cell.hover();
      await cell.locator('.calendar-add').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('slot-post').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: post }).first().click();
      await dialog.getByTestId('slot-time').fill(time);
      await dialog.getByRole('button', { name: /安排一条/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await plan('新春年货礼盒', '09:30');
    await expect.poll(() => page.locator(`[data-cell="moms|${day}"] .slot-chip`).count()).toBe(1);
    expect(await page.locator(`[data-cell="moms|${day}"]`).getAttribute('class')).not.toContain('is-broken');
    await plan('开学季', '13:00');
    await expect.poll(() => page.locator(`[data-cell="moms|${day}"]`).getAttribute('class')).toContain('is-broken');
    expect(await page.locator(`[data-cell="moms|${day}"] .slot-chip[data-severity=error]`).count()).toBe(2);
    expect(await page.getByTestId('calendar-findings').textContent()).toContain('cadence.per_day');
    await capture('calendar-week');

    // Drag the 13:00 slot to the next day: the cap is kept again.
    const next = days[days.indexOf(day) + 1] ?? days[days.indexOf(day) - 1]!;
    await page.locator(`[data-cell="moms|${day}"] .slot-chip`).filter({ hasText: '13:00' }).dragTo(page.locator(`[data-cell="moms|${next}"]`));
    await expect.poll(() => studio.ws.data().plan.slots.map((s) => s.at).sort()).toEqual([`${day} 09:30`, `${next} 13:00`].sort());
    await expect.poll(() => page.locator(`[data-cell="moms|${day}"]`).getAttribute('class')).not.toContain('is-broken');

    await page.getByTestId('calendar-mode').getByText('月').click();
    await page.locator('.calendar-month').waitFor();
    expect(await page.locator('.calendar-month .slot-chip').count()).toBeGreaterThanOrEqual(2);
    await capture('calendar-month');
  }, 120_000);

  it('no page errors and no serious accessibility violations on these screens', () => {
    expect(pageErrors).toEqual([]);
    for (const [name, v] of Object.entries(a11y)) expect(v, name).toEqual([]);
  });
});
