import type { Post, StudioData, Template, TemplateKind, TemplatePin } from '../model/index.js';
import { sourceHash } from '../workspace/hash.js';

/** A template version resolved for a variant: what composing, rendering and the pack manifest use. */
export interface ResolvedTemplate {
  kind: TemplateKind;
  id: string;
  version: number;
  source: string;
  /** sha256 of the source (what an approval is bound to). */
  hash: string;
  /** From the studio's built-in folder (templates/), not the workspace. */
  builtin: boolean;
}

/** How a template version is named in texts and manifests: `caption-group@2`, `builtin:caption-group@1`. */
export function templateLabel(t: Pick<ResolvedTemplate, 'id' | 'version' | 'builtin'>): string {
  return `${t.builtin ? 'builtin:' : ''}${t.id}@${t.version}`;
}

/** A workspace template version as a ResolvedTemplate. */
export function resolvedVersion(t: Template, version: Template['versions'][number]): ResolvedTemplate {
  return { kind: t.kind, id: t.id, version: version.version, source: version.source, hash: version.hash || sourceHash(version.source), builtin: false };
}

/** The pinned template version of a kind, with its source and hash (undefined when not pinned or missing). */
export function pinnedTemplate(data: Pick<StudioData, 'templates'>, kind: TemplateKind, pin: TemplatePin | undefined): ResolvedTemplate | undefined {
  if (!pin) return undefined;
  const t = data.templates.find((x) => x.id === pin.template);
  const v = t?.versions.find((x) => x.version === pin.version);
  return t && v ? { ...resolvedVersion(t, v), kind } : undefined;
}

/** The newest approved version of a template, or undefined. */
export function latestApprovedVersion(t: Template): Template['versions'][number] | undefined {
  return t.versions.filter((v) => v.state === 'approved').sort((a, b) => b.version - a.version)[0];
}

/**
 * The brand's default template of a kind: among the templates of that kind (with an approved version,
 * unless `approvedOnly` is false), the one whose id says "default", else the first.
 */
export function defaultTemplateOf(templates: readonly Template[], kind: TemplateKind, approvedOnly = true): Template | undefined {
  const ofKind = templates.filter((t) => t.kind === kind && (!approvedOnly || latestApprovedVersion(t)));
  return ofKind.find((t) => /default/i.test(t.id)) ?? ofKind[0];
}

/**
 * The template pins a new post starts with: for the caption, and for posters and videos when one
 * of the group types it goes to (all, when it names none) asks for them, the brand's default
 * template at its newest approved version. Slots the post already fills are kept.
 */
export function defaultPins(data: Pick<StudioData, 'templates' | 'groupTypes'>, post: Pick<Post, 'groupTypes' | 'templates'>): Post['templates'] {
  const groups = post.groupTypes.length ? data.groupTypes.filter((g) => post.groupTypes.includes(g.id)) : data.groupTypes;
  const asked = new Set(['caption', ...groups.flatMap((g) => g.rules.formats)]);
  const pins: Post['templates'] = { ...post.templates };
  for (const kind of ['caption', 'poster', 'video'] as const) {
    if (pins[kind] || !asked.has(kind)) continue;
    const t = defaultTemplateOf(data.templates, kind);
    const v = t && latestApprovedVersion(t);
    if (t && v) pins[kind] = { template: t.id, version: v.version };
  }
  return pins;
}
