import type { VIDEO_SIZES } from './vocabulary.js';

/** The video size of a group type: vertical (9x16) unless it uses 1:1 and no 9:16 (社区群): what its packs get and its preview shows. */
export function videoSizeFor(sizes: readonly string[]): (typeof VIDEO_SIZES)[number] {
  return !sizes.includes('9x16') && sizes.includes('1x1') ? '1x1' : '9x16';
}
