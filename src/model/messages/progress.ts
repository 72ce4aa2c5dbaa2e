import { fillTemplate, type Catalog, type CodedText, type MessageParams } from './text.js';
import { aboutText } from './notes.js';

/**
 * What long work says it is doing now (a job's `progress.current`). The stages write English lines —
 * they travel through worker threads and queues as they are — in the forms below; `codedProgress`
 * reads one back as a code and parameters, and the job registry puts those beside the line, so the
 * contract carries both (the CLI prints the line, the UI the text in its user's language).
 */
export const progressMessages = {
  'progress.composing': ['正在整理 {store} 的内容', 'composing {store}'],
  'progress.pack': ['正在写入内容包 {folder}', 'pack {folder}'],
  'progress.zip': ['正在压缩 {folder}', 'zip {folder}'],
  'progress.output': ['{what} · {where}', '{what} · {where}'],
  'progress.video': ['视频 {what}（{percent}%）', 'video {what} ({percent}%)'],
  'progress.reading': ['正在读取 {file}', 'reading {file}'],
  'progress.store': ['门店 {store}', 'store {store}'],
  'progress.other': ['{current}', '{current}'],
  'plan.noTarget': ['选中的内容都不面向它运营的群类型', 'no chosen post targets its group types'],
  'plan.noGroups': ['这家门店没有运营任何群类型', 'the store runs no group type'],
  'plan.allRefused': ['选中的内容对它都被拦下了（见“未导出”）', 'every chosen post was refused for it (see refused)'],
  'video.body': ['正片', 'body'],
  'video.end': ['片尾', 'end'],
  'video.full': ['整片', 'full'],
  'video.store': ['门店', 'store'],
  'video.cover': ['封面', 'cover'],
} as const satisfies Catalog;

type ProgressCode = Exclude<keyof typeof progressMessages, `video.${string}` | 'progress.other'>;

const en = (code: ProgressCode, params: MessageParams) => fillTemplate(progressMessages[code][1], params);

/** The progress line of a store being composed. */
export const composingLine = (store: string) => en('progress.composing', { store });

const FORMS: { code: ProgressCode; re: RegExp; names: string[] }[] = [
  { code: 'progress.video', re: /^video (.+) \((\d+)%\)$/, names: ['what', 'percent'] },
  { code: 'progress.composing', re: /^composing (\S+)$/, names: ['store'] },
  { code: 'progress.pack', re: /^pack (.+)$/, names: ['folder'] },
  { code: 'progress.zip', re: /^zip (.+)$/, names: ['folder'] },
  { code: 'progress.reading', re: /^reading (.+)$/, names: ['file'] },
  { code: 'progress.store', re: /^store (\S+)$/, names: ['store'] },
  { code: 'progress.output', re: /^((?:poster \S+|video|cover|qr)) · (.+)$/, names: ['what', 'where'] },
];

/** A progress line as a coded message (`progress.other` for a line of another form). */
export function codedProgress(current: string): CodedText {
  for (const f of FORMS) {
    const m = f.re.exec(current);
    if (!m) continue;
    const params: MessageParams = {};
    f.names.forEach((n, i) => (params[n] = m[i + 1]!));
    return { code: f.code, params, message: current };
  }
  return { code: 'progress.other', params: { current }, message: current };
}

/** What a job is doing now, in `lang` (from its code when it has one; video part names and output kinds translated). */
export function progressText(lang: 'zh' | 'en', p: { current?: string; code?: string; params?: MessageParams }): string {
  if (!p.current) return '';
  const { code, params } = p.code ? { code: p.code, params: p.params } : codedProgress(p.current);
  const entry = (progressMessages as Catalog)[code];
  if (!entry || code === 'progress.other') return p.current;
  let filled: MessageParams | undefined = params;
  if (code === 'progress.video' && params) {
    filled = { ...params, what: String(params.what).replace(/\b(body|end|full|store|cover)\b/g, (w) => (progressMessages as Catalog)[`video.${w}`]?.[lang === 'zh' ? 0 : 1] ?? w) };
  }
  if (code === 'progress.output' && params) filled = { ...params, what: aboutText(lang, String(params.what)) };
  return fillTemplate(entry[lang === 'zh' ? 0 : 1], filled);
}
