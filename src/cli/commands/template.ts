import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../types.js';
import { positiveInt } from '../int-flag.js';
import { ACTOR_FLAGS, actorKey, call, parseFlags, required, UsageError, withWorkspace } from '../util.js';

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export const command: CliCommand = {
  name: 'template',
  summary: 'Add a new draft version of a template from a file (approved versions never change), or edit a draft in place.',
  usage: 'shequn template add-version|edit-version -w DIR --template ID --file SRC [--version N] [--as USER [--key-file FILE]] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      template: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'string' },
      ...ACTOR_FLAGS,
      json: { type: 'boolean' },
    });
    const act = positionals[0];
    if (act !== 'add-version' && act !== 'edit-version') throw new UsageError('template what? add-version or edit-version');
    const template = required(values.template, '--template ID');
    const source = await readSource(required(values.file, '--file SRC'));
    const version = positiveInt(values.version, '--version');
    if (act === 'add-version' && version) throw new UsageError('add-version makes the next version itself: drop --version');
    if (act === 'edit-version' && !version) throw new UsageError('missing --version N (the draft to edit)');
    const as = values.as !== undefined ? { as: values.as } : {};
    const key = await actorKey(values);
    return withWorkspace(values.workspace, async (studio) => {
      const out =
        act === 'add-version'
          ? await call(studio, 'templates.addVersion', { template, source, ...as }, key)
          : await call(studio, 'templates.editVersion', { template, version: version!, source, ...as }, key);
      if (values.json) process.stdout.write(JSON.stringify({ template: out.template, version: out.version }) + '\n');
      else process.stdout.write(`${out.template} v${out.version} (${out.state}) sha256 ${out.hash}\n`);
      return 0;
    });
  },
};
