import { builtinCaptionSource } from '../compose/builtins.js';
import { composeVariant } from '../compose/index.js';
import type { VariantContext } from '../compose/types.js';
import type { Channel, Post, StudioData } from '../model/index.js';
import { sha256 } from '../workspace/hash.js';
import { pinnedTemplate, type ResolvedTemplate } from './outputs.js';

/** The texts compose makes for one variant, per channel of its group type. */
export interface ComposedChannels {
  channels: { id: string; name: string; kind: Channel['kind']; text: string }[];
  templates: ResolvedTemplate[];
  /** Why the variant cannot ship (a template or section that does not render); empty when fine. */
  errors: string[];
}

// Findings that mean the text itself is missing or wrong (content checks are `shequn check`'s job).
const BLOCKING = new Set(['template.error', 'template.missing', 'section.unreadable']);

/** The template version behind compose's label (`caption-group@2`, `builtin:caption-group@1`). */
function resolveLabel(data: StudioData, label: string): ResolvedTemplate | undefined {
  const m = /^(builtin:)?(.+)@(\d+)$/.exec(label);
  if (!m) return undefined;
  const [, builtin, id, version] = m;
  if (builtin) {
    const source = builtinCaptionSource(id!);
    return source === undefined ? undefined : { kind: 'caption', id: `builtin:${id}`, version: Number(version), source, hash: sha256(source) };
  }
  return pinnedTemplate(data, 'caption', { template: id!, version: Number(version) });
}

/**
 * The one place the exporter calls compose: `composeVariant` (checks off: they are reported by
 * `shequn check`) gives the group message and each channel's text, so packs match compose exactly.
 */
export function composeVariantTexts(data: StudioData, post: Post, ctx: VariantContext): ComposedChannels {
  const v = composeVariant(data, post, ctx.group.id, ctx.store.id, { noChecks: true });
  const errors = v.findings.filter((f) => f.severity === 'error' && BLOCKING.has(f.ruleId)).map((f) => f.message.en);
  const channels = ctx.channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind, text: c.kind === 'group' ? v.caption : (v.channels[c.id] ?? '') }));
  if (!channels.some((c) => c.kind === 'group')) channels.unshift({ id: 'group', name: '社群消息', kind: 'group', text: v.caption });
  const templates: ResolvedTemplate[] = [];
  for (const label of new Set(Object.values(v.templates))) {
    const t = resolveLabel(data, label);
    if (t) templates.push(t);
  }
  return { channels, templates, errors };
}
