import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrackingLink } from '../../src/compose/link.js';
import { findTrackingIds, isRefundStatus, parseAmount, parseTime, ResultsStore } from '../../src/results/index.js';

const link = buildTrackingLink({ base: 'https://shop.example.com/s/1?活动=年货', post: 'p1', group: 'moms', store: 's9', channel: 'moments' });
const ids = { post: 'p1', group: 'moms', store: 's9', channel: 'moments' };

describe('finding tracking ids in a cell', () => {
  it('reads a link, a link in text, inside a redirect (encoded once, twice), and bare parameters', () => {
    expect(findTrackingIds(link)).toEqual(ids);
    expect(findTrackingIds(`来源：${link} （群里点开）`)).toEqual(ids);
    const once = `https://r.example.com/go?u=${encodeURIComponent(link)}`;
    expect(findTrackingIds(once)).toEqual(ids);
    expect(findTrackingIds(`https://r.example.com/go?u=${encodeURIComponent(once)}`)).toEqual(ids);
    expect(findTrackingIds(encodeURIComponent(link))).toEqual(ids);
    expect(findTrackingIds('sq_post=p1&sq_group=moms&sq_store=s9')).toEqual({ post: 'p1', group: 'moms', store: 's9' });
    expect(findTrackingIds('https://shop.example.com/?sq_post=p1')).toBeUndefined();
    expect(findTrackingIds('门店自提')).toBeUndefined();
  });
});

describe('cells', () => {
  it('amounts with ¥/￥, thousands separators and 元; times in the spellings exports use', () => {
    expect(parseAmount('¥1,299.00')).toBe(1299);
    expect(parseAmount('￥2,016.50元')).toBe(2016.5);
    expect(parseAmount('１２．５')).toBe(12.5);
    expect(parseAmount('')).toBeUndefined();
    expect(() => parseAmount('12元5角')).toThrow(/not an amount/);
    expect(parseTime('2027/1/5 6:20')).toBe('2027-01-05 06:20:00');
    expect(parseTime('2027年1月5日 06时20分')).toBe('2027-01-05 06:20:00');
    expect(parseTime('2027-01-04T22:20:00Z')).toBe('2027-01-05 06:20:00');
    expect(parseTime('2027-01-05T06:20:00.000Z', true)).toBe('2027-01-05 06:20:00');
    expect(() => parseTime('2027-02-30 10:00')).toThrow(/not a date/);
  });

  it('refunded, closed and cancelled are refunds; 退款关闭 (refund request closed) is not', () => {
    for (const s of ['退款成功', '已退款', '交易关闭', '已取消', 'REFUNDED', '退款中']) expect(isRefundStatus(s), s).toBe(true);
    for (const s of ['交易成功', '已完成', '退款关闭', '无退款', '', '待发货']) expect(isRefundStatus(s), s).toBe(false);
  });
});

describe('the results store', () => {
  it('skips a torn last line and never runs new lines into it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shequn-rs-'));
    try {
      const store = new ResultsStore(dir);
      const rec = (id: string) => ({ id, amount: 1, refund: false, source: { file: 'a.csv', row: 2 }, importedAt: '2027-01-01T00:00:00Z' });
      await store.append('orders', [rec('A')]);
      await appendFile(store.file('orders'), '{"id":"B","amou'); // a crash mid-write
      expect([...(await store.read()).orders.keys()]).toEqual(['A']);
      await store.append('orders', [rec('C')]);
      expect([...(await store.read()).orders.keys()]).toEqual(['A', 'C']);
      expect((await readFile(store.file('orders'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
