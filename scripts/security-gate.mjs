#!/usr/bin/env node
// Security gate (npm test runs it after the build): electronegativity over main/ and the built
// output, failing on any finding not reviewed in security/electronegativity-reviewed.json (its CLI
// exits 0 even when it finds something, so the gate reads its report); then npm audit of the
// runtime dependencies at level high, with exceptions in security/audit-exceptions.json.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/**
 * Reads electronegativity's SARIF report. (Its CSV writer writes the header and the rows with two
 * concurrent fs.writeFile calls, so on some machines the header lands over the first row; the SARIF
 * report is one write.) SARIF has no sample, so each finding carries the trimmed source line it
 * points at; a reviewed entry matches when its sample is still on that line.
 */
export function readSarif(text, scannedDir) {
  const rows = [];
  for (const run of JSON.parse(text).runs ?? []) {
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation ?? {};
      const file = loc.artifactLocation?.uri ?? '';
      const line = loc.region?.startLine ?? 0;
      let source = '';
      try {
        source = (readFileSync(join(scannedDir, file), 'utf8').split('\n')[line - 1] ?? '').trim();
      } catch {
        source = '';
      }
      rows.push({ check: r.ruleId, severity: r.level, file, location: `${line}:${loc.region?.startColumn ?? 0}`, sample: source, message: r.message?.text ?? '' });
    }
  }
  return rows;
}

function electronegativity() {
  for (const p of ['out/main', 'out/preload', 'out/renderer/index.html']) {
    if (!existsSync(join(root, p))) throw new Error(`${p} is missing: run "npm run build" first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'shequn-gate-'));
  try {
    cpSync(join(root, 'main'), join(dir, 'main-src'), { recursive: true });
    cpSync(join(root, 'out/main'), join(dir, 'out-main'), { recursive: true });
    cpSync(join(root, 'out/preload'), join(dir, 'out-preload'), { recursive: true });
    cpSync(join(root, 'out/renderer/index.html'), join(dir, 'index.html'));
    const report = join(dir, 'report.sarif');
    const bin = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const res = spawnSync(process.execPath, [bin, '-i', join(dir), '-e', ELECTRON, '-o', report, '-r', '-v', 'false'], { encoding: 'utf8', timeout: 300_000 });
    if (!existsSync(report)) throw new Error(`electronegativity wrote no report (exit ${res.status}): ${(res.stderr || res.stdout).slice(-400)}`);
    const findings = readSarif(readFileSync(report, 'utf8'), dir);
    const { reviewed } = JSON.parse(readFileSync(join(root, 'security/electronegativity-reviewed.json'), 'utf8'));
    const open = findings.filter((f) => !reviewed.some((r) => r.check === f.check && r.file === f.file && f.sample.includes(r.sample)));
    console.log(`electronegativity ${ELECTRON}: ${findings.length} finding(s), ${findings.length - open.length} reviewed, ${open.length} open`);
    for (const f of open) console.log(`  OPEN ${f.check} (${f.severity}) ${f.file}:${f.location} ${f.message}: ${f.sample.slice(0, 200)}`);
    return open.length === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function audit() {
  const res = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  let report;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    report = undefined;
  }
  if (!report || report.error || !report.metadata) {
    const why = report?.message ?? report?.error?.summary ?? (res.stderr || '').split('\n').find((l) => l.trim()) ?? 'no answer';
    console.log(`npm audit: NOT RUN — the registry's advisory endpoint did not answer (${why.trim().slice(0, 160)}). Run "npm audit --omit=dev --audit-level=high" where it is reachable.`);
    return true;
  }
  const { exceptions } = JSON.parse(readFileSync(join(root, 'security/audit-exceptions.json'), 'utf8'));
  const high = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === 'high' || v.severity === 'critical');
  const open = high.filter((v) => !exceptions.some((e) => e.package === v.name));
  console.log(`npm audit (runtime deps): ${high.length} high/critical, ${high.length - open.length} written down as exceptions, ${open.length} open`);
  for (const v of open) console.log(`  OPEN ${v.name} ${v.severity} via ${v.via.map((x) => (typeof x === 'string' ? x : x.title)).join('; ')}`);
  return open.length === 0;
}

const ok = [electronegativity(), audit()].every(Boolean);
process.exit(ok ? 0 : 1);
