import { codedNote, messageText } from '@shared';
import { useCallback } from 'react';
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

/** What an output label of a note says (`poster 1x1 · post/group`, `video · post/group`), in `lang`. */
function aboutText(lang: Lang, about: string): string {
  return about.replace(/^(poster) (\S+)|^(video|cover|qr)\b/, (whole, _p: string, size: string | undefined, kind: string | undefined) =>
    size ? (messageText('note.poster', { size }, lang) ?? whole) : (messageText(`note.${kind}`, undefined, lang) ?? whole),
  );
}

/** A render note in `lang`: the output it concerns, then what happened, with slot names translated. */
export function noteText(lang: Lang, note: string): string {
  const c = codedNote(note);
  if (c.code === 'note.other') return note;
  const slot = c.params?.slot !== undefined ? (messageText(`slot.${c.params.slot}`, undefined, lang) ?? String(c.params.slot)) : undefined;
  const text = messageText(c.code, { ...c.params, ...(slot ? { slot } : {}) }, lang) ?? note;
  return c.about ? `${aboutText(lang, c.about)}${lang === 'zh' ? '：' : ': '}${text}` : text;
}

/** `sayNote(line)`: a render note in the current language. */
export function useSayNote(): (note: string) => string {
  const { lang } = useI18n();
  return useCallback((note: string) => noteText(lang, note), [lang]);
}

/** What a job is doing now, in `lang` (its code when the core sent one; the video part names translated). */
export function progressText(lang: Lang, p: { current?: string; code?: string; params?: Record<string, string | number> }): string {
  if (!p.current) return '';
  let params = p.params;
  if (p.code === 'progress.video' && params) {
    params = { ...params, what: String(params.what).replace(/\b(body|end|full|store|cover)\b/g, (w) => messageText(`video.${w}`, undefined, lang) ?? w) };
  }
  if (p.code === 'progress.output' && params) params = { ...params, what: aboutText(lang, String(params.what)) };
  return engineText(lang, { message: p.current, code: p.code, params });
}
