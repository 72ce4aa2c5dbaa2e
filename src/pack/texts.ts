import type { VariantContext } from '../compose/types.js';
import type { Post, StudioData } from '../model/index.js';
import { composeVariantTexts } from './compose-adapter.js';
import { safeName } from './names.js';
import type { ResolvedTemplate } from './outputs.js';

/** One text file of a variant: the group caption (caption.txt) or a further channel (<channel name>.txt). */
export interface TextFile {
  file: string;
  channel: string;
  label: string;
  text: string;
  primary: boolean;
}

/** A variant's texts, the caption templates used and compose's findings. */
export interface VariantTexts {
  files: TextFile[];
  templates: ResolvedTemplate[];
  /** Why the variant cannot ship (compose could not render a text); empty when fine. */
  errors: string[];
}

/**
 * The texts of one variant: the group message as `caption.txt` and one file per further channel of
 * the group type, named by the channel's name (`朋友圈.txt`, `视频号_抖音.txt`: names made safe).
 */
export function composeTexts(data: StudioData, post: Post, ctx: VariantContext): VariantTexts {
  const composed = composeVariantTexts(data, post, ctx);
  const files: TextFile[] = [];
  const used = new Set<string>(['caption.txt']);
  let primaryDone = false;
  for (const c of composed.channels) {
    const primary = !primaryDone && c.kind === 'group';
    if (primary) primaryDone = true;
    let file = primary ? 'caption.txt' : safeName(`${c.name}.txt`);
    if (!primary && used.has(file.toLowerCase())) file = safeName(`${c.name} (${c.id}).txt`);
    used.add(file.toLowerCase());
    files.push({ file, channel: c.id, label: c.name, text: c.text, primary });
  }
  // The group message first: the index shows it at the top.
  files.sort((a, b) => Number(b.primary) - Number(a.primary));
  return { files, templates: composed.templates, errors: composed.errors };
}
