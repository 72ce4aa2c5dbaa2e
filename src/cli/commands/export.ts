import { resolve } from 'node:path';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import type { CliCommand } from '../types.js';
import { exportPacks } from './export-packs.js';
import { call, parseFlags, required, UsageError, withWorkspace } from '../util.js';

/** `shequn export stores -w DIR --out FILE`: the store owners as CSV (UTF-8 with BOM). */
async function exportStores(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, out: { type: 'string', short: 'o' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (usage: shequn export stores -w DIR --out FILE)`);
  const out = resolve(required(values.out, '--out FILE'));
  return withWorkspace(
    values.workspace,
    async (studio) => {
      // The CLI writes the file the user named; the contract only hands over the bytes.
      const { base64, count } = await call(studio, 'stores.exportCsvData', {});
      await writeFileAtomic(out, Buffer.from(base64, 'base64'));
      process.stdout.write(`wrote ${out} (${count} stores, UTF-8 with BOM)\n`);
      return 0;
    },
    { readOnly: true },
  );
}

export const command: CliCommand = {
  name: 'export',
  summary: 'Export content packs per store (export -w DIR --out DIR), or the store list as CSV (export stores -w DIR --out FILE).',
  usage: 'shequn export -w DIR [--post ID]... [--store S]... [--size S]... --out DIR [--zip] [--no-video] [--json] [--queue redis://HOST:PORT[/DB] [--storage s3://BUCKET/PREFIX --endpoint URL]] | shequn export stores -w DIR --out FILE',
  async run(argv) {
    if (argv[0] === 'stores') return exportStores(argv.slice(1));
    return exportPacks(argv);
  },
};
