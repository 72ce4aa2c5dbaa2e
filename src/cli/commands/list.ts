import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, UsageError, withWorkspace } from '../util.js';

const KINDS = ['stores', 'groups', 'posts', 'templates'] as const;
type Kind = (typeof KINDS)[number];

/** Terminal columns a string takes: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Rows as aligned columns (CJK characters count double). */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ').trimEnd()).join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'list',
  summary: 'List the workspace\'s stores, group types, posts or templates.',
  usage: 'shequn list stores|groups|posts|templates -w DIR [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, json: { type: 'boolean' } });
    const kind = positionals[0] as Kind;
    if (!KINDS.includes(kind)) throw new UsageError(`list what? one of ${KINDS.join(', ')}`);
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const rows = await listRows(studio, kind);
        if (values.json) printJson(rows.json);
        else process.stdout.write(table([rows.header, ...rows.lines]));
        return 0;
      },
      { readOnly: true },
    );
  },
};

async function listRows(studio: Parameters<typeof call>[0], kind: Kind): Promise<{ json: unknown; header: string[]; lines: string[][] }> {
  switch (kind) {
    case 'stores': {
      const stores = await call(studio, 'stores.list', {});
      return { json: stores, header: ['id', 'store', 'owner', 'district', 'groups', 'active'], lines: stores.map((s) => [s.id, s.storeName, s.ownerName, s.district, s.groupTypes.join(','), s.active ? 'yes' : 'no']) };
    }
    case 'groups': {
      const groups = await call(studio, 'groups.list', {});
      return { json: groups, header: ['id', 'name', 'leg', 'max', 'emoji', 'channels'], lines: groups.map((g) => [g.id, g.name, g.rules.legWeight, String(g.rules.captionMaxLength), g.rules.emojiAllowed ? 'yes' : 'no', g.rules.channels.join(',')]) };
    }
    case 'posts': {
      const posts = await call(studio, 'posts.list', {});
      return { json: posts, header: ['id', 'title', 'status', 'valid until', 'groups'], lines: posts.map((p) => [p.id, p.title, p.status, p.validUntil.slice(0, 10), p.groupTypes.join(',') || '(all)']) };
    }
    case 'templates': {
      const templates = await call(studio, 'templates.list', {});
      return { json: templates, header: ['id', 'kind', 'name', 'latest', 'approved'], lines: templates.map((t) => [t.id, t.kind, t.name, String(t.latest), t.approved === null ? '-' : String(t.approved)]) };
    }
  }
}
