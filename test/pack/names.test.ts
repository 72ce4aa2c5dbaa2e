import { describe, expect, it } from 'vitest';
import { distinctNames, MAX_NAME_BYTES, packFolderName, safeName } from '../../src/pack/names.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safe file names', () => {
  it('keeps Chinese and replaces the characters Windows forbids and control characters', () => {
    expect(safeName('社区群')).toBe('社区群');
    expect(safeName('新品<上市>: "坚果"/礼盒\\第1波|?*')).toBe('新品_上市__ _坚果__礼盒_第1波___');
    expect(safeName('a\u0000b\u001fc\u007fd')).toBe('a_b_c_d');
  });

  it('prefixes Windows device names, with or without an extension, in any case', () => {
    for (const n of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9', 'COM¹']) expect(safeName(n)).toBe(`_${n}`);
    expect(safeName('CON.txt')).toBe('_CON.txt');
    expect(safeName('nul.tar.gz')).toBe('_nul.tar.gz');
    expect(safeName('Aux .jpg')).toBe('_Aux .jpg');
    expect(safeName('CONSOLE')).toBe('CONSOLE');
    expect(safeName('COM10')).toBe('COM10');
  });

  it('trims trailing dots and spaces, hides no file behind a leading dot, never returns empty', () => {
    expect(safeName('周末活动. . ')).toBe('周末活动');
    expect(safeName('  标题  ')).toBe('标题');
    expect(safeName('.hidden')).toBe('_hidden');
    expect(safeName('...')).toBe('_');
    expect(safeName('')).toBe('_');
  });

  it('normalises to NFC', () => {
    const nfd = 'Cafe\u0301';
    expect(safeName(nfd)).toBe('Caf\u00e9');
    expect(safeName(nfd)).toBe(safeName('Caf\u00e9'));
  });

  it('cuts long names to 255 UTF-8 bytes on a character boundary, keeping the extension and staying distinct', () => {
    const long = '社'.repeat(200);
    const a = safeName(`${long}甲.txt`);
    const b = safeName(`${long}乙.txt`);
    for (const n of [a, b]) {
      expect(bytes(n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(n.endsWith('.txt')).toBe(true);
      expect(n).not.toContain('\ufffd');
      expect(Buffer.from(n, 'utf8').toString('utf8')).toBe(n);
    }
    expect(a).not.toBe(b);
    expect(safeName(`${long}甲.txt`)).toBe(a); // deterministic
    const emoji = safeName('👨‍👩‍👧'.repeat(40));
    expect(bytes(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(emoji.replace(/~[0-9a-f]{8}$/, '').length % '👨‍👩‍👧'.length).toBe(0); // no family split apart
  });

  it('names a pack <store id>-<store name> and disambiguates equal titles by id', () => {
    expect(packFolderName({ id: 'LC001', storeName: '栗子/坚果:旗舰店' })).toBe('LC001-栗子_坚果_旗舰店');
    const posts = [{ id: 'p1', title: '新品' }, { id: 'p2', title: '新品' }, { id: 'p3', title: 'NEW' }, { id: 'p4', title: 'new' }, { id: 'p5', title: '其他' }];
    const names = distinctNames(posts, (p) => p.title, (p) => p.id);
    expect([...names.values()]).toEqual(['新品 (p1)', '新品 (p2)', 'NEW (p3)', 'new (p4)', '其他']);
  });
});
