import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of the repo (no types); it lists module-level state.
import { moduleState } from '../../scripts/module-state.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** The repository's own layering check (.dependency-cruiser.cjs), as `npm run check:layers` runs it, over `dirs` of `cwd`. */
function cruise(cwd = ROOT, dirs = ['src', 'main', 'renderer/src']): Violation[] {
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const out = execFileSync(process.execPath, [bin, ...dirs, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).toString();
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

describe('the house: layers, no cycles, one seam for state', () => {
  it('no import runs up a layer or closes a cycle, and the shells stay shells (.dependency-cruiser.cjs)', () => {
    const violations = cruise();
    const show = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations.filter((v) => v.rule.name === 'no-cycles'), show.join('\n')).toEqual([]);
    expect(violations.filter((v) => v.rule.name.startsWith('up-from-')), show.join('\n')).toEqual([]);
    expect(show).toEqual([]);
  });

  it('the check itself catches an upward import (a stage reaching the api) and a cycle', () => {
    const found = cruise(join(ROOT, 'test/architecture/fixtures/house'), ['src']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toContain('up-from-compose: src/compose/stage.ts → src/api/thing.ts');
    expect(found.filter((f) => f.startsWith('no-cycles: src/model/')).length).toBeGreaterThan(0);
    const config = readFileSync(join(ROOT, '.dependency-cruiser.cjs'), 'utf8');
    // The floors are written once; every room of src/ is on one of them.
    const rooms = readdirSync(join(ROOT, 'src')).filter((n) => statSync(join(ROOT, 'src', n)).isDirectory());
    for (const room of rooms) expect(config, `src/${room}/ is on no floor of .dependency-cruiser.cjs`).toMatch(new RegExp(`'${room}'`));
  });

  it('no module-level mutable state in src/ (state lives in the per-workspace services object)', () => {
    expect(moduleState().map((f: { file: string; line: number; name: string; why: string }) => `${f.file}:${f.line} ${f.name}: ${f.why}`)).toEqual([]);
  });

  it('the renderer imports the core only through the aliases (@contract, @contract/vocabulary, @shared)', () => {
    const bad = files(join(ROOT, 'renderer/src'))
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '([^']*\/src\/[^']*)'/g)].map((m) => `${f.slice(ROOT.length)}: ${m[1]}`));
    expect(bad).toEqual([]);
  });
});
