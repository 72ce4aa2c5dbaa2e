import type { ComposedVariant } from '../compose/compose.js';
import type { ResolvedTemplate } from '../compose/templates.js';
import type { VariantContext } from '../compose/types.js';
import { safeName } from './names.js';

/** One text file of a variant: the group caption (caption.txt) or a further channel (<channel name>.txt). */
export interface TextFile {
  file: string;
  channel: string;
  label: string;
  text: string;
  primary: boolean;
}

/** A variant's texts, the caption templates used and why it cannot ship. */
export interface VariantTexts {
  files: TextFile[];
  templates: ResolvedTemplate[];
  /** Why the variant cannot ship (compose could not render a text); empty when fine. */
  errors: string[];
}

// Findings that mean the text itself is missing or wrong (content checks are `shequn check`'s job).
const BLOCKING: ReadonlySet<string> = new Set(['template.error', 'template.missing', 'section.unreadable']);

/**
 * The texts of one composed variant, as files: the group message as `caption.txt` and one file per
 * further channel of the group type, named by the channel's name (`朋友圈.txt`, `视频号_抖音.txt`:
 * names made safe). Straight from compose's result: nothing is looked up or composed again.
 */
export function variantTexts(v: ComposedVariant, ctx: VariantContext): VariantTexts {
  const errors = v.findings.filter((f) => f.severity === 'error' && BLOCKING.has(f.ruleId)).map((f) => f.message.en);
  const channels = ctx.channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind, text: c.kind === 'group' ? v.caption : (v.channels[c.id] ?? '') }));
  if (!channels.some((c) => c.kind === 'group')) channels.unshift({ id: 'group', name: '社群消息', kind: 'group', text: v.caption });
  const files: TextFile[] = [];
  const used = new Set<string>(['caption.txt']);
  let primaryDone = false;
  for (const c of channels) {
    const primary = !primaryDone && c.kind === 'group';
    if (primary) primaryDone = true;
    let file = primary ? 'caption.txt' : safeName(`${c.name}.txt`);
    if (!primary && used.has(file.toLowerCase())) file = safeName(`${c.name} (${c.id}).txt`);
    used.add(file.toLowerCase());
    files.push({ file, channel: c.id, label: c.name, text: c.text, primary });
  }
  // The group message first: the index shows it at the top.
  files.sort((a, b) => Number(b.primary) - Number(a.primary));
  const templates = [...new Map(Object.values(v.resolved).map((t) => [`${t.builtin}|${t.id}@${t.version}`, t])).values()];
  return { files, templates, errors };
}
