import { useCallback, useMemo, useRef, useState } from 'react';
import type { MethodOutput } from '@contract';
import type { Section } from './editor/SectionEditor';

type Post = MethodOutput<'posts.get'>;

const SECTIONS: Section[] = ['head', 'waist', 'leg'];
/** After this long without typing in a part, the user has worked on it (its findings show). */
const IDLE_MS = 1500;

/** True when a Lexical document has no text and no variable in it. */
function isEmptyDoc(doc: unknown): boolean {
  let empty = true;
  const walk = (n: unknown) => {
    if (!empty || !n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; children?: unknown[] };
    if ((node.type === 'text' && node.text?.trim()) || node.type === 'variable') empty = false;
    node.children?.forEach(walk);
  };
  walk((doc as { root?: unknown })?.root);
  return empty;
}

/** Which parts' findings the editor shows, and the calls that mark a part as worked on. */
export interface WorkedParts {
  /** The user typed in `section`. */
  edited(section: Section): void;
  /** The focus moved to `section` (a part left after typing is worked on). */
  focused(section: Section): void;
  /** Saving on purpose: every part typed in counts. */
  all(): void;
  /** Whether a finding about `section` (undefined: the post as a whole) is shown. */
  shows(section: Section | undefined): boolean;
}

/**
 * A new post (its three parts empty) shows no findings until the user has worked on a part: typed
 * in it and left it (or paused, or saved). Then that part's findings show; findings about the post
 * as a whole wait until some part has been worked on. Posts that start with text show everything.
 */
export function useWorkedParts(initial: Post): WorkedParts {
  const startedEmpty = useMemo(() => new Set(SECTIONS.filter((s) => isEmptyDoc(initial[s]))), [initial]);
  const [worked, setWorked] = useState<ReadonlySet<Section>>(new Set());
  const typed = useRef(new Set<Section>());
  const current = useRef<Section | undefined>(undefined);
  const timers = useRef<Partial<Record<Section, ReturnType<typeof setTimeout>>>>({});
  const mark = useCallback((s: Section) => setWorked((prev) => (prev.has(s) ? prev : new Set([...prev, s]))), []);
  return useMemo<WorkedParts>(
    () => ({
      edited: (s) => {
        typed.current.add(s);
        clearTimeout(timers.current[s]);
        timers.current[s] = setTimeout(() => mark(s), IDLE_MS);
      },
      focused: (s) => {
        const was = current.current;
        if (was && was !== s && typed.current.has(was)) mark(was);
        current.current = s;
      },
      all: () => typed.current.forEach(mark),
      shows: (s) => (s ? !startedEmpty.has(s) || worked.has(s) : startedEmpty.size < SECTIONS.length || worked.size > 0),
    }),
    [startedEmpty, worked, mark],
  );
}
