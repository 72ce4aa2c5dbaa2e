import { fullDate, validityAt, type Post } from '../../model/index.js';
import { finding, type Finding } from './types.js';

/**
 * An expired post may not ship (export refuses it even when named). The date is shown with its year:
 * "10/31" does not say which year's October.
 */
export function checkValidity(post: Post, now: number): Finding[] {
  if (validityAt(post, now) !== 'expired') return [];
  const until = fullDate(post.validUntil);
  return [
    finding(
      'error',
      'post.expired',
      `「${post.title}」已于 ${until} 过期（有效期 ${fullDate(post.validFrom)} 至 ${until}），不能再导出。请延长有效期，或改发新的内容。`,
      `"${post.id}" expired on ${until} (valid ${fullDate(post.validFrom)} to ${until}); it cannot be exported. Extend its dates or publish new content.`,
      { post: post.id, field: 'post.validUntil' },
    ),
  ];
}
