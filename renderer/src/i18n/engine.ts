import { useCallback } from 'react';
import { messageText, noteText, progressText as progressLine } from '@shared';
import { useI18n, type Lang } from './index';

/** Something the core said: the English `message`, and where it has one, its code and parameters. */
export interface EngineSaid {
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * What the core said, in `lang`: the catalog's text for its code (src/model/messages, through
 * @shared), else the English message as sent (a core older than the code, or a code this UI lacks).
 */
export function engineText(lang: Lang, said: EngineSaid): string {
  return (said.code ? messageText(said.code, said.params, lang) : undefined) ?? said.message;
}

/** `say(x)`: what the core said, in the current language. */
export function useSay(): (said: EngineSaid) => string {
  const { lang } = useI18n();
  return useCallback((said: EngineSaid) => engineText(lang, said), [lang]);
}

/** `sayNote(line)`: a render note in the current language. */
export function useSayNote(): (note: string) => string {
  const { lang } = useI18n();
  return useCallback((note: string) => noteText(lang, note), [lang]);
}

/** What a job is doing now, in `lang`. */
export function progressText(lang: Lang, p: { current?: string; code?: string; params?: Record<string, string | number> }): string {
  return progressLine(lang, p);
}
