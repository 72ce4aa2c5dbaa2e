import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, UsageError, withWorkspace } from '../util.js';
import { table } from './list.js';

const USAGE = 'shequn activity -w DIR [--since DATE] [--json]';

/** An ISO time as local "YYYY-MM-DD HH:mm" (China time, where the stores are). */
function local(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const command: CliCommand = {
  name: 'activity',
  summary: 'What store pack pages reported: per store the last time its page was opened, downloads, caption copies, and whether it opened the newest pack (--json: {since?, stores:[{store, storeName, lastOpened, opens, downloads, copies, openedNewest}]}).',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, since: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (usage: ${USAGE})`);
    if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new UsageError(`--since must be a date such as 2026-12-01, got "${values.since}"`);
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const r = await call(studio, 'activity.list', { ...(values.since ? { since: values.since } : {}) });
        if (values.json) {
          printJson(r);
          return 0;
        }
        const rows = [['store', '门店 name', '最后打开 last opened (UTC+8)', '打开 opens', '下载 downloads', '复制 copies', '最新包 newest pack']];
        for (const s of r.stores) rows.push([s.store, s.storeName, local(s.lastOpened), String(s.opens), String(s.downloads), String(s.copies), s.openedNewest ? '已打开 opened' : '未打开 not opened']);
        process.stdout.write(table(rows));
        const missing = r.stores.filter((s) => !s.openedNewest).length;
        if (missing) process.stderr.write(`${missing} store(s) have not opened their newest pack\n`);
        return 0;
      },
      { readOnly: true },
    );
  },
};
