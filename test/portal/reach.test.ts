import { describe, expect, it } from 'vitest';
import { addressReach } from '../../src/model/index.js';
import { portalSheetHtml, reachWarning } from '../../src/portal/links.js';
import { tinyStudio } from '../helpers/memory-workspace.js';

describe('who can open a link', () => {
  it('tells loopback, private LAN and public addresses apart', () => {
    for (const u of ['http://127.0.0.1:5178/p/x', 'http://localhost:5178/', 'http://[::1]:80/', 'http://127.8.0.1/']) expect(addressReach(u), u).toBe('loopback');
    for (const u of ['http://192.168.1.5:5178/p/x', 'http://10.0.0.2/', 'http://172.20.1.1/', 'http://172.31.255.1/', 'http://169.254.1.1/', 'http://100.64.0.1/', 'http://[fd12::1]/', 'http://[fe80::1]/', 'http://nas.local/', 'http://minio:9000/', 'http://minio.lan:9000/'])
      expect(addressReach(u), u).toBe('private');
    for (const u of ['https://packs.brand.example/p/x/index.html', 'http://172.32.0.1/', 'http://8.8.8.8/', 'https://bucket.oss-cn-hangzhou.aliyuncs.com/', 'http://[2001:db8::1]/']) expect(addressReach(u), u).toBe('public');
  });

  it('warns in both languages, with the advice that fits portal and published links', () => {
    expect(reachWarning(['https://packs.brand.example/p/t/index.html'])).toBeUndefined();
    const portal = reachWarning(['http://127.0.0.1:5178/p/abc'])!;
    expect(portal).toMatch(/只有本机能打开.*open on this computer only.*shequn publish/);
    const published = reachWarning(['http://192.168.1.9:9000/packs/p/abc/index.html'])!;
    expect(published).toMatch(/局域网地址 192\.168\.1\.9:9000.*private LAN address.*--public-base/);
  });

  it('prints the warning on the QR sheet itself when its codes only work in the office', async () => {
    const data = tinyStudio();
    const local = await portalSheetHtml(data, [{ store: 's001', storeName: '老王家便利店', url: 'http://192.168.0.3:5178/p/abcdefghijklmnopqrstuvwx' }]);
    expect(local).toMatch(/<p class="warn" role="alert">这些链接指向局域网地址 192\.168\.0\.3:5178/);
    const published = await portalSheetHtml(data, [{ store: 's001', storeName: '老王家便利店', url: 'https://packs.brand.example/p/abcdefghijklmnopqrstuvwx/index.html' }]);
    expect(published).not.toContain('class="warn"');
  });
});
