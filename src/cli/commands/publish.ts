import type { MethodInput, MethodOutput } from '../../api/contract.js';
import type { Session } from '../../api/services.js';
import type { PublishTarget } from '../../model/index.js';
import { reachWarning } from '../../portal/links.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';
import { progressPrinter } from './export-packs.js';
import { lockedElsewhere } from './portal.js';

const USAGE = 'shequn publish -w DIR --to s3://BUCKET[/PREFIX] [--endpoint URL] [--region R] [--path-style] [--public-base URL] [--store S]... [--json]';

type Result = MethodOutput<'publish.run'>;

/** Runs `fn` with a signal that Ctrl+C (or SIGTERM) fires; the published pages stay consistent. */
async function cancellable<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write('\n正在取消：已发布的页面保持完整，下次发布会补齐 / cancelling: every published page stays whole; the next publish completes the rest\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function summary(r: Result): string {
  const lines = [`published to ${r.target} (pages at ${r.publicBase}): uploaded ${r.uploaded}, unchanged ${r.skipped}, deleted ${r.deleted} (${r.seconds.toFixed(1)} s)`];
  for (const s of r.stores) {
    if (s.status === 'skipped') lines.push(`  skipped ${s.store} ${s.storeName}: ${s.reason}`);
    else lines.push(`  ${s.store}\t${s.storeName}\t${s.url}\t${s.status === 'published' ? `uploaded ${s.uploaded}, deleted ${s.deleted}` : 'unchanged'}${s.live === false ? ' (everything expired: the page says so)' : ''}`);
  }
  for (const n of r.notes) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}

/** The target the flags name; the collector (set in the studio or with "publish collector") is kept from the saved target. */
function targetFrom(values: Record<string, unknown>, saved: PublishTarget | undefined): PublishTarget | undefined {
  if (!values.to) {
    if (values.endpoint || values.region || values['path-style'] || values['public-base']) throw new UsageError(`--endpoint, --region, --path-style and --public-base go with --to (usage: ${USAGE})`);
    return undefined;
  }
  return {
    to: String(values.to),
    ...(values.endpoint ? { endpoint: String(values.endpoint) } : {}),
    ...(values.region ? { region: String(values.region) } : {}),
    ...(values['path-style'] ? { pathStyle: true } : {}),
    ...(values['public-base'] ? { publicBase: String(values['public-base']) } : {}),
    ...(saved?.collector ? { collector: saved.collector } : {}),
  };
}

async function publish(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    workspace: { type: 'string', short: 'w' },
    to: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'path-style': { type: 'boolean' },
    'public-base': { type: 'string' },
    store: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (usage: ${USAGE})`);
  // Read-only while the studio holds the workspace: a publish changes no studio.json data (stores
  // that have no link yet are then skipped and named).
  const readOnly = await lockedElsewhere(values.workspace);
  return withWorkspace(
    values.workspace,
    async (studio) => {
      const saved = (await call(studio, 'publish.settings', {})).target;
      const target = targetFrom(values, saved);
      if (!target && !saved) throw new UsageError(`missing --to s3://BUCKET[/PREFIX] (usage: ${USAGE})`);
      const input: MethodInput<'publish.run'> = { ...(target ? { target } : {}), ...(values.store ? { stores: values.store } : {}) };
      const r = await cancellable((signal) => call(studio, 'publish.run', input, { signal, onProgress: progressPrinter() }));
      if (process.stderr.isTTY) process.stderr.write('\n');
      const warning = reachWarning(r.stores.filter((s) => s.url).map((s) => s.url));
      if (warning) process.stderr.write(`warning: ${warning}\n`);
      if (values.json) {
        process.stderr.write(summary(r));
        const shown = r.stores.filter((s) => s.status !== 'skipped').map((s) => ({ store: s.store, url: s.url }));
        process.stdout.write(JSON.stringify({ stores: shown, uploaded: r.uploaded, skipped: r.skipped, deleted: r.deleted }) + '\n');
      } else process.stdout.write(summary(r));
      return 0;
    },
    { readOnly },
  );
}

/** `shequn publish collector -w DIR URL|off`: where published pages send their activity beacon. */
async function collector(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string', short: 'w' } });
  const url = required(positionals[0], 'the collector URL (or "off")');
  return withWorkspace(values.workspace, async (studio: Session) => {
    const saved = (await call(studio, 'publish.settings', {})).target;
    if (!saved) throw new UsageError('no publish target yet: publish once with --to, or set the target in the studio');
    const { collector: _old, ...rest } = saved;
    const target = url === 'off' ? rest : { ...rest, collector: url };
    const s = await call(studio, 'publish.configure', { target });
    process.stdout.write(s.target?.collector ? `published pages will report activity to ${s.target.collector}/a/<token> from the next publish\n` : 'published pages will send no activity from the next publish\n');
    return 0;
  });
}

/** `shequn publish unpublish -w DIR [--store S]...`: removes published pages and files. */
async function unpublish(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { workspace: { type: 'string', short: 'w' }, store: { type: 'string', multiple: true }, json: { type: 'boolean' } }, false);
  return withWorkspace(values.workspace, async (studio) => {
    const r = await cancellable((signal) => call(studio, 'publish.unpublish', { ...(values.store ? { stores: values.store } : {}) }, { signal }));
    if (values.json) printJson(r);
    else process.stdout.write(`unpublished ${r.stores.length} store(s): ${r.deleted} object(s) deleted\n`);
    return 0;
  });
}

export const command: CliCommand = {
  name: 'publish',
  summary: 'Publish the current packs to S3-compatible storage (Aliyun OSS, Tencent COS, Huawei OBS, MinIO, AWS): one page per store at <public base>/p/<token>/index.html; keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE (docs/publish.md). Also: publish collector -w DIR URL|off, publish unpublish -w DIR [--store S]...',
  usage: `${USAGE} | shequn publish collector -w DIR URL|off | shequn publish unpublish -w DIR [--store S]...`,
  async run(argv) {
    if (argv[0] === 'collector') return collector(argv.slice(1));
    if (argv[0] === 'unpublish') return unpublish(argv.slice(1));
    return publish(argv);
  },
};
