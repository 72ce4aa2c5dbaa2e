import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/review/diff.js';

/** GNU diff -u hunks (headers dropped) as the reference. */
function gnuDiff(a: string, b: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rvdiff-'));
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  try {
    return execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
}

const body = (s: string) => s.split('\n').filter((l) => !l.startsWith('---') && !l.startsWith('+++')).join('\n');

describe('line diff (LCS)', () => {
  it('finds a minimal edit: kept lines are a longest common subsequence', () => {
    const ops = diffLines('a\nb\nc\nd\n', 'a\nc\nd\ne\n');
    expect(ops.map((o) => o.op + o.text)).toEqual([' a', '-b', ' c', ' d', '+e']);
  });

  it('produces the same hunks as diff -u on template-like sources', () => {
    const base = Array.from({ length: 40 }, (_, i) => `<div class="l${i}">{{vars.storeName}} ${i}</div>`);
    const edited = [...base];
    edited.splice(3, 1, '<div class="l3">{{vars.catchphrase}}</div>');
    edited.splice(20, 0, '<p>新增一行 新春</p>', '<p>second</p>');
    edited.splice(36, 2);
    edited.push('<footer>{{link}}</footer>');
    const a = base.join('\n') + '\n';
    const b = edited.join('\n') + '\n';
    const ours = unifiedDiff(a, b, 'a', 'b');
    expect(ours.hunks.length).toBeGreaterThan(1);
    expect(body(ours.unified)).toBe(body(gnuDiff(a, b)));
    expect(ours.added).toBe(4);
    expect(ours.removed).toBe(3);
  });

  it('handles empty sides and identical texts', () => {
    expect(unifiedDiff('x\n', 'x\n').unified).toBe('');
    const add = unifiedDiff('', 'one\ntwo\n', '/dev/null', 'new');
    expect(add.unified).toBe('--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+one\n+two\n');
    expect(body(unifiedDiff('a\nb\n', '').unified)).toBe(body(gnuDiff('a\nb\n', '')));
  });
});
