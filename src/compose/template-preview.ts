import type { Channel, Post, StudioData } from '../model/index.js';
import { StudioError } from '../model/index.js';
import { CAPTION_TEMPLATE_FOR_KIND, frontMatter } from './builtins.js';
import { contextFor, postSections, templateData } from './context.js';
import { findGroup, findStore, postOf } from '../model/index.js';
import { ComposeCache } from './cache.js';
import { TemplateError } from './handlebars/index.js';
import { SectionError } from './sections.js';
import { charCount, stripEmoji } from '../model/text.js';

type ChannelKind = Channel['kind'];

/** What a caption template source gives for one variant (the template screen's live preview). */
export interface CaptionTemplatePreview {
  /** The channel kind the template writes for (its `channel:` line, else its id, else group). */
  kind: ChannelKind;
  /** The channel the text was composed for. */
  channel: string;
  text: string;
  /** The channel's length limit, and whether the text is over it. */
  maxLength: number;
  tooLong: boolean;
  /** A template problem: the text is empty and this says what to mend and where. */
  error?: { message: string; line?: number; field?: string };
}

/** The channel kind a caption template is for: its front matter `channel:`, else its built-in id, else group. */
export function captionTemplateKind(id: string, source: string): ChannelKind {
  const declared = frontMatter(source).channel;
  if (declared === 'group' || declared === 'moments' || declared === 'video') return declared;
  const byId = (Object.entries(CAPTION_TEMPLATE_FOR_KIND) as [ChannelKind, string][]).find(([, tid]) => tid === id);
  return byId?.[0] ?? 'group';
}

const FALLBACK: Record<ChannelKind, Channel> = {
  group: { id: 'group', name: '社群消息', kind: 'group', text: { maxLength: 2000, hashtags: 0 }, images: { min: 0, max: 9, sizes: [] } },
  moments: { id: 'moments', name: '朋友圈', kind: 'moments', text: { maxLength: 1500, hashtags: 0 }, images: { min: 0, max: 9, sizes: [] } },
  video: { id: 'video', name: '视频号', kind: 'video', text: { maxLength: 1000, hashtags: 3 }, images: { min: 0, max: 1, sizes: [] } },
};

/**
 * Renders an (unsaved) caption template source for one post, group type and store, exactly as
 * compose would for that channel: nothing is saved. Template mistakes come back as `error`
 * (with the line) rather than thrown, so an editor can show them while the author types.
 */
export function previewCaptionTemplate(data: StudioData, post: string | Post, groupId: string, storeId: string, tpl: { id: string; source: string }, cache = new ComposeCache()): CaptionTemplatePreview {
  const p = postOf(data, post);
  const group = findGroup(data, groupId);
  const store = findStore(data, storeId);
  const kind = captionTemplateKind(tpl.id, tpl.source);
  let sections;
  try {
    sections = postSections(p, cache);
  } catch (err) {
    if (err instanceof SectionError) throw new StudioError('bad_input', `post "${p.id}": ${err.message}`, 'post');
    throw err;
  }
  const ctx = contextFor(data, p, group, store, sections, cache);
  const channel = ctx.channels.find((c) => c.kind === kind) ?? data.channels.find((c) => c.kind === kind) ?? FALLBACK[kind];
  // The group message is also held to the group type's own caption limit.
  const maxLength = kind === 'group' ? Math.min(channel.text.maxLength, group.rules.captionMaxLength) : channel.text.maxLength;
  try {
    cache.engine.validate(tpl.id, tpl.source, 'text');
    let text = cache.engine.render(tpl.id, tpl.source, templateData(ctx, { channel }), { mode: 'text' }).replace(/\n{3,}/g, '\n\n').trim();
    if (!group.rules.emojiAllowed) text = stripEmoji(text);
    return { kind, channel: channel.id, text, maxLength, tooLong: charCount(text) > maxLength };
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return { kind, channel: channel.id, text: '', maxLength, tooLong: false, error: { message: err.message, ...(err.line ? { line: err.line } : {}), ...(err.field ? { field: err.field } : {}) } };
  }
}
