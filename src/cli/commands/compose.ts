import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, VARIANT_FLAGS, withWorkspace } from '../util.js';

type Variant = Awaited<ReturnType<typeof call<'compose.list'>>>[number];

function where(f: Variant['findings'][number]): string {
  const at = [f.section, f.channel && `channel ${f.channel}`, f.field, f.position && `@${f.position.start}-${f.position.end}`].filter(Boolean).join(' ');
  return at ? ` [${at}]` : '';
}

function printVariant(v: Variant): void {
  const out: string[] = [`=== ${v.post} · ${v.group} · ${v.store} ===`, v.caption];
  for (const [channel, text] of Object.entries(v.channels)) {
    if (text !== v.caption) out.push(`--- ${channel} ---`, text);
  }
  out.push(`link: ${v.link}`);
  for (const f of v.findings) out.push(`${f.severity === 'error' ? 'ERROR' : 'warn '} ${f.ruleId}${where(f)}: ${f.message.zh}`);
  process.stdout.write(out.join('\n') + '\n\n');
}

export const command: CliCommand = {
  name: 'compose',
  summary: 'Print the caption (group message) and channel texts of each variant of a post, with its findings.',
  usage: 'shequn compose -w DIR --post ID [--group G] [--store S] [--json]',
  async run(argv) {
    const { values } = parseFlags(
      argv,
      { ...VARIANT_FLAGS, json: { type: 'boolean' } },
      false,
    );
    const post = required(values.post, '--post ID');
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const { ws } = studio;
        const variants = await call(studio, 'compose.list', { post, group: values.group, store: values.store });
        if (values.json) {
          printJson(variants.map(({ post, group, store, caption, channels, link, findings }) => ({ post, group, store, caption, channels, link, findings })));
        } else {
          if (!variants.length) process.stderr.write(`no variants: no active store runs a group type post "${post}" goes to\n`);
          variants.forEach(printVariant);
        }
        return 0;
      },
      { readOnly: true },
    );
  },
};
