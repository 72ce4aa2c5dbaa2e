/**
 * The worst cases a proof sheet shows (src/review/proof.ts writes them as English lines: they are
 * also drawn on the sheet and kept in proof.json). `worstCaseText` says one in either language.
 */
const REASONS_ZH: readonly [RegExp, string][] = [
  [/^longest store name \((\d+) wide\)$/, '门店名最长（宽 $1）'],
  [/^longest catchphrase \((\d+) wide\)$/, '口头禅最长（宽 $1）'],
  [/^longest store name \+ catchphrase$/, '门店名加口头禅最长'],
  [/^sample post \(the workspace has no posts\)$/, '示例内容（工作区还没有内容）'],
  [/^the longest post using this template$/, '用这个模板的内容里最长的一篇'],
  [/^the longest post in the workspace$/, '工作区里最长的一篇内容'],
];

const reasonZh = (r: string) => {
  for (const [re, zh] of REASONS_ZH) if (re.test(r)) return r.replace(re, zh);
  return r;
};

/** Why a store or post is a worst case, in `lang` (one reason as src/review/worst.ts writes it). */
export function worstReasonText(lang: 'zh' | 'en', reason: string): string {
  return lang === 'en' ? reason : reasonZh(reason);
}

/** A template kind in Chinese and English (proof sheets, review pages). */
export const KIND_WORDS = { caption: ['文案', 'caption'], poster: ['海报', 'poster'], video: ['视频', 'video'] } as const;
/** A version's review state in Chinese and English (proof sheets, review pages). */
export const STATE_WORDS = {
  draft: ['草稿', 'draft'],
  in_review: ['审核中', 'in review'],
  approved: ['已批准', 'approved'],
  changes_requested: ['已退回修改', 'changes requested'],
  retired: ['已停用', 'retired'],
} as const;

/** One worst-case line of a proof in `lang` (English as written; Chinese read from its known forms). */
export function worstCaseText(lang: 'zh' | 'en', line: string): string {
  if (lang === 'en') return line;
  let m = /^store "([^"]+)" (.*?): (.+)$/.exec(line);
  if (m) return `门店“${m[1]}” ${m[2]}：${m[3]!.split(', ').map(reasonZh).join('、')}`;
  m = /^post "([^"]+)": (.+) \((\d+) wide title\)$/.exec(line);
  if (m) return `内容“${m[1]}”：${reasonZh(m[2]!)}（标题宽 ${m[3]}）`;
  m = /^group types: (.*)$/.exec(line);
  if (m) return `群类型：${m[1]!.split(', ').join('、')}`;
  m = /^sizes: (.*)$/.exec(line);
  if (m) return `尺寸：${m[1]!.split(', ').join('、')}`;
  return line;
}
