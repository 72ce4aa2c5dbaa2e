import { assetMessages } from './assets.js';
import { importMessages } from './import.js';
import { valueMessages } from './values.js';
import { noteMessages } from './notes.js';
import { progressMessages } from './progress.js';
import { fillTemplate, type Catalog, type CodedText, type MessageLang, type MessageParams } from './text.js';

export { fillTemplate, type Catalog, type CodedText, type MessageLang, type MessageParams } from './text.js';
export { valueIssueText, type IssueLike } from './values.js';
export { codedProgress, composingLine, progressText } from './progress.js';
export { KIND_WORDS, STATE_WORDS, worstCaseText, worstReasonText } from './proof.js';
export { MIGRATION_SUMMARIES, noticeText } from './notices.js';
export { codedNote, droppedNote, truncatedNote, safeAreaNote, noteText, aboutText, type CodedNote } from './notes.js';

/** Every coded message of the core: code → [中文, English]. */
export const MESSAGES = {
  ...importMessages,
  ...valueMessages,
  ...assetMessages,
  ...noteMessages,
  ...progressMessages,
} as const satisfies Catalog;

/** A code of the core's messages. */
export type MessageCode = keyof typeof MESSAGES;

/** True when `code` is in the catalog. */
export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** The text of a coded message in `lang`; an unknown code gives undefined (the caller shows its English `message`). */
export function messageText(code: string, params: MessageParams | undefined, lang: MessageLang): string | undefined {
  if (!isMessageCode(code)) return undefined;
  return fillTemplate(MESSAGES[code][lang === 'zh' ? 0 : 1], params);
}

/** A coded message with its English text filled in (what the contract carries). */
export function coded(code: MessageCode, params?: MessageParams): CodedText {
  return { code, ...(params ? { params } : {}), message: fillTemplate(MESSAGES[code][1], params) };
}
