import { resolve } from 'node:path';
import type { MethodOutput } from '../../api/contract.js';
import type { CliCommand } from '../types.js';
import { messageText } from '../../model/index.js';
import { call, parseFlags, printJson, UsageError, withWorkspace } from '../util.js';

/** A problem in both languages: the English message, then the Chinese one from its code (the CLI is bilingual). */
function both(p: { message: string; code?: string; params?: Record<string, string | number> }): string {
  const zh = p.code ? messageText(p.code, p.params, 'zh') : undefined;
  return zh && zh !== p.message ? `${p.message} / ${zh}` : p.message;
}

type ImportOutput = MethodOutput<'stores.import'>;

/** The human report: what happened, then one line per problem. */
function report(r: ImportOutput): string {
  const lines: string[] = [];
  const how = r.encoding ? `${r.format.toUpperCase()}, ${r.encoding}` : r.format.toUpperCase();
  const verb = r.saved ? 'imported' : r.dryRun ? 'would import' : 'not imported';
  lines.push(`${r.file} (${how}): ${r.rows} rows — ${verb}: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} bad`);
  for (const p of r.preview) if (p.action !== 'unchanged') lines.push(`  row ${p.row}: ${p.action} ${p.store.id} ${p.store.storeName}${p.changes.length ? ` (${p.changes.join(', ')})` : ''}`);
  for (const w of r.warnings) lines.push(`  warning: row ${w.row}, ${w.column}: ${both(w)}`);
  for (const e of r.errors) lines.push(`  error: row ${e.row}${e.column ? `, ${e.column}` : ''}: ${both(e)}`);
  return lines.join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'import',
  summary: 'Import store owners from CSV (UTF-8, UTF-8 BOM, GBK) or XLSX; nothing is saved if a row is bad unless --skip-invalid.',
  usage: 'shequn import stores FILE -w DIR [--skip-invalid] [--dry-run] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      'skip-invalid': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [what, file, ...extra] = positionals;
    if (what !== 'stores') throw new UsageError('import what? usage: shequn import stores FILE -w DIR [--skip-invalid]');
    if (!file) throw new UsageError('missing FILE (the CSV or XLSX store list)');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    return withWorkspace(values.workspace, async (studio) => {
      // The file named on the command line is the user's pick: handed to the core as a grant.
      const grant = studio.services.grants.grant(resolve(file), 'import-file');
      const r = await call(studio, 'stores.import', { grant, skipInvalid: !!values['skip-invalid'], dryRun: !!values['dry-run'] });
      if (values.json) printJson(r);
      else process.stdout.write(report(r));
      if (r.errors.length && !r.saved && !r.dryRun) {
        const rows = new Set(r.errors.map((e) => e.row)).size;
        const first = r.errors[0]!;
        process.stderr.write(
          `shequn: ${rows} bad row${rows > 1 ? 's' : ''} (first: row ${first.row}${first.column ? `, ${first.column}` : ''}: ${both(first)}); nothing imported${r.skipped ? ' (use --skip-invalid to import the good rows)' : ''}\n`,
        );
        return 2;
      }
      return r.dryRun && r.errors.length ? 1 : 0;
    });
  },
};
