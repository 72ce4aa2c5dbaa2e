import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BgColorsOutlined,
  CalendarOutlined,
  CloudDownloadOutlined,
  EditOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useI18n, type MsgKey } from '../i18n';
import '../tools.css';
import { IdentitySwitch } from './IdentitySwitch';
import { shell } from '../lib/shell';
import { emitIntent } from './intents';
import { useNav, type Route } from './nav';
import { Screen } from './Screen';
import { ShortcutSheet } from './ShortcutSheet';
import { noticeText } from '@shared';
import { useSession } from './session';

const { Sider, Header, Content } = Layout;

type NavKey = 'posts' | 'calendar' | 'results' | 'templates' | 'review' | 'stores' | 'groups' | 'brand' | 'export';

const NAV: { key: NavKey; label: MsgKey; icon: ReactNode }[] = [
  { key: 'posts', label: 'nav.posts', icon: <EditOutlined /> },
  { key: 'calendar', label: 'nav.calendar', icon: <CalendarOutlined /> },
  { key: 'results', label: 'nav.results', icon: <BarChartOutlined /> },
  { key: 'templates', label: 'nav.templates', icon: <AppstoreOutlined /> },
  { key: 'review', label: 'nav.review', icon: <AuditOutlined /> },
  { key: 'stores', label: 'nav.stores', icon: <ShopOutlined /> },
  { key: 'groups', label: 'nav.groups', icon: <TeamOutlined /> },
  { key: 'brand', label: 'nav.brand', icon: <BgColorsOutlined /> },
  { key: 'export', label: 'nav.export', icon: <CloudDownloadOutlined /> },
];

const NAV_SCREENS = NAV.map((n) => n.key);

/** The nav section a route belongs to. */
function section(route: Route): NavKey {
  switch (route.screen) {
    case 'post':
      return 'posts';
    case 'template':
      return 'templates';
    case 'reviewItem':
      return 'review';
    default:
      return route.screen;
  }
}

/** Left navigation, top bar (acting user, language) and the current screen. */
export function Shell() {
  useEffect(() => void performance.mark('sq:shell'), []);
  const { t, lang, setLang } = useI18n();
  const { route, go } = useNav();
  const { info, users, reviewCount } = useSession();
  // The desktop's File menu: import opens the store import dialog, export the export screen's folder picker.
  useEffect(
    () =>
      shell()?.onMenu?.((command) => {
        // Asked only once the screen is really shown (a leave guard may keep the user where they are).
        if (command === 'import-stores') void go({ screen: 'stores' }).then((went) => went && emitIntent('import-stores'));
        else if (command === 'export-folder') void go({ screen: 'export' }).then((went) => went && emitIntent('export-folder'));
      }),
    [go],
  );
  const items: MenuProps['items'] = NAV.map((n) => ({
    key: n.key,
    icon: n.icon,
    label:
      n.key === 'review' ? (
        <span className="nav-review">
          {t(n.label)}
          <Badge count={reviewCount} size="small" offset={[6, -2]} color="#c0392b" aria-label={`${reviewCount}`} />
        </span>
      ) : (
        t(n.label)
      ),
  }));
  return (
    <Layout className="shell">
      <Sider width={208} theme="light" className="shell-sider" breakpoint="lg" collapsedWidth={64}>
        <div className="shell-logo" aria-hidden="true">
          <span className="shell-logo-mark">群</span>
          <span className="shell-logo-text">{t('app.title')}</span>
        </div>
        <nav aria-label={t('app.mainNav')}>
          <Menu mode="inline" selectedKeys={[section(route)]} items={items} onClick={(e) => void go({ screen: e.key as NavKey })} />
        </nav>
      </Sider>
      <Layout>
        <Header className="shell-header">
          <Typography.Text type="secondary" ellipsis className="shell-ws" title={info?.dir}>
            {t('app.workspace')}: {info?.dir}
          </Typography.Text>
          <Space size="middle">
            <ShortcutSheet screens={NAV_SCREENS} go={go} />
            {users.length > 0 && <IdentitySwitch />}
            <Segmented
              size="small"
              aria-label={t('app.language')}
              value={lang}
              onChange={(v) => setLang(v as 'zh' | 'en')}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
          </Space>
        </Header>
        {info?.readOnly && <Alert type="warning" banner message={t('app.readOnly', { why: info.notices.map((n) => noticeText(lang, n)).join('; ') })} />}
        {!info?.readOnly && info && info.notices.length > 0 && <Alert type="info" banner closable message={info.notices.map((n) => noticeText(lang, n)).join(' · ')} />}
        <Content className="shell-content">
          {/* antd's Content is the page's one <main> landmark already. */}
          <div id="main">
            <Screen />
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
