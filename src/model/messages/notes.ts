import { fillTemplate, type Catalog, type CodedText, type MessageParams } from './text.js';

/**
 * Render notes: what a renderer changed or warns about on one output (characters the poster font
 * lacks, text cut to fit, text over the product's safe area). Notes travel as English lines — through
 * worker threads, the poster cache on disk (base layers keep their notes) and older callers — so each
 * form is written here by a builder and read back by `codedNote`, the one place that knows both.
 */
export const noteMessages = {
  'note.dropped': ['{slot}：去掉了海报字体里没有的字符 {chars}', '{slot}: removed {chars} (not in the poster font)'],
  'note.truncated': ['{slot}：缩到 {px}px 仍超出 {lines} 行，已截断为“{last}”', '{slot}: too long for {lines} line(s) even at {px}px; cut to "{last}"'],
  'note.safeArea': ['文字“{what}”压住了产品图的安全区（{x},{y} {w}×{h}）：请移开文字，或把安全区标小一些', 'text "{what}" covers the product image\'s safe area ({x},{y} {w}×{h}): move it or mark a smaller safe area'],
  'note.other': ['{note}', '{note}'],
  'note.poster': ['海报 {size}', 'poster {size}'],
  'note.video': ['视频', 'video'],
  'note.cover': ['视频封面', 'cover'],
  'note.qr': ['二维码', 'qr'],
  'slot.title': ['标题', 'title'],
  'slot.head': ['头部', 'head'],
  'slot.waist': ['腰部', 'waist'],
  'slot.leg': ['腿部', 'leg'],
  'slot.productName': ['产品名', 'productName'],
  'slot.price': ['价格', 'price'],
  'slot.originalPrice': ['原价', 'originalPrice'],
  'slot.offer': ['优惠', 'offer'],
  'slot.campaign': ['活动', 'campaign'],
  'slot.validUntil': ['截止日期', 'validUntil'],
  'slot.brandName': ['品牌名', 'brandName'],
  'slot.slogan': ['品牌口号', 'slogan'],
  'slot.ipName': ['品牌IP名', 'ipName'],
  'slot.ipGreeting': ['品牌IP问候语', 'ipGreeting'],
  'slot.groupName': ['群名', 'groupName'],
  'slot.hook': ['钩子', 'hook'],
  'slot.badge': ['角标', 'badge'],
  'slot.storeName': ['门店名称', 'storeName'],
  'slot.ownerName': ['店主姓名', 'ownerName'],
  'slot.ownerLine': ['店主条', 'ownerLine'],
  'slot.nickname': ['店主昵称', 'nickname'],
  'slot.catchphrase': ['口头禅', 'catchphrase'],
  'slot.address': ['地址', 'address'],
  'slot.district': ['片区', 'district'],
  'slot.phone': ['电话', 'phone'],
} as const satisfies Catalog;

type NoteCode = 'note.dropped' | 'note.truncated' | 'note.safeArea';

const en = (code: NoteCode, params: MessageParams) => fillTemplate(noteMessages[code][1], params);

/** The note for characters a slot's text lost because the poster font lacks them. */
export const droppedNote = (slot: string, chars: string) => en('note.dropped', { slot, chars });
/** The note for text cut to the last line that fits. */
export const truncatedNote = (slot: string, lines: number, px: number, last: string) => en('note.truncated', { slot, lines, px, last });
/** The note for text drawn over the product image's safe area. */
export const safeAreaNote = (what: string, x: number, y: number, w: number, h: number) => en('note.safeArea', { what, x, y, w, h });

/** A template's English text as a pattern: each `{name}` captures (lazily, so a prefix is left before it). */
function pattern(code: NoteCode): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const body = noteMessages[code][1]
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return m[1] === 'slot' ? '(\\w+)' : '([\\s\\S]*?)';
    })
    .join('');
  return { re: new RegExp(`(?:^|^([\\s\\S]*?): )${body}$`), names };
}

const FORMS = (['note.dropped', 'note.truncated', 'note.safeArea'] as const).map((code) => ({ code, ...pattern(code) }));

/** A note read back: its code and parameters, and `about` — what output it concerns (`poster 1x1 · post/group`), when the note names one. */
export interface CodedNote extends CodedText {
  about?: string;
}

/** Reads a render note (as the builders above write it, with any `what: ` prefix) as a coded message; an unknown line becomes `note.other`. */
export function codedNote(note: string): CodedNote {
  for (const f of FORMS) {
    const m = f.re.exec(note);
    if (!m) continue;
    const params: MessageParams = {};
    f.names.forEach((n, i) => (params[n] = m[i + 2]!));
    return { code: f.code, params, message: note, ...(m[1] ? { about: m[1] } : {}) };
  }
  return { code: 'note.other', params: { note }, message: note };
}

/** A catalog text by code (the notes' own catalog; unknown codes give undefined). */
function say(code: string, params: MessageParams | undefined, lang: 'zh' | 'en'): string | undefined {
  const entry = (noteMessages as Catalog)[code];
  return entry ? fillTemplate(entry[lang === 'zh' ? 0 : 1], params) : undefined;
}

/** What output a note (or a progress line) concerns, in `lang`: `poster 1x1 · …` → `海报 1x1 · …`. */
export function aboutText(lang: 'zh' | 'en', about: string): string {
  return about.replace(/^(poster) (\S+)|^(video|cover|qr)\b/, (whole, _p: string, size: string | undefined, kind: string | undefined) =>
    size ? (say('note.poster', { size }, lang) ?? whole) : (say(`note.${kind}`, undefined, lang) ?? whole),
  );
}

/** A render note in `lang`: the output it concerns, then what happened, slot names translated; a line of no known form as written. */
export function noteText(lang: 'zh' | 'en', note: string): string {
  const c = codedNote(note);
  if (c.code === 'note.other') return note;
  const slot = c.params?.slot !== undefined ? (say(`slot.${c.params.slot}`, undefined, lang) ?? String(c.params.slot)) : undefined;
  const text = say(c.code, { ...c.params, ...(slot ? { slot } : {}) }, lang) ?? note;
  return c.about ? `${aboutText(lang, c.about)}${lang === 'zh' ? '：' : ': '}${text}` : text;
}
