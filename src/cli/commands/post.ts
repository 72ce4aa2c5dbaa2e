import type { CliCommand } from '../types.js';
import { positiveInt } from '../int-flag.js';
import { ACTOR_FLAGS, actorKey, call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

export const command: CliCommand = {
  name: 'post',
  summary: 'Pin a post to a template version (the explicit move to a newer version; export needs it approved).',
  usage: 'shequn post use -w DIR --post ID --template ID --version N [--as USER [--key-file FILE]] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      post: { type: 'string' },
      template: { type: 'string' },
      version: { type: 'string' },
      ...ACTOR_FLAGS,
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'use') throw new UsageError('post what? use');
    const post = required(values.post, '--post ID');
    const template = required(values.template, '--template ID');
    const version = positiveInt(required(values.version, '--version N'), '--version')!;
    const key = await actorKey(values);
    return withWorkspace(values.workspace, async (studio) => {
      const out = await call(studio, 'posts.useVersion', { post, template, version, ...(values.as !== undefined ? { as: values.as } : {}) }, key);
      if (values.json) printJson(out);
      else {
        const from = out.from ? `${out.from.template} v${out.from.version}` : 'none';
        const note = out.state === 'approved' ? '' : ` (v${out.to.version} is ${out.state}: previews only, export will refuse it until approved)`;
        process.stdout.write(`post ${out.post} ${out.kind}: ${from} → ${out.to.template} v${out.to.version}${note}\n`);
      }
      return 0;
    });
  },
};
