import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../types.js';
import { positiveInt } from '../int-flag.js';
import { ACTOR_FLAGS, actorKey, call, parseFlags, required, UsageError, withWorkspace } from '../util.js';

/** The template file as text; a file that is not valid UTF-8 is refused naming it and the line (never decoded to "��"). */
async function readSource(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`cannot read --file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = bytes.toString('utf8').split('\uFFFD')[0]!.split('\n').length;
    throw new UsageError(`--file ${file} is not valid UTF-8 (first bad bytes on line ${line}); save it as UTF-8 and try again`);
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
