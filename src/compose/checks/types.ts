import type { Channel, GroupType, Post, StoreOwner } from '../../model/index.js';
import type { PostSection } from '../context.js';
import type { SectionName, VariantContext } from '../types.js';

/** One problem (or risk) found in a post, a store or a variant. */
export interface Finding {
  severity: 'error' | 'warning';
  /** Stable id of the rule, e.g. `adlaw.term`, `caption.too_long` (docs/checks.md lists them). */
  ruleId: string;
  message: { zh: string; en: string };
  section?: SectionName;
  /** The channel id when the finding is about one channel's text. */
  channel?: string;
  /**
   * UTF-16 offsets [start, end). With `section`: in the section's display text (lines joined by
   * "\n", each variable counted as its `{{vars.x}}` expression). With `channel`: in that channel's
   * text. With `field`: in that store field.
   */
  position?: { start: number; end: number };
  /** The Advertising-Law term found (adlaw.term findings). */
  term?: string;
  /** The matched words with a little context, for lists. */
  excerpt?: string;
  /** The entity field concerned (e.g. `store.catchphrase`, `template caption-group`). */
  field?: string;
  post?: string;
  group?: string;
  store?: string;
}

/** Shorthand for building a finding. */
export function finding(severity: Finding['severity'], ruleId: string, zh: string, en: string, extra: Omit<Finding, 'severity' | 'ruleId' | 'message'> = {}): Finding {
  return { severity, ruleId, message: { zh, en }, ...extra };
}

/** What one composed variant is checked on. */
export interface VariantTexts {
  post: Post;
  group: GroupType;
  store: StoreOwner;
  ctx: VariantContext;
  sections: Record<SectionName, PostSection>;
  /** The group message. */
  caption: string;
  /** Text per channel the group type uses (the group channel's text is the caption). */
  channels: { channel: Channel; text: string }[];
  /** Channel ids of the group type that have no channel record. */
  unknownChannels: string[];
}

