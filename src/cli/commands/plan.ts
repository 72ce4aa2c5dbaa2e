import type { MethodOutput } from '../../api/contract.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

type Finding = MethodOutput<'plan.list'>['findings'][number];

const findingLine = (f: Finding) => `  ${f.severity === 'error' ? 'ERROR' : 'warn '} ${f.ruleId}: ${f.message.zh}\n        ${f.message.en}`;

export const command: CliCommand = {
  name: 'plan',
  summary: 'The send plan: slots per post and group type (China time), checked against each group type\'s caps (also by `shequn check`, rules cadence.*).',
  usage: 'shequn plan add -w DIR --post ID --group G --at "YYYY-MM-DD HH:MM" | plan list -w DIR [--from D] [--to D] [--json] | plan remove -w DIR (--id SLOT | --post ID [--group G] [--at "YYYY-MM-DD HH:MM"])',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      post: { type: 'string' },
      group: { type: 'string' },
      at: { type: 'string' },
      id: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [action, ...extra] = positionals;
    if (extra.length) throw new UsageError(`多余的参数 unexpected argument "${extra[0]}"`);
    switch (action) {
      case 'add':
        return withWorkspace(values.workspace, async (studio) => {
          const r = await call(studio, 'plan.add', { post: required(values.post, '--post ID'), group: required(values.group, '--group G'), at: required(values.at, '--at "YYYY-MM-DD HH:MM"') });
          if (values.json) printJson(r);
          else process.stdout.write([`已排期 planned ${r.slot.id}: ${r.slot.post} → ${r.slot.group} @ ${r.slot.at}`, ...r.findings.map(findingLine)].join('\n') + '\n');
          return 0;
        });
      case 'list':
        return withWorkspace(
          values.workspace,
          async (studio) => {
            const r = await call(studio, 'plan.list', { from: values.from, to: values.to, post: values.post, group: values.group });
            const issuesOf = (id: string) => r.findings.filter((f) => f.slots.includes(id));
            if (values.json) {
              printJson(r.slots.map((s) => ({ ...s, issues: issuesOf(s.id).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })) })));
            } else {
              const lines = r.slots.map((s) => `${s.at}\t${s.groupName} (${s.group})\t${s.title} (${s.post})\t${s.id}${issuesOf(s.id).length ? `\t⚠ ${[...new Set(issuesOf(s.id).map((f) => f.ruleId))].join(', ')}` : ''}`);
              if (!lines.length) lines.push('没有排期 no slots');
              lines.push(...r.findings.map(findingLine));
              process.stdout.write(lines.join('\n') + '\n');
            }
            return 0;
          },
          { readOnly: true },
        );
      case 'remove':
        return withWorkspace(values.workspace, async (studio) => {
          if (!values.id && !values.post) throw new UsageError('给出 --id SLOT，或 --post ID [--group G] [--at ...] / give --id SLOT, or --post ID [--group G] [--at ...]');
          const r = await call(studio, 'plan.remove', { id: values.id, post: values.post, group: values.group, at: values.at });
          if (values.json) printJson(r);
          else process.stdout.write(r.removed.map((s) => `已删除 removed ${s.id}: ${s.post} → ${s.group} @ ${s.at}`).join('\n') + '\n');
          return 0;
        });
      default:
        throw new UsageError('plan 什么？add、list 或 remove / plan what? one of add, list, remove');
    }
  },
};
