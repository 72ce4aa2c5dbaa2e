import type { GroupType, Post, ReviewState, StudioData, TemplateKind } from '../../model/index.js';
import { finding, type Finding } from './types.js';

const KINDS: readonly TemplateKind[] = ['caption', 'poster', 'video'];
const KIND_ZH: Record<TemplateKind, string> = { caption: '文案', poster: '海报', video: '视频' };

/** One pinned template of a post and the state of the pinned version ('missing' when it does not exist). */
export interface PinStatus {
  kind: TemplateKind;
  template: string;
  version: number;
  state: ReviewState | 'missing';
}

/** The state of every template version a post pins (caption, poster, video). */
export function pinStatuses(data: Pick<StudioData, 'templates'>, post: Post): PinStatus[] {
  const out: PinStatus[] = [];
  for (const kind of KINDS) {
    const pin = post.templates[kind];
    if (!pin) continue;
    const t = data.templates.find((x) => x.id === pin.template && x.kind === kind);
    const v = t?.versions.find((x) => x.version === pin.version);
    out.push({ kind, template: pin.template, version: pin.version, state: v ? v.state : 'missing' });
  }
  return out;
}

/**
 * The pinned poster and video template versions that may not be used: missing, or not approved
 * (the caption pin is checked where the caption is composed). Nothing is produced from them.
 */
export function checkPins(data: Pick<StudioData, 'templates'>, post: Post): Finding[] {
  const out: Finding[] = [];
  for (const s of pinStatuses(data, post)) {
    if (s.kind === 'caption' || s.state === 'approved') continue;
    const field = `post.templates.${s.kind}`;
    if (s.state === 'missing') {
      out.push(finding('error', 'template.missing', `选用的${KIND_ZH[s.kind]}模板 ${s.template} v${s.version} 不存在，请在“内容设置”里另选一个已批准的版本。`, `The pinned ${s.kind} template ${s.template} v${s.version} does not exist; pick an approved version in the post settings.`, { post: post.id, field }));
    } else {
      out.push(finding('error', 'template.not_approved', `${KIND_ZH[s.kind]}模板 ${s.template} v${s.version} 还没审批通过（${s.state}），不能用于出稿。`, `The ${s.kind} template ${s.template} v${s.version} is not approved (${s.state}); nothing may be produced from it.`, { post: post.id, field }));
    }
  }
  return out;
}

/** Which of its formats a group type asks this variant for (an export may leave some out: --no-video, sizes). */
export interface AskedFormats {
  poster: boolean;
  video: boolean;
}

/**
 * A post must be able to make every format its group type asks for: a poster template when the
 * group type gets posters, a video template when it gets videos. A variant without one would ship
 * captions only, silently.
 */
export function checkFormats(post: Post, group: GroupType, asked: AskedFormats = { poster: true, video: true }): Finding[] {
  const out: Finding[] = [];
  const formats = new Set(group.rules.formats);
  for (const kind of ['poster', 'video'] as const) {
    if (!formats.has(kind) || !asked[kind] || post.templates[kind]) continue;
    out.push(
      finding(
        'error',
        `format.${kind}_missing`,
        `群类型「${group.name}」要${KIND_ZH[kind]}，但这篇内容没有选${KIND_ZH[kind]}模板：请在“内容设置”里选一个已批准的${KIND_ZH[kind]}模板。`,
        `Group type "${group.id}" asks for a ${kind}, but the post has no ${kind} template: pick an approved one in the post settings.`,
        { post: post.id, group: group.id, field: `post.templates.${kind}` },
      ),
    );
  }
  return out;
}
