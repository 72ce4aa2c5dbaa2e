import { bigramSimilarity } from '../../model/text.js';
import { finding, type Finding } from './types.js';

/** Similarity at or above which captions of different group types count as the same text. */
export const SIMILARITY_THRESHOLD = 0.9;

/**
 * Warns when a post's group messages for one store are near-identical across every group type it
 * goes to (normalised character-bigram Jaccard ≥ threshold for every pair): the same text in every
 * group reads as spam. Links, emoji, spaces and punctuation are ignored in the comparison.
 */
export function checkSimilarity(post: string, store: string, captions: { group: string; caption: string }[], threshold = SIMILARITY_THRESHOLD): Finding[] {
  if (captions.length < 2) return [];
  let min = 1;
  for (let i = 0; i < captions.length; i++) {
    for (let j = i + 1; j < captions.length; j++) min = Math.min(min, bigramSimilarity(captions[i]!.caption, captions[j]!.caption));
  }
  if (min < threshold) return [];
  const pct = Math.round(min * 100);
  const groups = captions.map((c) => c.group).join(', ');
  return [
    finding(
      'warning',
      'captions.similar',
      `这篇内容在 ${captions.length} 个群类型（${groups}）里的群消息几乎一样（相似度至少 ${pct}%）。同样的话发到每个群像刷屏，请按群类型调整开场、语气或模板。`,
      `The group messages of this post are near-identical across all ${captions.length} group types (${groups}; similarity ≥ ${pct}%). The same text in every group reads as spam: vary opener, tone or template per group type.`,
      { post, store },
    ),
  ];
}
