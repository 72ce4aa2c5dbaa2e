import { resolve } from 'node:path';
import { writeBundle } from '../../bundle/bundle.js';
import type { CliCommand } from '../types.js';
import { parseFlags, required, withWorkspace } from '../util.js';

export const command: CliCommand = {
  name: 'bundle',
  summary: 'Write the whole workspace (data and assets) as one JSON file that "init --from" recreates exactly.',
  usage: 'shequn bundle -w DIR --out FILE',
  async run(argv) {
    const { values } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, out: { type: 'string', short: 'o' } }, false);
    const out = resolve(required(values.out, '--out FILE'));
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const { ws } = studio;
        const { assets, bytes } = await writeBundle(ws, out);
        process.stdout.write(`wrote ${out} (${assets} assets, ${(bytes / 1024).toFixed(0)} KB)\n`);
        return 0;
      },
      { readOnly: true },
    );
  },
};
