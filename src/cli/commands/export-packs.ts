import { resolve } from 'node:path';
import type { Progress } from '../../api/context.js';
import type { ExportResult } from '../../pack/export.js';
import { PosterSize } from '../../model/index.js';
import { call, parseFlags, printJson, UsageError, withWorkspace } from '../util.js';

function eta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  const m = Math.floor(seconds / 60);
  return ` ETA ${m ? `${m}m` : ''}${Math.round(seconds % 60)}s`;
}

/** Progress on stderr: a redrawn line on a terminal, else at most one line every 2 s. */
export function progressPrinter(): (p: Progress) => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (p) => {
    const now = Date.now();
    const end = p.total > 0 && p.done >= p.total;
    if (!end && now - last < (tty ? 200 : 2000)) return;
    last = now;
    const pct = p.total ? ` ${Math.floor((p.done / p.total) * 100)}%` : '';
    const line = `[${p.done}/${p.total}]${pct}${eta(p.etaSeconds)}  ${p.current ?? ''}`;
    process.stderr.write(tty ? `\r\x1b[K${line.slice(0, (process.stderr.columns || 100) - 1)}` : `${line}\n`);
  };
}

function summary(r: ExportResult): string {
  const by = (s: string) => r.packs.filter((p) => p.status === s).length;
  const lines = [
    `exported ${r.packs.length} pack(s) to ${r.out}: ${by('written')} written, ${by('reused')} unchanged, ${by('failed')} failed (${r.seconds.toFixed(1)} s)`,
    `outputs: rendered ${r.counts.rendered}, reused ${r.counts.reused}, failed ${r.counts.failed}${r.counts.refused ? ` (of which ${r.counts.refused} refused variant(s))` : ''}`,
  ];
  for (const f of r.failures) lines.push(`  failed: ${f.store} ${f.post}/${f.groupType} ${f.output}: ${f.reason}`);
  if (r.refused.length) lines.push(`refused ${r.refused.length} post(s) — not exported, fix them and export again 未导出（请修改后重新导出）:`);
  for (const p of r.refused) {
    lines.push(`  refused: post ${p.post} 「${p.title}」 (${p.variants} variant(s) in ${p.stores.length} store(s)):`);
    for (const f of p.findings) {
      const where = [f.store ? `store ${f.store}` : '', f.group ? `group ${f.group}` : ''].filter(Boolean).join(' ');
      lines.push(`    - rule ${f.rule} · field ${f.field}${f.term ? ` · term ${f.term}` : ''}${where ? ` · ${where}` : ''}: ${f.message.zh} ${f.message.en}`);
    }
  }
  for (const w of r.withdrawn) lines.push(`  withdrawn 已撤下: ${w.folder}: ${w.entries.map((e) => `${e.post}/${e.group}`).join(', ')} (refused now; taken out of the pack already there)`);
  for (const e of r.empty) lines.push(`  no pack for ${e.store}: ${e.reason}`);
  if (r.recovered.removedTemp.length || r.recovered.restored.length) lines.push(`  cleaned up after an earlier interrupted export: ${r.recovered.removedTemp.length} temporary folder(s) removed, ${r.recovered.restored.length} pack(s) restored`);
  return lines.join('\n') + '\n';
}

/**
 * `shequn export -w DIR [--post ID]... [--store S]... [--size S]... [--out DIR] [--zip] [--no-video] [--json]
 * [--queue redis://HOST:PORT[/DB] [--storage s3://BUCKET/PREFIX --endpoint URL]]`.
 */
export async function exportPacks(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    workspace: { type: 'string', short: 'w' },
    post: { type: 'string', multiple: true },
    store: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    zip: { type: 'boolean' },
    'no-video': { type: 'boolean' },
    json: { type: 'boolean' },
    queue: { type: 'string' },
    storage: { type: 'string' },
    endpoint: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (usage: shequn export -w DIR [--post ID]... [--store S]... --out DIR [--zip] [--no-video] [--queue redis://HOST:PORT[/DB] [--storage s3://BUCKET/PREFIX --endpoint URL]])`);
  for (const s of values.size ?? []) if (!PosterSize.safeParse(s).success) throw new UsageError(`--size must be one of ${PosterSize.options.join(', ')}, got "${s}"`);
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write('\ncancelling: the previous packs stay as they were\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // Read-only: an export never changes studio.json, so it can run while the studio is open.
    return await withWorkspace(
      values.workspace,
      async (studio) => {
        const { ws } = studio;
        const input = {
          ...(values.post ? { posts: values.post } : {}),
          ...(values.store ? { stores: values.store } : {}),
          ...(values.size ? { sizes: values.size as PosterSize[] } : {}),
          // The folder named on the command line is the user's pick: handed over as a grant.
          ...(values.out ? { folder: studio.services.grants.grant(resolve(values.out), 'export-folder') } : {}),
          ...(values.zip ? { zip: true } : {}),
          ...(values['no-video'] ? { video: false } : {}),
          ...(values.queue ? { queue: values.queue } : {}),
          ...(values.storage ? { storage: values.storage } : {}),
          ...(values.endpoint ? { endpoint: values.endpoint } : {}),
        };
        const onProgress = progressPrinter();
        const r = await call(studio, 'export.run', input, { signal: controller.signal, onProgress });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (values.json) printJson(r);
        process.stderr.write(summary(r as ExportResult));
        // Packs in packs/ are what the published pages show once published again.
        const target = values.out ? undefined : (await call(studio, 'publish.settings', {})).target;
        if (target) process.stderr.write(`publish target ${target.to}: run "shequn publish -w ${ws.dir}" to update the store pages (shequn portal links lists them)\n`);
        return r.counts.failed ? 1 : 0;
      },
      { readOnly: true },
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
