import { resolve } from 'node:path';
import { createStudio } from '../../setup/init.js';
import type { CliCommand } from '../types.js';
import { parseFlags, printJson, UsageError } from '../util.js';

export const command: CliCommand = {
  name: 'init',
  summary: "Create a workspace folder: empty, the built-in demo (--demo), or from a bundle (--from FILE); prints each new user's key once.",
  usage: 'shequn init DIR [--demo] [--from FILE] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { demo: { type: 'boolean' }, from: { type: 'string' }, json: { type: 'boolean' } });
    const dir = positionals[0];
    if (!dir) throw new UsageError('missing DIR (the folder to create the workspace in)');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (values.demo && values.from) throw new UsageError('use either --demo or --from FILE, not both');
    const { ws, keys } = await createStudio(resolve(dir), { demo: values.demo, from: values.from ? resolve(values.from) : undefined });
    const d = ws.data();
    const counts = { stores: d.stores.length, groupTypes: d.groupTypes.length, posts: d.posts.length, templates: d.templates.length };
    await ws.close();
    if (values.json) {
      printJson({ dir: ws.dir, users: keys.map((k) => ({ id: k.id, role: k.role, key: k.key })), ...counts });
      return 0;
    }
    process.stdout.write(`created workspace ${ws.dir}: ${counts.stores} stores, ${counts.groupTypes} group types, ${counts.posts} posts, ${counts.templates} templates\n`);
    if (keys.length) {
      process.stdout.write(`personal keys, shown only this once (acting as a user needs theirs: SHEQUN_KEY or --key-file FILE):\n`);
      for (const k of keys) process.stdout.write(`  ${k.id} (${k.role}): ${k.key}\n`);
    }
    return 0;
  },
};
