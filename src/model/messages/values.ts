import type { Catalog, CodedText } from './text.js';
import { fillTemplate } from './text.js';

/** Why a value is refused (the model's schemas, as they reach a person). */
export const valueMessages = {
  'value.empty': ['不能为空', 'must not be empty'],
  'value.tooLong': ['太长了：最多 {max} 个字符', 'must be at most {max} characters'],
  'value.tooShort': ['太短了：至少 {min} 个字符', 'must be at least {min} characters'],
  'value.notUrl': ['不是链接：请填写以 http:// 或 https:// 开头的网址', 'must be a link starting with http:// or https://'],
  'value.badId': ['编号只能用字母、数字、“-”或“_”（以字母或数字开头）', 'use letters, digits, "-" or "_" (start with a letter or digit)'],
  'value.controlChar': ['含有看不见的控制字符 {char}（第 {position} 个字符）；请删掉它（重新输入这段文字）再试', 'contains the invisible control character {char} at position {position}; remove it (retype the text) and try again'],
  'value.storeNameMissing': ['门店名称不能为空', 'the store needs a name'],
  'value.ownerNameMissing': ['店主姓名不能为空', 'the owner needs a name'],
  'value.invalid': ['取值不符合要求（{reason}）', '{reason}'],
} as const satisfies Catalog;

/** The parts of a zod issue a message is made from (zod 4's issue shape, loosely). */
export interface IssueLike {
  code: string;
  message: string;
  format?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
}

const KNOWN: Readonly<Record<string, keyof typeof valueMessages>> = {
  'the store needs a name': 'value.storeNameMissing',
  'the owner needs a name': 'value.ownerNameMissing',
  'must be a URL': 'value.notUrl',
  'must start with http:// or https://': 'value.notUrl',
  'must not be empty': 'value.empty',
  'use letters, digits, "-" or "_" (start with a letter or digit)': 'value.badId',
};

const CONTROL = /^contains the invisible control character (.+) at position (\d+);/;

/** A schema's complaint about a value as a coded message (the model's own wording kept as the English text). */
export function valueIssueText(issue: IssueLike): CodedText {
  const coded = (code: keyof typeof valueMessages, params?: Record<string, string | number>): CodedText => ({ code, ...(params ? { params } : {}), message: issue.message || fillTemplate(valueMessages[code][1], params) });
  const known = KNOWN[issue.message];
  if (known) return coded(known);
  const control = CONTROL.exec(issue.message);
  if (control) return coded('value.controlChar', { char: control[1]!, position: Number(control[2]) });
  if (issue.code === 'too_big' && issue.origin === 'string' && issue.maximum !== undefined) return coded('value.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum !== undefined) return Number(issue.minimum) <= 1 ? coded('value.empty') : coded('value.tooShort', { min: Number(issue.minimum) });
  if (issue.code === 'invalid_format' && issue.format === 'url') return coded('value.notUrl');
  return coded('value.invalid', { reason: issue.message });
}
