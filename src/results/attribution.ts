import { parseTrackingLink, type TrackingIds } from '../compose/link.js';

/** Something in a cell may be ours: sq_ in plain text or percent-encoded once, twice… */
const MAYBE_OURS = /sq(?:_|%(?:25)*5f)/i;
/** URLs in free text (a cell may hold a note with a link in it). */
const URLS = /https?:\/\/[^\s"'<>，。、；;]+/gi;
/** Percent-encoded URLs (`https%3A%2F%2F…`), as a redirect's parameter carries them. */
const ENCODED_URLS = /https?%(?:25)*3A%(?:25)*2F%(?:25)*2F[^\s"'<>，。、；;]*/gi;
const MAX_DEPTH = 4;

function decodeOnce(s: string): string | undefined {
  try {
    const d = decodeURIComponent(s.replace(/\+/g, ' '));
    return d !== s ? d : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tracking ids a cell carries, wherever they sit: a tracking link, a link with our parameters
 * inside another URL (a redirect's `url=` parameter, percent-encoded once or more), or the bare
 * parameters (`sq_post=…&sq_group=…&sq_store=…`). Every candidate goes through parseTrackingLink,
 * so whatever link forms it understands are understood here.
 */
export function findTrackingIds(cell: string): TrackingIds | undefined {
  if (!MAYBE_OURS.test(cell)) return undefined;
  const queue: { text: string; depth: number }[] = [{ text: cell, depth: 0 }];
  const seen = new Set<string>();
  while (queue.length) {
    const { text, depth } = queue.shift()!;
    if (seen.has(text) || depth > MAX_DEPTH) continue;
    seen.add(text);
    const push = (t: string | undefined) => t && MAYBE_OURS.test(t) && queue.push({ text: t, depth: depth + 1 });
    for (const url of text.match(URLS) ?? []) {
      const ids = parseTrackingLink(url);
      if (ids) return ids;
      try {
        const u = new URL(url);
        for (const v of u.searchParams.values()) push(v);
        push(decodeOnce(u.hash.slice(1)));
      } catch {
        /* not a URL after all */
      }
    }
    for (const enc of text.match(ENCODED_URLS) ?? []) push(decodeOnce(enc));
    // Bare parameters: read them as the query of a link.
    const bare = /(?:^|[?&#\s])(sq_[a-z]+=[^\s]*)/i.exec(text);
    if (bare) {
      const ids = parseTrackingLink(`https://params.invalid/?${bare[1]}`);
      if (ids) return ids;
    }
    push(decodeOnce(text));
  }
  return undefined;
}
