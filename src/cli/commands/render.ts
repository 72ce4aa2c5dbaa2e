import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PosterSize } from '../../model/index.js';
import type { Session } from '../../api/services.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, required, UsageError, VARIANT_FLAGS, withWorkspace } from '../util.js';

const FORMATS = ['jpg', 'png', 'webp'] as const;
type Format = (typeof FORMATS)[number];

function parseSizes(value: string | undefined): PosterSize[] | undefined {
  if (!value) return undefined;
  const sizes = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of sizes) if (!PosterSize.safeParse(s).success) throw new UsageError(`--size: "${s}" is not one of 9x16, 1x1, 3x4`);
  return sizes as PosterSize[];
}

/** The videos of the same variants (video.renderStores per group type), copied into `out` as <post>__<group>__<store>__video.mp4. */
async function renderVideos(studio: Session, out: string, pick: { post: string; group?: string; store?: string }): Promise<void> {
  const variants = await call(studio, 'compose.list', pick);
  const byGroup = new Map<string, string[]>();
  for (const v of variants) byGroup.set(v.group, [...(byGroup.get(v.group) ?? []), v.store]);
  for (const [group, stores] of byGroup) {
    const { videos } = await call(studio, 'video.renderStores', { post: pick.post, group, stores });
    for (const v of videos) {
      const file = join(out, `${v.post}__${v.group}__${v.store}__video.mp4`);
      await copyFile(join(studio.ws.dir, v.path), file);
      process.stdout.write(`${file}\n`);
    }
  }
}

export const command: CliCommand = {
  name: 'render',
  summary: 'Render the posters (and with --video the videos) of a post for each store and group type, one file per variant and size.',
  usage: 'shequn render -w DIR --post ID [--group G] [--store S] [--size 9x16,1x1,3x4] [--format jpg|png|webp] [--template ID[@V]] [--draft] --out DIR [--video]',
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        ...VARIANT_FLAGS,
        size: { type: 'string' },
        format: { type: 'string' },
        template: { type: 'string' },
        draft: { type: 'boolean' },
        out: { type: 'string' },
        video: { type: 'boolean' },
      },
      false,
    );
    const postId = required(values.post, '--post ID');
    const out = required(values.out, '--out DIR');
    const format = (values.format ?? 'jpg') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format: "${values.format}" is not one of jpg, png, webp`);
    const sizes = parseSizes(values.size);
    const tmpl = values.template ? /^([A-Za-z0-9][A-Za-z0-9_-]*)(?:@(\d+))?$/.exec(values.template) : undefined;
    if (values.template && !tmpl) throw new UsageError('--template: use ID or ID@VERSION');
    return withWorkspace(
      values.workspace,
      async (studio) => {
        const pick = { post: postId, ...(values.group ? { group: values.group } : {}), ...(values.store ? { store: values.store } : {}) };
        const template = tmpl ? { id: tmpl[1]!, ...(tmpl[2] ? { version: Number(tmpl[2]) } : {}) } : undefined;
        // Rendered by the studio under renders/posters/ (through the contract, like every command), then copied where asked.
        const r = await call(studio, 'render.posters', { ...pick, format, draft: !!values.draft, ...(sizes ? { sizes } : {}), ...(template ? { template } : {}) });
        await mkdir(out, { recursive: true });
        for (const p of r.posters) {
          const file = join(out, basename(p.path));
          await copyFile(join(studio.ws.dir, p.path), file);
          process.stdout.write(`${file}\n`);
          for (const n of p.notes) process.stderr.write(`note: ${file}: ${n}\n`);
        }
        for (const f of r.failed) process.stderr.write(`shequn: ${f.post}/${f.group}/${f.store} ${f.size}: ${f.reason}\n`);
        const total = r.posters.length + r.failed.length;
        process.stderr.write(`${r.posters.length} of ${total} posters written to ${out}\n`);
        if (values.video) await renderVideos(studio, out, pick);
        return r.failed.length ? 2 : 0;
      },
      { readOnly: true },
    );
  },
};
