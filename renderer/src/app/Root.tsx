import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
// antd's prebuilt component CSS: with zeroRuntime no styles are generated in the page at start-up.
import 'antd/dist/antd.css';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../client';
import { I18nProvider, useI18n } from '../i18n';
import { NavProvider } from './nav';
import { SessionProvider } from './session';
import { Shell } from './Shell';
import { studioTheme } from './theme';
import { errorText } from './useApi';

/** The whole studio: language, antd locale and theme, then the workspace. */
export function Root() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}

function Themed() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={studioTheme}>
      <AntApp>
        <Boot />
      </AntApp>
    </ConfigProvider>
  );
}

type Boot = { info: MethodOutput<'workspace.info'>; users: MethodOutput<'users.list'> };

const loadBoot = (): Promise<Boot> => Promise.all([api('workspace.info', {}), api('users.list', {})]).then(([info, users]) => ({ info, users }));
// Started when the module loads, so it runs while React renders the shell.
let firstBoot: Promise<Boot> | undefined = loadBoot();

function Boot() {
  const { t } = useI18n();
  const [boot, setBoot] = useState<Boot>();
  const [error, setError] = useState<unknown>();
  const load = () => {
    setError(undefined);
    const pending = firstBoot ?? loadBoot();
    firstBoot = undefined;
    pending.then(setBoot).catch(setError);
  };
  useEffect(load, []);
  if (error)
    return (
      <main className="boot">
        <Result status="warning" title={t('app.title')} subTitle={t('app.loadFailed', { msg: errorText(error, t) })} extra={<Button type="primary" onClick={load}>{t('common.retry')}</Button>} />
      </main>
    );
  // The shell renders at once (the first screen loads its own data in parallel); session data fills in.
  return (
    <SessionProvider info={boot?.info} users={boot?.users ?? []}>
      <NavProvider>
        <Shell />
      </NavProvider>
    </SessionProvider>
  );
}
