import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/render/text/fonts.js';
import { breakLines } from '../../src/render/text/line-break.js';
import { fitText, TextFitError, type FitRule } from '../../src/render/text/text-fit.js';
import { LONG_CATCHPHRASE, LONG_STORE_NAME } from '../fixtures/render/fixture.js';

const f = loadFonts();
const rule = (r: Partial<FitRule>): FitRule => ({ width: 520, fontSize: 40, minFontSize: 28, maxLines: 1, lineHeight: 1.3, weight: 700, letterSpacing: 0, overflow: 'ellipsis', ...r });
const NO_START = /^[，。、；：！？）】」』》”’…,.;:!?)]/;
const NO_END = /[（【「『《“‘(¥]$/;

describe('Chinese line breaking', () => {
  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const m = f.metrics[400];
    for (let width = 160; width <= 700; width += 37) {
      const lines = breakLines(`${LONG_CATCHPHRASE}（含税）「新品」¥168元！`, width, m, 28);
      for (const line of lines) {
        expect(line).not.toMatch(NO_START);
        expect(line).not.toMatch(NO_END);
        expect(m.measure(line, 28)).toBeLessThanOrEqual(width + 0.01);
      }
      expect(lines.join('')).toBe(`${LONG_CATCHPHRASE}（含税）「新品」¥168元！`);
    }
  });

  it('keeps Latin words and numbers whole and prefers natural breaks', () => {
    const m = f.metrics[700];
    expect(breakLines('新春年货礼盒 · 团圆带点山野味', 952, m, 80)).toEqual(['新春年货礼盒', '团圆带点山野味']);
    expect(breakLines(LONG_STORE_NAME, 520, m, 40)).toEqual(['幸福里社区生活超市', '（旗舰店）第二分店']);
    const latin = breakLines('Fresh nuts every day 2026 edition', 300, m, 30);
    for (const line of latin) expect(line).toMatch(/^(\S+ )*\S+$/);
    expect(latin.join(' ')).toBe('Fresh nuts every day 2026 edition');
  });
});

describe('text fit rules', () => {
  it('shrinks a long store name within the floor before anything else', () => {
    const r = fitText('幸福里社区生活超市旗舰店分店', rule({}), f.metrics[700]);
    expect(r.lines).toEqual(['幸福里社区生活超市旗舰店分店']);
    expect(r.fontSize).toBeLessThan(40);
    expect(r.fontSize).toBeGreaterThanOrEqual(28);
    expect(f.metrics[700].measure(r.lines[0]!, r.fontSize)).toBeLessThanOrEqual(520);
  });

  it('wraps to the stated number of lines, then ends with "…" at the floor; nothing is wider than the box', () => {
    const two = fitText(LONG_STORE_NAME, rule({ maxLines: 2, balance: true }), f.metrics[700]);
    expect(two.lines).toHaveLength(2);
    expect(two.truncated).toBe(false);
    const cut = fitText(`${LONG_CATCHPHRASE}${LONG_CATCHPHRASE}`, rule({ maxLines: 2, weight: 400, minFontSize: 24, fontSize: 28 }), f.metrics[400]);
    expect(cut.truncated).toBe(true);
    expect(cut.fontSize).toBe(24);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1]).toMatch(/…$/);
    for (const line of cut.lines) expect(f.metrics[400].measure(line, 24)).toBeLessThanOrEqual(520);
    expect(cut.block).toBe(cut.lines.join('\n'));
  });

  it('refuses instead when the rule says overflow: error', () => {
    expect(() => fitText(LONG_CATCHPHRASE, rule({ overflow: 'error' }), f.metrics[700], 'catchphrase')).toThrow(TextFitError);
    expect(() => fitText(LONG_CATCHPHRASE, rule({ overflow: 'error' }), f.metrics[700], 'catchphrase')).toThrow(/catchphrase .* does not fit 1 line\(s\) of 520px even at 28px/);
  });

  it('keeps emoji (drawn as pictures, one em wide), removes what neither the font nor the emoji set draws and says so', () => {
    const r = fitText('🧧 离过年不到两个月啦！\n今年回老家 🎁\uE000', rule({ maxLines: 3, width: 900 }), f.metrics[700]);
    expect(r.dropped).toEqual(['\uE000']);
    expect(r.lines).toEqual(['🧧 离过年不到两个月啦！', '今年回老家 🎁']);
    // An emoji measures one em: the same as a Chinese character at that size (Noto Sans SC: 1 em).
    expect(f.metrics[700].measure('🧧', 40)).toBe(40);
    expect(f.metrics[700].measure('👍🏻', 40)).toBe(40);
  });
});
