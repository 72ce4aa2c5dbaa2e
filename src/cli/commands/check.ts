import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, withWorkspace } from '../util.js';

export const command: CliCommand = {
  name: 'check',
  summary: 'Check every post (or one): head/waist/leg present, conversion entry, Advertising-Law terms, lengths, variables, similarity. Exit 1 on any error.',
  usage: 'shequn check -w DIR [--post ID] [--json]',
  async run(argv) {
    const { values } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, post: { type: 'string' }, json: { type: 'boolean' } }, false);
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const { ws } = studio;
        const report = await call(studio, 'check.run', { post: values.post });
        if (values.json) printJson(report);
        else {
          const lines = report.findings.map((f) => {
            const ids = [f.post, f.group, f.store].filter(Boolean).join('/');
            const at = [f.section, f.channel && `channel ${f.channel}`, f.field, f.position && `@${f.position.start}-${f.position.end}`].filter(Boolean).join(' ');
            const times = f.variants > 1 ? ` (×${f.variants} variants)` : '';
            return `${f.severity === 'error' ? 'ERROR' : 'warn '} ${f.ruleId} ${ids}${at ? ` [${at}]` : ''}${times}\n      ${f.message.zh}\n      ${f.message.en}`;
          });
          lines.push(`${report.errors} error(s), ${report.warnings} warning(s) in ${report.variants} variant(s)`);
          process.stdout.write(lines.join('\n') + '\n');
        }
        return report.errors > 0 ? 1 : 0;
      },
      { readOnly: true },
    );
  },
};
