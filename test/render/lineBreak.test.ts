/**
 * Line breaking rules on worst-case texts (issue 16, point 4): swept over many widths and sizes,
 * every break is checked against the source text, so a rule that holds only at one width fails.
 */
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/render/text/fonts.js';
import { breakLines, NO_END, NO_START } from '../../src/render/text/line-break.js';
import { fitText, type FitRule } from '../../src/render/text/text-fit.js';

const fonts = loadFonts();
const m400 = fonts.metrics[400];
const m700 = fonts.metrics[700];

/** Where each line after the first starts in `text` (whitespace between lines skipped; a dropped separator too). */
function junctions(text: string, lines: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    while (at < text.length && text.startsWith(' ', at)) at++;
    const found = text.indexOf(line, at);
    expect(found, `line ${i} "${line}" comes from the text`).toBeGreaterThanOrEqual(0);
    // Only spaces, or a separator dropped at the end of the line before, may lie between two lines.
    expect(text.slice(at, found)).toMatch(/^[\s·|｜/—-]*$/);
    if (i > 0) out.push(found);
    at = found + line.length;
  });
  return out;
}

/** Spans a break may never fall strictly inside: a number with its unit or currency, a short bracket pair, a Latin word. */
function protectedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[¥￥$]?[0-9]+(?:\.[0-9]+)? ?(?:千卡|小时|公里|小袋|元|日装|日|盒|袋|杯|g|岁|%)|第[一二三四五六七八九十0-9]|（[^（）]{1,8}）|「[^「」]{1,8}」|[A-Za-z]+/g;
  for (const m of text.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}

/** Checks every rule on the lines of one paragraph of `text`. */
function checkRules(text: string, lines: string[], width: number, measure: (s: string) => number): void {
  for (const line of lines) {
    expect(measure(line), `"${line}" fits ${width}px`).toBeLessThanOrEqual(width + 0.01);
    expect(NO_START.has([...line][0] ?? ''), `"${line}" starts with closing punctuation`).toBe(false);
    expect(NO_END.has([...line].at(-1) ?? ''), `"${line}" ends with an opening bracket`).toBe(false);
  }
  for (const j of junctions(text, lines)) {
    // A span wider than the line itself has to break somewhere; every other one stays whole.
    // (with the punctuation that must follow it onto the same line: "300 千卡，").
    for (const [a, b] of protectedSpans(text)) if (measure(text.slice(a, b) + (NO_START.has(text[b] ?? '') ? text[b] : '')) <= width) expect(j > a && j < b, `break inside "${text.slice(a, b)}" of "${text}" at ${width}px`).toBe(false);
  }
  if (lines.length > 1) expect([...lines.at(-1)!].filter((c) => !/[\s\p{P}]/u.test(c)).length, `last line "${lines.at(-1)}" alone`).toBeGreaterThan(1);
}

/** Worst cases from the review of the demo: what was seen broken, and what must hold. */
const WORST = [
  '年货节：满 2 盒每盒再减 20 元，加送栗栗福字贴',
  '栗栗每日坚果·儿童款（7日装）第 2 盒半价，每袋 20g，¥59.9/盒',
  '12 小袋独立包装，核桃、巴旦木、腰果、开心果、蔓越莓干，初一到十二每天一袋。',
  '幸福里社区生活超市（旗舰店）第二分店·24小时营业部',
  '离过年不到两个月啦！',
  '一杯约 300 千卡，顶饱不腻，冷藏后更好吃。Fresh nuts every day 2026 edition',
  '我是李姐，在梧桐巷开店十一年了，谁家孩子爱吃什么、谁家老人要少糖的，我心里都有本账，大家放心买、慢慢挑，有事随时在群里喊我一声就行～',
  '「新品」¥168元！（含税）A&B "好货" 100% 满意',
];

