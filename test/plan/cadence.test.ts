import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/model/index.js';
import { demoStudio, type TestStudio } from '../results/helpers.js';

const rules = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId).sort();

describe('the send plan and its cadence checks', () => {
  let s: TestStudio;
  beforeEach(async () => (s = await demoStudio('2027-01-17T10:00:00+08:00')));
  afterEach(() => s.close());

  it('adds, lists, moves and removes slots; refuses what cannot be sent', async () => {
    const a = await s.call('plan.add', { post: 'spring-gift', group: 'community', at: '2027-01-20 06:20' });
    expect(a.findings).toEqual([]);
    await s.call('plan.add', { post: 'school-snack', group: 'moms', at: '2027-01-19 09:30' });
    const list = await s.call('plan.list', { from: '2027-01-19', to: '2027-01-20' });
    expect(list.slots.map((x) => [x.at, x.group, x.title])).toEqual([
      ['2027-01-19 09:30', 'moms', expect.stringContaining('开学季')],
      ['2027-01-20 06:20', 'community', expect.stringContaining('新春')],
    ]);
    expect(list.caps.community).toEqual({ perDay: 1, perWeek: null, perMonth: 'days' });
    expect(list.today).toBe('2027-01-17');

    const bad = async (input: Parameters<TestStudio['call']>[1], code: string, field: string) => {
      const err = (await s.call('plan.add', input as never).catch((e) => e)) as StudioError;
      expect(err.code, JSON.stringify(input)).toBe(code);
      expect(err.field).toBe(field);
    };
    await bad({ post: 'spring-gift', group: 'fitness', at: '2027-01-21 07:00' }, 'bad_input', 'group'); // the post does not go there
    await bad({ post: 'spring-gift', group: 'community', at: '2027-02-30 07:00' }, 'bad_input', 'at');
    await bad({ post: 'spring-gift', group: 'community', at: '2027-01-20 06:20' }, 'conflict', 'at');
    await bad({ post: 'nope', group: 'community', at: '2027-01-21 07:00' }, 'not_found', 'post');

    const moved = await s.call('plan.move', { id: a.slot.id, at: '2027-01-22 19:30' });
    expect(moved.slot).toMatchObject({ id: a.slot.id, at: '2027-01-22 19:30', group: 'community' });
    expect((await s.call('plan.remove', { post: 'school-snack' })).removed).toHaveLength(1);
    expect((await s.call('plan.list', {})).slots.map((x) => x.id)).toEqual([a.slot.id]);
    // Saved in studio.json.
    expect(s.ws.data().plan.slots).toEqual([{ id: a.slot.id, post: 'spring-gift', group: 'community', at: '2027-01-22 19:30' }]);
  });

  it('two sends to one group type on one day break the WeCom default cap; check.run reports cadence.per_day', async () => {
    const a = await s.call('plan.add', { post: 'spring-gift', group: 'moms', at: '2027-01-20 09:30' });
    const b = await s.call('plan.add', { post: 'school-snack', group: 'moms', at: '2027-01-20 13:00' });
    expect(rules(b.findings)).toEqual(['cadence.per_day']);
    expect(b.findings[0]!.slots.sort()).toEqual([a.slot.id, b.slot.id].sort());
    const report = await s.call('check.run', {});
    const perDay = report.findings.filter((f) => f.ruleId === 'cadence.per_day');
    expect(perDay).toHaveLength(1);
    expect(perDay[0]).toMatchObject({ severity: 'error', group: 'moms', message: { zh: expect.stringContaining('每天 1 条'), en: expect.stringContaining('1 a day') } });
    expect(report.errors).toBeGreaterThanOrEqual(1);
    // The brand lifts the daily cap for mothers' groups: the finding goes.
    const moms = s.ws.data().groupTypes.find((g) => g.id === 'moms')!;
    await s.call('groups.save', { group: { ...moms, caps: { perDay: null, perWeek: 7 } } });
    expect((await s.call('plan.list', {})).findings).toEqual([]);
  });

  it('weekly and monthly caps: the 7-per-week option, and no more sends a month than the month has days', async () => {
    const vip = s.ws.data().groupTypes.find((g) => g.id === 'vip')!;
    await s.call('groups.save', { group: { ...vip, caps: { perDay: null, perWeek: 7 } } });
    for (let d = 18; d <= 24; d++) await s.call('plan.add', { post: 'spring-gift', group: 'vip', at: `2027-01-${d} 10:00` });
    expect((await s.call('plan.list', {})).findings.filter((f) => f.ruleId === 'cadence.per_week')).toEqual([]);
    const eighth = await s.call('plan.add', { post: 'spring-gift', group: 'vip', at: '2027-01-24 20:00' });
    expect(rules(eighth.findings)).toContain('cadence.per_week');

    const koc = s.ws.data().groupTypes.find((g) => g.id === 'koc')!;
    await s.call('groups.save', { group: { ...koc, caps: { perDay: null } } });
    for (let d = 1; d <= 28; d++) await s.call('plan.add', { post: 'spring-gift', group: 'koc', at: `2027-02-${String(d).padStart(2, '0')} 08:00` });
    const before = (await s.call('plan.list', {})).findings.filter((f) => f.ruleId === 'cadence.per_month');
    expect(before).toEqual([]);
    const extra = await s.call('plan.add', { post: 'spring-gift', group: 'koc', at: '2027-02-14 20:00' });
    expect(extra.findings.find((f) => f.ruleId === 'cadence.per_month')?.message.en).toContain('29 sends in 2027-02; the limit is 28');
  });

  it('near-identical posts to one group type on neighbouring days, and slots outside a post\'s validity, are warnings', async () => {
    await s.call('plan.add', { post: 'spring-gift', group: 'community', at: '2027-01-20 19:30' });
    const next = await s.call('plan.add', { post: 'spring-gift', group: 'community', at: '2027-01-21 19:30' });
    expect(next.findings.map((f) => [f.ruleId, f.severity])).toEqual([['cadence.similar', 'warning']]);
    const apart = await s.call('plan.add', { post: 'spring-gift', group: 'community', at: '2027-01-25 19:30' });
    expect(apart.findings).toEqual([]);
    const other = await s.call('plan.add', { post: 'school-snack', group: 'moms', at: '2027-01-26 09:30' });
    expect(other.findings).toEqual([]);
    const late = await s.call('plan.add', { post: 'spring-gift', group: 'moms', at: '2027-03-05 09:30' });
    expect(rules(late.findings)).toEqual(['cadence.outside_validity']);
  });

  it('periods already past are history, not findings', async () => {
    await s.call('plan.add', { post: 'spring-gift', group: 'moms', at: '2027-01-10 09:30' });
    await s.call('plan.add', { post: 'school-snack', group: 'moms', at: '2027-01-10 13:00' });
    expect((await s.call('plan.list', {})).findings).toEqual([]);
  });
});
