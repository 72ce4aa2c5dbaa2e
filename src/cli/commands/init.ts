import { resolve } from 'node:path';
import { initWorkspace } from '../../setup/init.js';
import type { CliCommand } from '../types.js';
import { parseFlags, UsageError } from '../util.js';

export const command: CliCommand = {
  name: 'init',
  summary: 'Create a workspace folder: empty, the built-in demo (--demo), or from a bundle (--from FILE).',
  usage: 'shequn init DIR [--demo] [--from FILE]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { demo: { type: 'boolean' }, from: { type: 'string' } });
    const dir = positionals[0];
    if (!dir) throw new UsageError('missing DIR (the folder to create the workspace in)');
    if (values.demo && values.from) throw new UsageError('use either --demo or --from FILE, not both');
    const ws = await initWorkspace(resolve(dir), { demo: values.demo, from: values.from ? resolve(values.from) : undefined });
    const d = ws.data();
    process.stdout.write(`created workspace ${ws.dir}: ${d.stores.length} stores, ${d.groupTypes.length} group types, ${d.posts.length} posts, ${d.templates.length} templates\n`);
    await ws.close();
    return 0;
  },
};
