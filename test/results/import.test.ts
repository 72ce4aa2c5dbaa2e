import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { demoStudio, FIXTURES, type TestStudio } from './helpers.js';

const fx = (name: string) => path.join(FIXTURES, name);
const byKey = <T extends { key: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe('results.import: a GBK order export', () => {
  let s: TestStudio;
  beforeEach(async () => (s = await demoStudio()));
  afterEach(() => s.close());

  it('counts rows, duplicates, refunds and unattributed rows, and the report totals are exact', async () => {
    const r = await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')) });
    expect(r).toMatchObject({ format: 'csv', encoding: 'gb18030', kind: 'orders', rows: 10, imported: 9, duplicates: 1, refunds: 2, unattributed: 1, orders: 7, amount: 3976.1, saved: true });
    expect(r.unattributedRows).toEqual([expect.objectContaining({ row: 10, id: 'E1007' })]);
    expect(r.warnings).toEqual([expect.objectContaining({ row: 12, column: '推广链接', message: expect.stringContaining('lc999') })]);

    const stores = byKey(await s.call('results.report', { by: 'store' }));
    expect(stores.lc001).toMatchObject({ label: expect.any(String), orders: 1, amount: 1336, refunds: 1, clicks: 0 });
    expect(stores.lc002).toMatchObject({ orders: 1, amount: 168, refunds: 0 });
    expect(stores.lc003).toMatchObject({ orders: 2, amount: 119.6 }); // twice-encoded redirect + bare parameters
    expect(stores.lc004).toMatchObject({ orders: 1, amount: 2016.5, refunds: 1 }); // 交易关闭 is a refund, 退款关闭 a sale
    expect(stores.lc999).toMatchObject({ orders: 1, amount: 168, label: 'lc999' });
    expect(stores['']).toMatchObject({ orders: 1, amount: 168, label: expect.stringContaining('未归因') });
    expect(stores.lc012).toMatchObject({ orders: 0, amount: 0 }); // stores that sold nothing are listed
    const sum = Object.values(stores).reduce((a, x) => a + Math.round(x.amount * 100), 0) / 100;
    expect(sum).toBe(3976.1);

    const posts = byKey(await s.call('results.report', { by: 'post' }));
    expect(posts['spring-gift']).toMatchObject({ orders: 4, amount: 3688.5, refunds: 2 });
    expect(posts['school-snack']).toMatchObject({ orders: 2, amount: 119.6, refunds: 0 });
    const channels = byKey(await s.call('results.report', { by: 'channel' }));
    expect(channels.moments).toMatchObject({ orders: 1, amount: 168 }); // sq_ch=moments inside the redirect
    expect(channels.group).toMatchObject({ orders: 5, amount: 3640.1 });
    const groups = byKey(await s.call('results.report', { by: 'group', from: '2027-01-19', to: '2027-01-20' }));
    expect(groups.moms).toMatchObject({ orders: 1, amount: 89.7 });
    expect(groups.vip).toMatchObject({ orders: 1, amount: 2016.5, refunds: 1 });
    expect(groups.community).toMatchObject({ orders: 0, refunds: 1 });
    const hooks = await s.call('results.report', { by: 'hook' });
    expect(hooks[0]).toMatchObject({ key: expect.stringContaining('离过年不到两个月'), orders: 4, amount: 3688.5 });
  });

  it('re-importing adds nothing; a dry run saves nothing; a changed refund state updates the order', async () => {
    const dry = await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')), dryRun: true });
    expect(dry).toMatchObject({ imported: 9, saved: false });
    expect(await s.call('results.report', { by: 'post' })).toSatisfy((rows: { orders: number }[]) => rows.every((x) => x.orders === 0));
    await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')) });
    const again = await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')) });
    expect(again).toMatchObject({ rows: 10, imported: 0, duplicates: 10, refunds: 0, unattributed: 0, updated: 0 });
    expect(byKey(await s.call('results.report', { by: 'store' })).lc002).toMatchObject({ orders: 1, amount: 168 });

    // A later export: E1002 was refunded since.
    const text = iconv.decode(await readFile(fx('orders-gbk.csv')), 'gbk').replace(/(E1002,[^\r\n]*?)已完成/, '$1退款成功');
    const later = path.join(s.dir, 'later.csv');
    await writeFile(later, iconv.encode(text, 'gbk'));
    const upd = await s.call('results.import', { grant: s.grant(later) });
    expect(upd).toMatchObject({ imported: 0, updated: 1 });
    expect(byKey(await s.call('results.report', { by: 'store' })).lc002).toMatchObject({ orders: 0, amount: 0, refunds: 1 });
  });

  it('a bad cell stops the import, naming file, row and column; nothing is saved', async () => {
    const text = iconv.decode(await readFile(fx('orders-gbk.csv')), 'gbk').replace('89.70', '八十九');
    const bad = path.join(s.dir, '坏的订单.csv');
    await writeFile(bad, iconv.encode(text, 'gbk'));
    const err = (await s.call('results.import', { grant: s.grant(bad) }).catch((e) => e)) as StudioError;
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('bad_input');
    expect(err.message).toContain('坏的订单.csv');
    expect(err.message).toMatch(/row 5\b/);
    expect(err.message).toContain('实付金额(元)');
    expect(err.message).toContain('八十九');
    expect((await s.services.results.read()).orders.size).toBe(0);
  });
});

describe('results.import: XLSX, click logs and mapping files', () => {
  let s: TestStudio;
  beforeEach(async () => (s = await demoStudio()));
  afterEach(() => s.close());

  it('reads an XLSX export with explicit 门店编号 / 群类型 / 内容编号 columns and Excel dates', async () => {
    const r = await s.call('results.import', { grant: s.grant(fx('orders.xlsx')) });
    expect(r).toMatchObject({ format: 'xlsx', kind: 'orders', rows: 3, imported: 3, refunds: 1, unattributed: 0, orders: 2, amount: 1360.5 });
    const orders = (await s.services.results.read()).orders;
    expect(orders.get('X2001')).toMatchObject({ at: '2027-01-25 09:00:00', store: 'lc005', group: 'moms', post: 'school-snack', quantity: 4, channel: 'group' });
    const groups = byKey(await s.call('results.report', { by: 'group', from: '2027-01-26' }));
    expect(groups.moms).toMatchObject({ orders: 0, refunds: 1 });
  });

  it('counts a click log (identical rows are two clicks; re-importing adds none) beside orders', async () => {
    const r = await s.call('results.import', { grant: s.grant(fx('clicks.csv')) });
    expect(r).toMatchObject({ kind: 'clicks', rows: 5, imported: 5, duplicates: 0, unattributed: 1, clicks: 39 });
    expect(await s.call('results.import', { grant: s.grant(fx('clicks.csv')) })).toMatchObject({ imported: 0, duplicates: 5, clicks: 0 });
    await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')) });
    const stores = byKey(await s.call('results.report', { by: 'store' }));
    expect(stores.lc001).toMatchObject({ clicks: 24, orders: 1 });
    const channels = byKey(await s.call('results.report', { by: 'channel' }));
    expect(channels).toMatchObject({ group: { clicks: 24 }, moments: { clicks: 5 }, video: { clicks: 7 }, '': { clicks: 3 } });
  });

  it('an export whose columns cannot be detected asks for a mapping file; with it, it imports', async () => {
    const err = (await s.call('results.import', { grant: s.grant(fx('orders-odd.csv')) }).catch((e) => e)) as StudioError;
    expect(err.message).toMatch(/orders-odd\.csv.*mapping file/);
    const r = await s.call('results.import', { grant: s.grant(fx('orders-odd.csv')), mapGrant: s.grant(fx('orders-odd.map.json')) });
    expect(r).toMatchObject({ rows: 2, imported: 2, refunds: 1, orders: 1, amount: 12.5 });
    const orders = (await s.services.results.read()).orders;
    expect(orders.get('K1')).toMatchObject({ at: '2027-01-27 10:00:00', store: 'lc001', group: 'community' });
    expect(orders.get('K2')).toMatchObject({ group: 'moms', refund: true });
    const badMap = path.join(s.dir, 'bad.map.json');
    await writeFile(badMap, JSON.stringify({ columns: { order: '没有这一列' } }));
    const e2 = (await s.call('results.import', { grant: s.grant(fx('orders-odd.csv')), mapGrant: s.grant(badMap) }).catch((e) => e)) as StudioError;
    expect(e2.message).toMatch(/没有这一列|headers the mapping names/);
  });
});

describe('results.startImport: an uploaded file as a job (the 效果 screen)', () => {
  let s: TestStudio;
  beforeEach(async () => (s = await demoStudio()));
  afterEach(() => s.close());

  /** An order export of `n` rows, each its own order of store lc00(1..9). */
  const bigExport = (n: number) => {
    const lines = ['订单编号,下单时间,商品名称,实付金额(元),订单状态,推广链接'];
    for (let i = 0; i < n; i++) lines.push(`B${100000 + i},2027-01-18 09:12:01,山野坚果礼盒,168.00,交易成功,https://yun.shiguoshanfang.example/store/lc00${(i % 9) + 1}?sq_post=spring-gift&sq_group=community&sq_store=lc00${(i % 9) + 1}`);
    return Buffer.from(lines.join('\n'), 'utf8').toString('base64');
  };
  const settled = async (id: string) => {
    for (let i = 0; i < 6000; i++) {
      const j = await s.call('jobs.get', { id });
      if (j.state !== 'running') return j;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the import job did not end in 120 s');
  };

  it('checks, then imports, as jobs with progress; the result is what results.importData returns', async () => {
    const file = { name: 'orders-gbk.csv', base64: (await readFile(fx('orders-gbk.csv'))).toString('base64') };
    const direct = await s.call('results.importData', { ...file, dryRun: true });
    const dry = await settled((await s.call('results.startImport', { ...file, dryRun: true })).job);
    expect(dry).toMatchObject({ kind: 'resultsImport', state: 'done', result: { ...direct, saved: false } });
    expect(dry.progress.total).toBeGreaterThan(0);
    expect((await s.services.results.read()).orders.size).toBe(0);
    const saved = await settled((await s.call('results.startImport', file)).job);
    expect(saved).toMatchObject({ state: 'done', result: { imported: 9, saved: true } });
    expect((await s.services.results.read()).orders.size).toBe(9);
  });

  it('a bad upload or mapping is refused at once, naming the field; a bad cell fails the job naming row and column', async () => {
    await expect(s.call('results.startImport', { name: 'x.csv', base64: '%%%' })).rejects.toMatchObject({ code: 'bad_input', field: 'base64' });
    await expect(s.call('results.startImport', { name: 'x.csv', base64: bigExport(3), mapping: { columns: 7 } })).rejects.toMatchObject({ code: 'bad_input', field: expect.stringMatching(/^mapping/) });
    const text = iconv.decode(await readFile(fx('orders-gbk.csv')), 'gbk').replace('89.70', '八十九');
    const failed = await settled((await s.call('results.startImport', { name: '坏的订单.csv', base64: iconv.encode(text, 'gbk').toString('base64') })).job);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'bad_input', message: expect.stringMatching(/坏的订单\.csv.*row 5\b/s) } });
    expect((await s.services.results.read()).orders.size).toBe(0);
  });

  it('cancelled: nothing is saved, what was there before stays', async () => {
    await s.call('results.import', { grant: s.grant(fx('orders-gbk.csv')) });
    const { job } = await s.call('results.startImport', { name: 'big.csv', base64: bigExport(30_000) });
    expect(await s.call('jobs.cancel', { id: job })).toEqual({ cancelled: true });
    expect(await settled(job)).toMatchObject({ state: 'cancelled' });
    const kept = await s.services.results.read();
    expect(kept.orders.size).toBe(9);
    expect([...kept.orders.keys()].some((k) => k.startsWith('B1'))).toBe(false);
  });
});
