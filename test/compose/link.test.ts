import { describe, expect, it } from 'vitest';
import { buildTrackingLink, parseTrackingLink, withChannel } from '../../src/compose/link.js';
import { composeVariant } from '../../src/compose/compose.js';
import { composeStudio } from './fixtures.js';

describe('tracking links', () => {
  it('add sq_post, sq_group, sq_store after the base URL\'s own parameters, in a stable order', () => {
    const link = buildTrackingLink({ base: 'https://shop.example.com/s/S001?shop=9&from=wx#goods', post: 'p1', group: 'vip', store: 'S001' });
    expect(link).toBe('https://shop.example.com/s/S001?shop=9&from=wx&sq_post=p1&sq_group=vip&sq_store=S001#goods');
    expect(buildTrackingLink({ base: 'https://shop.example.com/s/S001?shop=9&from=wx#goods', post: 'p1', group: 'vip', store: 'S001' })).toBe(link);
  });

  it('keep Chinese values of the base URL, percent-encoded (URL-safe)', () => {
    const link = buildTrackingLink({ base: 'https://shop.example.com/p?活动=新春 年货&from=群发', post: 'p-1', group: 'community', store: 'S_2' });
    expect(link).toMatch(/^[\x21-\x7e]+$/);
    const q = new URL(link).searchParams;
    expect(q.get('活动')).toBe('新春 年货');
    expect(q.get('from')).toBe('群发');
    expect(parseTrackingLink(link)).toEqual({ post: 'p-1', group: 'community', store: 'S_2' });
  });

  it('replace stale tracking parameters already in the base URL instead of doubling them', () => {
    const link = buildTrackingLink({ base: 'https://x.example/?sq_store=old&a=1&sq_post=old', post: 'p1', group: 'moms', store: 'S1' });
    expect(link).toBe('https://x.example/?a=1&sq_post=p1&sq_group=moms&sq_store=S1');
  });

  it('parse back to the same ids, with the channel when there is one', () => {
    const link = buildTrackingLink({ base: 'https://x.example/a', post: 'spring-gift', group: 'koc', store: 'lc009' });
    expect(parseTrackingLink(link)).toEqual({ post: 'spring-gift', group: 'koc', store: 'lc009' });
    const ch = withChannel(link, 'moments');
    expect(ch).toBe('https://x.example/a?sq_post=spring-gift&sq_group=koc&sq_store=lc009&sq_ch=moments');
    expect(parseTrackingLink(ch)).toEqual({ post: 'spring-gift', group: 'koc', store: 'lc009', channel: 'moments' });
    expect(withChannel(ch, 'video')).toBe('https://x.example/a?sq_post=spring-gift&sq_group=koc&sq_store=lc009&sq_ch=video');
    expect(parseTrackingLink('https://x.example/a?sq_post=p')).toBeUndefined();
    expect(parseTrackingLink('not a url')).toBeUndefined();
  });

  it('refuse a base that is not an http(s) URL', () => {
    expect(() => buildTrackingLink({ base: 'javascript:alert(1)', post: 'p', group: 'g', store: 's' })).toThrow(/must be http/);
    expect(() => buildTrackingLink({ base: '/relative', post: 'p', group: 'g', store: 's' })).toThrow(/not a URL/);
  });

  it('in a variant: the store\'s cloud-store URL, else the post\'s conversion URL; every variant link parses back', () => {
    const data = composeStudio();
    const withStore = composeVariant(data, 'p1', 'community', 'S001');
    expect(withStore.link.startsWith('https://shop.example.com/s/S001?sq_post=p1&sq_group=community&sq_store=S001')).toBe(true);
    const noCloud = composeVariant(data, 'p1', 'vip', 'S002');
    expect(noCloud.link).toBe(buildTrackingLink({ base: 'https://shop.example.com/p/p1?from=群发', post: 'p1', group: 'vip', store: 'S002' }));
    for (const v of [withStore, noCloud]) {
      expect(parseTrackingLink(v.link)).toEqual({ post: v.post, group: v.group, store: v.store });
      expect(v.caption).toContain(v.link);
    }
    const moments = composeVariant(data, 'p1', 'moms', 'S001').channels.moments!;
    const url = /https:\/\/\S+/.exec(moments)![0];
    expect(parseTrackingLink(url)).toEqual({ post: 'p1', group: 'moms', store: 'S001', channel: 'moments' });
  });
});
