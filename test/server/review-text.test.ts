import { describe, expect, it } from 'vitest';
import { chinaTime, reviewLang, reviewText } from '../../src/server/review-text.js';

describe('the review pages’ language and times', () => {
  it('speaks Chinese unless the browser ranks English first', () => {
    expect(reviewLang(undefined)).toBe('zh');
    expect(reviewLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(reviewLang('en-US,en;q=0.9')).toBe('en');
    expect(reviewLang('en;q=0.5,zh-CN;q=0.9')).toBe('zh');
    expect(reviewLang('fr-FR')).toBe('zh');
  });

  it('shows times stored with Z or +08:00 the same way, in China time', () => {
    expect(chinaTime('2026-12-06T08:05:00.000Z')).toBe('2026-12-06 16:05');
    expect(chinaTime('2026-12-06T16:05:00+08:00')).toBe('2026-12-06 16:05');
    expect(chinaTime('not a time')).toBe('not a time');
  });

  it('has every word in both languages', () => {
    expect(reviewText('zh')('state.in_review')).toBe('审核中');
    expect(reviewText('en')('state.in_review')).toBe('in review');
    expect(reviewText('zh')('rendered', { at: 'x', n: 3 })).toBe('生成于 x · 3 个样例');
  });
});
