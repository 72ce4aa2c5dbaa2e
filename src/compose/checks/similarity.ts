import { bigramSimilarity } from '../../model/text.js';
import { finding, type Finding } from './types.js';

/** Similarity at or above which two group types' captions count as the same text (the demo stays below it). */
export const SIMILARITY_THRESHOLD = 0.7;

/** Every pair of group types whose captions for one store measure at or above the threshold, most similar first. */
export function similarPairs(captions: { group: string; caption: string }[], threshold = SIMILARITY_THRESHOLD): { a: string; b: string; similarity: number }[] {
  const out: { a: string; b: string; similarity: number }[] = [];
  for (let i = 0; i < captions.length; i++) {
    for (let j = i + 1; j < captions.length; j++) {
      const similarity = bigramSimilarity(captions[i]!.caption, captions[j]!.caption);
      if (similarity >= threshold) out.push({ a: captions[i]!.group, b: captions[j]!.group, similarity });
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}

/**
 * Warns when a post's group messages for one store read alike in two group types (normalised
 * character-bigram Jaccard ≥ threshold for a pair): the same text in two groups reads as spam, and
 * each group type should get its own hook, greeting and close. Links, emoji, spaces and
 * punctuation are ignored in the comparison. One finding per post × store names every such pair.
 */
export function checkSimilarity(post: string, store: string, captions: { group: string; caption: string }[], threshold = SIMILARITY_THRESHOLD): Finding[] {
  const pairs = similarPairs(captions, threshold);
  if (!pairs.length) return [];
  const pct = (x: number) => Math.round(x * 100);
  const zh = pairs.map((p) => `${p.a}/${p.b} ${pct(p.similarity)}%`).join('，');
  const en = pairs.map((p) => `${p.a}/${p.b} ${pct(p.similarity)}%`).join(', ');
  const groups = new Set(pairs.flatMap((p) => [p.a, p.b])).size;
  return [
    finding(
      'warning',
      'captions.similar',
      `这篇内容在 ${groups} 个群类型里的群消息太像了（${zh}；上限 ${pct(threshold)}%）。同样的话发到不同的群像刷屏：给每个群类型写一句开场白（开场白/hook），或用群类型的称呼和关心点调整模板。`,
      `The group messages of this post read alike in ${groups} group types (${en}; limit ${pct(threshold)}%). The same text in different groups reads as spam: give each group type its own hook, or vary the template with the group type's profile.`,
      { post, store },
    ),
  ];
}
