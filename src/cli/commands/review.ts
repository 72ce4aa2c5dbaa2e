import type { CliCommand } from '../types.js';
import { positiveInt } from '../int-flag.js';
import { ACTOR_FLAGS, actorKey, call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

const ACTS = ['list', 'submit', 'approve', 'reject', 'retire', 'proof'] as const;
type Act = (typeof ACTS)[number];

const METHOD = { submit: 'review.submit', approve: 'review.approve', reject: 'review.reject' } as const;

export const command: CliCommand = {
  name: 'review',
  summary: 'The review queue and review acts on template versions (reject = request changes; the comment is kept).',
  usage: 'shequn review list|submit|approve|reject|retire|proof -w DIR --template ID [--version N] --as USER [--key-file FILE] [--comment TEXT] [--json]  (the key: --key-file or SHEQUN_KEY)',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      template: { type: 'string' },
      version: { type: 'string' },
      ...ACTOR_FLAGS,
      comment: { type: 'string' },
      json: { type: 'boolean' },
    });
    const act = positionals[0] as Act;
    if (!ACTS.includes(act)) throw new UsageError(`review what? one of ${ACTS.join(', ')}`);
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const version = positiveInt(values.version, '--version');
    if (act === 'list') {
      return withWorkspace(
        values.workspace,
        async (studio) => {
          const items = await call(studio, 'review.list', {});
          if (values.json) printJson(items);
          else if (!items.length) process.stdout.write('nothing is waiting for review\n');
          else for (const i of items) process.stdout.write(`${i.template} v${i.version} (${i.kind}) submitted by ${i.submitter} at ${i.submittedAt}; proof ${i.proofReady ? i.proof : '(not rendered yet)'}\n`);
          return 0;
        },
        { readOnly: true },
      );
    }
    const template = required(values.template, '--template ID');
    if (act === 'proof') {
      const v = version ?? (() => { throw new UsageError('missing --version N'); })();
      return withWorkspace(values.workspace, async (studio) => {
        const info = await call(studio, 'review.proof', { template, version: v });
        if (values.json) printJson(info);
        else process.stdout.write(`${info.sheet} (${info.width}×${info.height}, ${info.cells.length} cases)${info.compare ? `; compare ${info.compare}` : ''}\n${info.diff.unified}`);
        return info.problems.length ? 1 : 0;
      });
    }
    const as = required(values.as, '--as USER');
    const key = await actorKey(values);
    return withWorkspace(values.workspace, async (studio) => {
      const input = { template, as, ...(version ? { version } : {}), ...(values.comment !== undefined ? { comment: values.comment } : {}) };
      if (act === 'retire') {
        if (!version) throw new UsageError('missing --version N (the version to retire)');
        const out = await call(studio, 'review.retire', { ...input, version }, key);
        if (values.json) printJson(out);
        else process.stdout.write(`${out.template} v${out.version}: ${out.from} → ${out.state}${out.pinnedBy.length ? `; still pinned by ${out.pinnedBy.join(', ')} (they will not export)` : ''}\n`);
        return 0;
      }
      if (act === 'submit') {
        const out = await call(studio, 'review.submit', input, key);
        if (values.json) printJson(out);
        else process.stdout.write(`${out.template} v${out.version}: ${out.from} → ${out.state}; proof ${out.proof ?? '(none)'}\n`);
        if (out.proofError) process.stderr.write(`shequn: proof sheet: ${out.proofError.split('\n')[0]}\n`);
        return out.proofError ? 1 : 0;
      }
      const out = await call(studio, METHOD[act], input, key);
      if (values.json) printJson(out);
      else process.stdout.write(`${out.template} v${out.version}: ${out.from} → ${out.state}\n`);
      return 0;
    });
  },
};
