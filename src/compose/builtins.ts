import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Channel, Template } from '../model/index.js';
import { findAbove } from '../workspace/builtin-files.js';
import { sourceHash } from '../workspace/hash.js';
import { validateTemplate } from './handlebars/index.js';

/** The caption template id used for each channel kind when a post pins none. */
export const CAPTION_TEMPLATE_FOR_KIND: Record<Channel['kind'], string> = {
  group: 'caption-group',
  moments: 'caption-moments',
  video: 'caption-video',
};

/** When the built-in templates were written (a fixed date keeps new workspaces deterministic). */
const BUILTIN_DATE = '2026-01-01T00:00:00.000Z';

/** The templates/captions folder (the override, or the repository's, found from this module). */
export function builtinCaptionsDir(override?: string): string {
  return override ? path.resolve(override) : path.dirname(findAbove(path.join('templates', 'captions', 'group.hbs')));
}

/** Reads the `key: value` lines of the leading `{{!-- ... --}}` comment of a template file. */
export function frontMatter(source: string): Record<string, string> {
  const m = /^\{\{!--\n([\s\S]*?)\n--\}\}/.exec(source);
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const line of m[1]!.split('\n')) {
    const kv = /^([A-Za-z]+):\s*(.*)$/.exec(line.trim());
    if (kv) out[kv[1]!] = kv[2]!;
  }
  return out;
}

/** The built-in source of a caption template id among loaded built-ins. */
export function builtinCaptionSource(templates: readonly Template[], id: string): string | undefined {
  return templates.find((t) => t.id === id)?.versions[0]?.source;
}

/**
 * The built-in caption templates (templates/captions/*.hbs) as Template records: kind 'caption',
 * version 1, approved by 'system'. Each file starts with a comment holding id, name, channel and
 * description; the whole file (comment included: it renders as nothing) is the source. Every
 * template is validated (syntax, helpers, arity) as it loads.
 */
export function loadBuiltinCaptionTemplates(dir?: string): Template[] {
  const root = builtinCaptionsDir(dir);
  const templates: Template[] = [];
  for (const file of readdirSync(root).filter((f) => f.endsWith('.hbs')).sort()) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const meta = frontMatter(source);
    const id = meta.id ?? `caption-${path.basename(file, '.hbs')}`;
    validateTemplate(id, source, 'text');
    templates.push({
      id,
      kind: 'caption',
      name: meta.name ?? id,
      description: meta.description ?? '',
      versions: [
        {
          version: 1,
          source,
          createdAt: BUILTIN_DATE,
          createdBy: 'system',
          state: 'approved',
          comments: [{ by: 'system', at: BUILTIN_DATE, text: 'built-in template', action: 'approve' }],
          hash: sourceHash(source),
        },
      ],
    });
  }
  return templates;
}
