/**
 * Coded messages: every sentence the core sends to a person has a code and parameters, and a
 * Chinese and an English text per code (the catalogs in this folder). Shells show the text in
 * their user's language (the UI through @shared, the review pages on the server); the English
 * `message` beside each code stays for the CLI and older callers. Browser-safe: no node: imports.
 */

/** Values a message's `{placeholders}` take. */
export type MessageParams = Record<string, string | number>;

/** Languages messages are written in. */
export type MessageLang = 'zh' | 'en';

/** A catalog: code → [中文, English] with `{name}` placeholders. */
export type Catalog = Readonly<Record<string, readonly [string, string]>>;

/** A message as the contract carries it: its code, its parameters and the English text. */
export interface CodedText {
  code: string;
  params?: MessageParams;
  message: string;
}

/** Fills `{name}` placeholders; an unknown placeholder stays as written. */
export function fillTemplate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
