import { postSections } from '../compose/context.js';
import type { ComposeCache } from '../compose/cache.js';
import { finding, type Finding } from '../compose/checks/types.js';
import { capsOf, type PlanSlot, type Post, type StudioData } from '../model/index.js';
import { bigramSimilarity } from '../model/text.js';
import { addDays, daysBetween, expiryDay, monthDays, weekStart } from './dates.js';

/** Similarity (character bigrams, 0..1) at or above which two posts to one group type count as near-identical. */
export const NEIGHBOUR_SIMILARITY = 0.8;

/** A cadence finding with the slots it concerns (the calendar marks them). */
export interface CadenceFinding extends Finding {
  slots: string[];
}

/** What the cadence check needs besides the data: today (China time) and the compose cache for post texts. */
export interface CadenceOptions {
  today: string;
  post?: string;
  cache?: Pick<ComposeCache, 'sections'>;
}

const day = (s: PlanSlot) => s.at.slice(0, 10);

/** A post's text (head, waist and leg) for comparing posts. */
function postText(p: Post, cache?: Pick<ComposeCache, 'sections'>): string {
  try {
    const s = postSections(p, cache);
    return [s.head.display, s.waist.display, s.leg.display].join('\n');
  } catch {
    return p.title;
  }
}

/**
 * Checks the plan against each group type's caps (per day, ISO week, month) and warns where
 * near-identical posts go to one group type on the same or neighbouring days, or where a slot falls
 * outside its post's validity. Only periods that reach today or later are reported: the past is
 * history. Rule ids start with `cadence.` (docs/checks.md).
 */
export function checkCadence(data: StudioData, opts: CadenceOptions): CadenceFinding[] {
  const out: CadenceFinding[] = [];
  const posts = new Map(data.posts.map((p) => [p.id, p]));
  const texts = new Map<string, string>();
  const textOf = (p: Post) => texts.get(p.id) ?? (texts.set(p.id, postText(p, opts.cache)), texts.get(p.id)!);
  const titles = (slots: PlanSlot[]) => [...new Set(slots.map((s) => posts.get(s.post)?.title ?? s.post))].join('、');
  const push = (f: Finding, slots: PlanSlot[]) => out.push({ ...f, slots: slots.map((s) => s.id) });

  for (const group of data.groupTypes) {
    const slots = data.plan.slots.filter((s) => s.group === group.id).sort((a, b) => a.at.localeCompare(b.at));
    if (!slots.length) continue;
    const caps = capsOf(group);
    const windows = (keyOf: (s: PlanSlot) => string) => {
      const m = new Map<string, PlanSlot[]>();
      for (const s of slots) m.set(keyOf(s), [...(m.get(keyOf(s)) ?? []), s]);
      return m;
    };
    if (caps.perDay !== null) {
      for (const [d, list] of windows(day)) {
        if (list.length <= caps.perDay || d < opts.today) continue;
        push(finding('error', 'cadence.per_day', `${group.name} ${d} 安排了 ${list.length} 条（${titles(list)}），上限每天 ${caps.perDay} 条（企业微信客户群群发规则）。请挪到别的日子。`, `${group.name}: ${list.length} sends on ${d} (${titles(list)}); the limit is ${caps.perDay} a day (WeCom customer-group rule). Move some to other days.`, { group: group.id, post: list[list.length - 1]!.post, field: `plan ${d}` }), list);
      }
    }
    if (caps.perWeek !== null) {
      for (const [monday, list] of windows((s) => weekStart(day(s)))) {
        const sunday = addDays(monday, 6);
        if (list.length <= caps.perWeek || sunday < opts.today) continue;
        push(finding('error', 'cadence.per_week', `${group.name} ${monday} 至 ${sunday} 这一周安排了 ${list.length} 条，上限每周 ${caps.perWeek} 条。`, `${group.name}: ${list.length} sends in the week ${monday} to ${sunday}; the limit is ${caps.perWeek} a week.`, { group: group.id, post: list[list.length - 1]!.post, field: `plan ${monday}/${sunday}` }), list);
      }
    }
    if (caps.perMonth !== null) {
      for (const [month, list] of windows((s) => s.at.slice(0, 7))) {
        const limit = caps.perMonth === 'days' ? monthDays(month) : caps.perMonth;
        if (list.length <= limit || `${month}-${String(monthDays(month)).padStart(2, '0')}` < opts.today) continue;
        const why = caps.perMonth === 'days' ? `不超过当月天数 ${limit}` : `每月 ${limit} 条`;
        push(finding('error', 'cadence.per_month', `${group.name} ${month} 安排了 ${list.length} 条，上限${why}。`, `${group.name}: ${list.length} sends in ${month}; the limit is ${limit} a month.`, { group: group.id, post: list[list.length - 1]!.post, field: `plan ${month}` }), list);
      }
    }
    // Near-identical posts on the same or neighbouring days read as spam in a group.
    for (let i = 0; i < slots.length; i++) {
      for (let j = i + 1; j < slots.length; j++) {
        const a = slots[i]!;
        const b = slots[j]!;
        const gap = daysBetween(day(a), day(b));
        if (gap > 1) break;
        if (day(b) < opts.today) continue;
        const pa = posts.get(a.post);
        const pb = posts.get(b.post);
        if (!pa || !pb) continue;
        const sim = a.post === b.post ? 1 : bigramSimilarity(textOf(pa), textOf(pb));
        if (sim < NEIGHBOUR_SIMILARITY) continue;
        const pct = Math.round(sim * 100);
        const when = gap === 0 ? `同一天（${day(a)}）` : `相邻两天（${day(a)}、${day(b)}）`;
        const whenEn = gap === 0 ? `on the same day (${day(a)})` : `on neighbouring days (${day(a)}, ${day(b)})`;
        const what = a.post === b.post ? `同一篇「${pa.title}」` : `几乎一样的「${pa.title}」和「${pb.title}」（相似度 ${pct}%）`;
        const whatEn = a.post === b.post ? `the same post "${pa.title}"` : `near-identical posts "${pa.title}" and "${pb.title}" (similarity ${pct}%)`;
        push(finding('warning', 'cadence.similar', `${group.name}${when}收到${what}：像刷屏，请隔开几天或换一篇。`, `${group.name} gets ${whatEn} ${whenEn}: it reads as spam; space them out or send another post.`, { group: group.id, post: b.post, field: `plan ${day(b)}` }), [a, b]);
      }
    }
  }
  // A slot outside its post's validity would send withdrawn or not yet valid content.
  for (const s of data.plan.slots) {
    const p = posts.get(s.post);
    if (!p || day(s) < opts.today) continue;
    const from = p.validFrom.slice(0, 10);
    const until = expiryDay(p.validUntil);
    if (day(s) >= from && day(s) <= until) continue;
    push(finding('warning', 'cadence.outside_validity', `${s.at} 发「${p.title}」不在它的有效期（${from} 至 ${until}）内。`, `${s.at}: "${p.title}" is outside its validity (${from} to ${until}).`, { group: s.group, post: s.post, field: `plan ${day(s)}` }), [s]);
  }
  return opts.post ? out.filter((f) => f.slots.some((id) => data.plan.slots.find((s) => s.id === id)?.post === opts.post)) : out;
}
