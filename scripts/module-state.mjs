// Lists module-level mutable state in src/: top-level `let`/`var`, and top-level constants holding a
// mutable container (Map, Set, WeakMap, caches...) unless typed read-only (ReadonlyMap / ReadonlySet).
// State belongs in the per-workspace services object (docs/architecture.md). Used by
// test/architecture/module-state.test.ts; `node scripts/module-state.mjs` prints the findings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const CONTAINERS = /^(Map|Set|WeakMap|WeakSet|WeakRef|AsyncLocalStorage|LRUCache|Lru|Array)$/;

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Findings `{file, line, name, why}` for the files under `root` (default: the repository's src/). */
export function moduleState(root = fileURLToPath(new URL('../src', import.meta.url))) {
  const found = [];
  for (const file of files(root)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const stmt of sf.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      const list = stmt.declarationList;
      const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
      for (const d of list.declarations) {
        const line = sf.getLineAndCharacterOfPosition(d.getStart()).line + 1;
        const name = d.name.getText(sf);
        const where = { file: relative(join(root, '..'), file), line, name };
        if (!isConst) {
          found.push({ ...where, why: 'a module-level let/var' });
          continue;
        }
        let init = d.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
        if (init && ts.isNewExpression(init) && CONTAINERS.test(init.expression.getText(sf))) {
          const type = d.type?.getText(sf) ?? '';
          if (!/^Readonly(Map|Set)</.test(type)) found.push({ ...where, why: `a module-level ${init.expression.getText(sf)} (mutable)` });
        }
      }
    }
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = moduleState();
  for (const x of f) console.log(`${x.file}:${x.line} ${x.name}: ${x.why}`);
  console.log(`${f.length} finding(s)`);
  process.exitCode = f.length ? 1 : 0;
}
