import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shequn } from '../helpers/cli.js';
import { FIXTURES } from '../results/helpers.js';

describe('shequn results and shequn plan', () => {
  let tmp: string;
  let ws: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-cli-results-'));
    ws = join(tmp, 'demo');
    expect((await shequn('init', ws, '--demo')).code).toBe(0);
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('results import --json prints exactly rows, imported, duplicates, refunds, unattributed; the unattributed rows go to stderr', async () => {
    const r = await shequn('results', 'import', join(FIXTURES, 'orders-gbk.csv'), '-w', ws, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 10, imported: 9, duplicates: 1, refunds: 2, unattributed: 1 });
    expect(r.stderr).toContain('E1007');
    const again = await shequn('results', 'import', join(FIXTURES, 'orders-gbk.csv'), '-w', ws, '--json');
    expect(JSON.parse(again.stdout)).toEqual({ rows: 10, imported: 0, duplicates: 10, refunds: 0, unattributed: 0 });
  });

  it('results report --by store --json: key, label, orders, amount (元), refunds, clicks', async () => {
    const r = await shequn('results', 'report', '-w', ws, '--by', 'store', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { key: string }[];
    expect(rows[0]).toEqual({ key: 'lc004', label: expect.any(String), orders: 1, amount: 2016.5, refunds: 1, clicks: 0 });
    expect(Object.keys(rows[0]!)).toEqual(['key', 'label', 'orders', 'amount', 'refunds', 'clicks']);
    const dated = JSON.parse((await shequn('results', 'report', '-w', ws, '--by', 'post', '--from', '2027-01-21', '--to', '2027-01-21', '--json')).stdout) as { key: string; orders: number; amount: number }[];
    expect(dated.find((x) => x.key === 'school-snack')).toMatchObject({ orders: 1, amount: 29.9 });
    const bad = await shequn('results', 'report', '-w', ws, '--by', 'city');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by .*post, group, store, channel, hook, template/);
  });

  it('an undetectable export: exit 2 naming the file and asking for --map', async () => {
    const r = await shequn('results', 'import', join(FIXTURES, 'orders-odd.csv'), '-w', ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orders-odd\.csv: 认不出列.*--map/);
  });

  it('plan add / list / remove, and shequn check reports the cap (cadence.per_day, exit 1)', async () => {
    const a = await shequn('plan', 'add', '-w', ws, '--post', 'spring-gift', '--group', 'moms', '--at', '2027-01-20 09:30');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/planned slot-[0-9a-f]{8}: spring-gift → moms @ 2027-01-20 09:30/);
    const b = await shequn('plan', 'add', '-w', ws, '--post', 'school-snack', '--group', 'moms', '--at', '2027-01-20 13:00');
    expect(b.stdout).toContain('cadence.per_day');
    const list = JSON.parse((await shequn('plan', 'list', '-w', ws, '--from', '2027-01-20', '--to', '2027-01-20', '--json')).stdout) as { post: string; at: string; issues: { ruleId: string }[] }[];
    expect(list.map((x) => [x.post, x.at, x.issues.map((i) => i.ruleId)])).toEqual([
      ['spring-gift', '2027-01-20 09:30', ['cadence.per_day']],
      ['school-snack', '2027-01-20 13:00', ['cadence.per_day']],
    ]);
    const check = await shequn('check', '-w', ws, '--json');
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('cadence.'))).toEqual([expect.objectContaining({ ruleId: 'cadence.per_day', severity: 'error', group: 'moms' })]);
    const rm1 = await shequn('plan', 'remove', '-w', ws, '--post', 'school-snack', '--group', 'moms', '--at', '2027-01-20 13:00');
    expect(rm1.stdout).toContain('removed');
    expect(JSON.parse((await shequn('check', '-w', ws, '--json')).stdout).findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('cadence.'))).toEqual([]);
    const badTime = await shequn('plan', 'add', '-w', ws, '--post', 'spring-gift', '--group', 'moms', '--at', '2027-1-20 9:30');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('YYYY-MM-DD HH:MM');
  });
});
