/**
 * The review pages' words in Chinese and English, the language a page is shown in (the browser's
 * Accept-Language: Chinese unless it prefers English) and times in China time, one format.
 */

import { KIND_WORDS, STATE_WORDS } from '../model/index.js';

/** Languages of the review pages. */
export type ReviewLang = 'zh' | 'en';

const TEXT = {
  review: ['审核', 'Review'],
  queue: ['审核队列', 'Review queue'],
  nothing: ['没有待审核的版本。', 'Nothing is waiting for review.'],
  template: ['模板', 'Template'],
  kind: ['类型', 'Kind'],
  version: ['版本', 'Version'],
  approvedNow: ['当前批准版本', 'Approved now'],
  submittedBy: ['提交人', 'Submitted by'],
  submittedAt: ['提交时间', 'Submitted at'],
  proof: ['校样', 'Proof'],
  proofReady: ['已生成', 'ready'],
  proofOnOpen: ['打开时生成', 'renders on open'],
  state: ['状态', 'State'],
  createdBy: ['创建人', 'Created by'],
  signedIn: ['已登录', 'Signed in'],
  signOut: ['退出', 'Sign out'],
  signIn: ['经理登录', 'Manager sign-in'],
  userId: ['账号', 'User id'],
  personalKey: ['个人密钥', 'Personal key'],
  login: ['登录', 'Sign in'],
  keyHelp: ['密钥在创建账号时显示一次；遗失请找其他经理重新签发（shequn user key）。', 'The key was shown once when your account was made; if it is lost, another manager issues a new one (shequn user key).'],
  reviewer: ['审核人', 'Reviewer'],
  ownSubmission: ['这是你提交的版本，需由另一位经理批准', 'you submitted this version: another manager must approve it'],
  comment: ['意见（可不填）', 'Comment (optional)'],
  commentCol: ['意见', 'Comment'],
  approve: ['批准', 'Approve'],
  reject: ['退回修改', 'Request changes'],
  needSignIn: ['审批需要经理本人登录（账号和个人密钥）：', 'Approving needs a manager signed in with their own id and key: '],
  proofSheet: ['校样', 'Proof sheet'],
  outputChecks: ['输出检查：', 'Checks on the output:'],
  rendered: ['生成于 {at} · {n} 个样例', 'rendered {at} · {n} cases'],
  sheetAlt: ['{id} v{v} 的校样，{n} 个样例', 'proof sheet of {id} v{v}, {n} cases'],
  comparedNone: ['对比：没有（之前没有批准过的版本）', 'Compared with nothing (no approved version before)'],
  comparedWith: ['对比：v{v}（已批准）', 'Compared with v{v} (approved)'],
  compareAlt: ['之前批准的版本与新版本并排', 'previous approved and new side by side'],
  sourceDiff: ['源码差异（+{a} −{r}）', 'Source diff (+{a} −{r})'],
  sourceSame: ['源码没有变化。', 'Source unchanged.'],
  proofPending: ['正在生成校样{progress}，通常几秒钟。请看过校样再批准。', 'The proof sheet is being rendered{progress}, usually a few seconds. Approve only once you have seen it.'],
  reload: ['刷新查看', 'Reload to see it'],
  proofProgress: ['（{done}/{total} 个样例）', ' ({done} of {total} cases)'],
  proofFailed: ['校样没能生成：{why}', 'The proof sheet could not be rendered: {why}'],
  history: ['记录', 'History'],
  when: ['时间', 'When'],
  who: ['人员', 'Who'],
  act: ['操作', 'Action'],
  chinaTime: ['北京时间', 'China time'],
  'kind.caption': KIND_WORDS.caption,
  'kind.poster': KIND_WORDS.poster,
  'kind.video': KIND_WORDS.video,
  'state.draft': STATE_WORDS.draft,
  'state.in_review': STATE_WORDS.in_review,
  'state.approved': STATE_WORDS.approved,
  'state.changes_requested': STATE_WORDS.changes_requested,
  'state.retired': STATE_WORDS.retired,
  'act.submit': ['提交审核', 'submitted'],
  'act.approve': ['批准', 'approved'],
  'act.reject': ['退回修改', 'requested changes'],
  'act.comment': ['评论', 'commented'],
} as const satisfies Record<string, readonly [string, string]>;

/** A key of the review pages' words. */
export type ReviewKey = keyof typeof TEXT;

/** The words of one language: `t(key, params)`; an unknown key (a new state or action) shows as written. */
export function reviewText(lang: ReviewLang): (key: ReviewKey | string, params?: Record<string, string | number>) => string {
  return (key, params) => {
    const entry = (TEXT as Record<string, readonly [string, string]>)[key];
    let s = entry ? entry[lang === 'zh' ? 0 : 1] : key.replace(/^\w+\./, '');
    if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** The page language from Accept-Language: English only when the browser ranks an English tag above every Chinese one. */
export function reviewLang(acceptLanguage: string | undefined): ReviewLang {
  if (!acceptLanguage) return 'zh';
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q ? Number(q) : 1 };
    })
    .filter((t) => t.tag.startsWith('zh') || t.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return tags[0]?.tag.startsWith('en') ? 'en' : 'zh';
}

const CHINA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A stored timestamp (`…Z` or `…+08:00`) as `2026-12-06 16:48` in China time, the studio's zone; unreadable text as written. */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = Object.fromEntries(CHINA.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