describe('line breaking rules, every width', () => {
  it('no break inside a number with its unit or currency, a short bracket pair or a Latin word; kinsoku; no lone last character', () => {
    let checked = 0;
    for (const text of WORST) {
      for (const size of [22, 28, 36]) {
        for (let width = size * 4; width <= size * 30; width += Math.round(size * 0.7)) {
          for (const mode of ['natural', 'tight', 'greedy'] as const) {
            const lines = breakLines(text, width, m400, size, 0, mode);
            checkRules(text, lines, width, (s) => m400.measure(s, size));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('the breaks the review saw are gone at the widths of the posters', () => {
    // festive 1x1 offer (460 px at 23 px), the owner layout's offer, festive 3x4 waist, a 9:16 store name.
    const join = (lines: string[]) => lines.join('｜');
    expect(join(breakLines('年货节：满 2 盒每盒再减 20 元，加送栗栗福字贴', 380, m700, 28))).not.toMatch(/20｜ ?元/);
    expect(join(breakLines('栗栗每日坚果·儿童款（7日装）', 250, m700, 30))).not.toMatch(/（7｜|｜日装）/);
    for (const w of [388, 420, 460, 500]) {
      const j = join(breakLines('12 小袋独立包装，核桃、巴旦木、腰果、开心果、蔓越莓干，初一到十二每天一袋。', w, m400, 22));
      expect(j).not.toMatch(/腰｜果|蔓越莓｜干|巴旦｜木/);
    }
    expect(join(breakLines('幸福里社区生活超市（旗舰店）第二分店·24小时营业部', 520, m700, 36))).not.toMatch(/第｜二/);
    // A lone 啦 on its own line: rebalanced so the last line has company.
    for (let w = 150; w < 260; w += 4) expect(breakLines('离过年不到两个月啦！', w, m400, 28).at(-1)).not.toMatch(/^啦！?$/);
  });

  it('prefers a clause end, then a word boundary, to a fuller line', () => {
    expect(breakLines('新春年货礼盒 · 团圆带点山野味', 952, m700, 80)).toEqual(['新春年货礼盒', '团圆带点山野味']);
    expect(breakLines('幸福里社区生活超市（旗舰店）第二分店', 520, m700, 40)).toEqual(['幸福里社区生活超市', '（旗舰店）第二分店']);
    const catchphrase = breakLines(WORST[6]!, 560, m400, 24);
    expect(catchphrase.join('｜')).not.toMatch(/什｜么/);
  });
});

describe('fitting: shrink within the floor first, cut last and at a sentence or clause end', () => {
  const rule = (r: Partial<FitRule>): FitRule => ({ width: 460, fontSize: 26, minFontSize: 20, maxLines: 3, lineHeight: 1.4, weight: 400, letterSpacing: 0, overflow: 'ellipsis', ...r });
  const waist = '拾果山房的「山野坚果礼盒」今年又来啦\n12 小袋独立包装，核桃、巴旦木、腰果、开心果、蔓越莓干，初一到十二每天一袋。\n红礼盒拎着体面，一家老小分着吃。去年不少邻居回购，说拆开没两天就空了';

  it('a text that fits at a smaller size is shrunk, not cut', () => {
    const r = fitText(waist, rule({ maxLines: 5 }), m400);
    expect(r.truncated).toBe(false);
    expect(r.fontSize).toBeLessThanOrEqual(26);
    expect(r.lines.join('')).toBe(waist.replace(/\n/g, ''));
  });

  it('at the floor a cut keeps whole sentences (no ellipsis), never a word cut mid-sentence', () => {
    const r = fitText(waist, rule({ maxLines: 3 }), m400);
    expect(r.truncated).toBe(true);
    expect(r.fontSize).toBe(20);
    expect(r.lines.at(-1)).toMatch(/[。！？]$/);
    const c = fitText('去年不少邻居回购，说拆开没两天就空了，一家老小都爱吃，过年走亲戚也体面', rule({ width: 300, maxLines: 2 }), m400);
    expect(c.truncated).toBe(true);
    // Only clause ends: the cut is at a comma, replaced by "…".
    expect(c.lines.at(-1)).toMatch(/[^，、]…$/);
    expect(c.lines.join('').replace('…', '')).toMatch(/^去年不少邻居回购，说拆开没两天就空了(，一家老小都爱吃)?$/);
  });

  it('an ellipsis never follows a separator (no stray "· …")', () => {
    const r = fitText('幸福里社区生活超市（旗舰店）第二分店·24小时营业部 · 梧桐区', rule({ width: 400, fontSize: 42, minFontSize: 30, maxLines: 1 }), m700);
    expect(r.lines[0]).toMatch(/…$/);
    expect(r.lines[0]).not.toMatch(/[·\s]…$/);
  });
});
