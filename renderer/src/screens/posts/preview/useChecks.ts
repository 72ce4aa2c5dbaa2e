import { useEffect, useState, type RefObject } from 'react';
import type { MethodOutput } from '../../../../../src/api/contract';
import type { Section } from '../editor/SectionEditor';

type Post = MethodOutput<'posts.get'>;

/** A check finding as the editor shows it. */
export interface UiFinding {
  key: string;
  severity: 'error' | 'warning' | 'info';
  section?: Section;
  /** Character position in the section (1-based, as people count). */
  position?: number;
  /** The text the finding is about (underlined in the editor). */
  term?: string;
  rule: string;
  message: { zh: string; en: string };
}

/** The findings of the draft post (filled in when the compose checks api is available). */
export function useChecks(_draft: RefObject<Post>, _revision: number): { findings: UiFinding[]; available: boolean; error?: unknown } {
  const [state] = useState<{ findings: UiFinding[]; available: boolean }>({ findings: [], available: false });
  useEffect(() => undefined, []);
  return state;
}
