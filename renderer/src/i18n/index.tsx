import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { editorMessages } from './messages/editors';
import { commonMessages } from './messages/common';
import { postMessages } from './messages/posts';
import { storeMessages } from './messages/stores';
import { templateMessages } from './messages/templates';
import { settingsMessages } from './messages/settings';
import { exportMessages } from './messages/export';
import { resultsMessages } from './messages/results';
import { publishMessages } from './messages/publish';
import { toolMessages } from './messages/tools';

/** Languages of the UI: Simplified Chinese (default) and English. */
export type Lang = 'zh' | 'en';

/** Every UI string, keyed; each entry is [Chinese, English]. */
const messages = {
  ...editorMessages,
  ...commonMessages,
  ...postMessages,
  ...storeMessages,
  ...templateMessages,
  ...settingsMessages,
  ...exportMessages,
  ...resultsMessages,
  ...publishMessages,
  ...toolMessages,
} as const;

/** A key of the dictionary. */
export type MsgKey = keyof typeof messages;

/** Parameters substituted into `{name}` placeholders. */
export type MsgParams = Record<string, string | number>;

/** Looks up `key` in `lang` and fills `{placeholders}`; unknown keys show the key itself. */
export function translate(lang: Lang, key: MsgKey, params?: MsgParams): string {
  const entry = messages[key] as readonly [string, string] | undefined;
  let text = entry ? entry[lang === 'zh' ? 0 : 1] : key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

/** The translate function as components use it. */
export type TFn = ((key: MsgKey, params?: MsgParams) => string) & { lang?: Lang };

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: TFn;
}

const I18nContext = createContext<I18nValue>({ lang: 'zh', setLang: () => {}, t: (k, p) => translate('zh', k, p) });

const STORAGE_KEY = 'shequn-lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Provides the current language (zh-CN unless the user switched) to the tree. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this session only */
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo(() => ({ lang, setLang, t: Object.assign((key: MsgKey, params?: MsgParams) => translate(lang, key, params), { lang }) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its setter and `t(key, params)`. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

/** Shorthand for `useI18n().t`. */
export function useT(): TFn {
  return useContext(I18nContext).t;
}
