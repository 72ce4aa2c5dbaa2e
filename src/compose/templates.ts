import type { StudioData, Template, TemplateKind, TemplatePin } from '../model/index.js';
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
