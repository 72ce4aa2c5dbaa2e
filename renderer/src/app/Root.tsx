import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/api/contract';
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

function Boot() {
  const { t } = useI18n();
  const [boot, setBoot] = useState<Boot>();
  const [error, setError] = useState<unknown>();
  const load = () => {
    setError(undefined);
    Promise.all([api('workspace.info', {}), api('users.list', {})])
      .then(([info, users]) => setBoot({ info, users }))
      .catch(setError);
  };
  useEffect(load, []);
  if (error)
    return (
      <main className="boot">
        <Result status="warning" title={t('app.title')} subTitle={t('app.loadFailed', { msg: errorText(error, t) })} extra={<Button type="primary" onClick={load}>{t('common.retry')}</Button>} />
      </main>
    );
  if (!boot)
    return (
      <main className="boot" aria-busy="true">
        <Spin size="large" />
        <p>{t('app.loading')}</p>
      </main>
    );
  return (
    <SessionProvider info={boot.info} users={boot.users}>
      <NavProvider>
        <Shell />
      </NavProvider>
    </SessionProvider>
  );
}
