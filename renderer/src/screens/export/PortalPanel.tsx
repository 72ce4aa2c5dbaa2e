import { PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Modal, Popover, QRCode, Space, Switch, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ReachAlert } from '../../components/ReachAlert';
import { useT } from '../../i18n';

type Link = MethodOutput<'portal.links'>[number];
type Share = MethodOutput<'share.status'>;

const inElectron = () => !!(window as unknown as { studio?: unknown }).studio;

/** The host and port store links should name: the Share server when on, else this web server. */
function linkTarget(share: Share | undefined): MethodInput<'portal.links'> {
  if (share?.on && share.url) return { host: new URL(share.url).hostname, port: share.port };
  if (!inElectron() && location.port) return { host: location.hostname, port: Number(location.port) };
  return {};
}

/** The staff portal: the Share switch, each store's address and QR code, and the printable sheet of all of them. */
export function PortalPanel() {
  const t = useT();
  const { message } = App.useApp();
  const share = useApi('share.status', {});
  const target = linkTarget(share.data);
  const links = useApi('portal.links', target, { skip: share.loading && !share.data });
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<string>();
  const frame = useRef<HTMLIFrameElement>(null);
  const setSharing = async (on: boolean, lan = share.data?.lan ?? false) => {
    setBusy(true);
    try {
      share.setData(await api('share.set', { on, lan }));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const openSheet = async () => {
    try {
      setSheet((await api('portal.sheet', target)).html);
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const reachable = share.data?.on || !inElectron();
  return (
    <Card
      size="small"
      title={t('portal.title')}
      className="form-card portal-panel"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => void openSheet()} data-testid="portal-sheet">
          {t('portal.sheet')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('portal.hint')}</Typography.Paragraph>
      {share.error && <ErrorNotice error={share.error} onRetry={share.reload} />}
      {share.data && (
        <div className="portal-share">
          <Space wrap>
            <Switch checked={share.data.on} loading={busy} onChange={(on) => void setSharing(on)} aria-label={t('portal.share')} data-testid="share-switch" />
            <span>{t('portal.share')}</span>
            <Checkbox checked={share.data.lan} disabled={busy} onChange={(e) => void setSharing(share.data!.on, e.target.checked)}>
              {t('portal.shareLan')}
            </Checkbox>
          </Space>
          <Typography.Paragraph className="portal-share-state" data-testid="share-state">
            {share.data.on && share.data.url ? t('portal.shareOn', { url: share.data.url }) : inElectron() ? t('portal.shareOff') : t('portal.onHere', { origin: location.origin })}
          </Typography.Paragraph>
          {share.data.lan && <Alert type="warning" showIcon message={t('portal.shareLanWarn')} className="portal-lan-warn" />}
          {!reachable && <Alert type="info" showIcon message={t('portal.needShare')} className="portal-lan-warn" />}
        </div>
      )}
      {links.error && <ErrorNotice error={links.error} onRetry={links.reload} />}
      {links.data?.some((l) => l.url.endsWith('/index.html')) && <Alert type="success" showIcon message={t('links.published')} className="portal-lan-warn" />}
      {links.data && <ReachAlert urls={links.data.map((l) => l.url)} />}
      <Table<Link>
        size="small"
        rowKey="store"
        loading={links.loading && !links.data}
        dataSource={links.data}
        pagination={{ pageSize: 6, hideOnSinglePage: true }}
        columns={[
          { title: t('export.col.store'), dataIndex: 'storeName' },
          {
            title: t('portal.links'),
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text copyable className="portal-url">
                {url}
              </Typography.Text>
            ),
          },
          {
            title: t('portal.qr'),
            key: 'qr',
            width: 60,
            render: (_: unknown, l) => (
              <Popover content={<QRCode value={l.url} size={160} bordered={false} />} trigger="click">
                <Button type="text" icon={<QrcodeOutlined />} aria-label={`${t('portal.qr')} · ${l.storeName}`} />
              </Popover>
            ),
          },
        ]}
      />
      <Modal
        open={sheet !== undefined}
        width={900}
        title={t('portal.sheetTitle')}
        onCancel={() => setSheet(undefined)}
        okText={t('common.print')}
        cancelText={t('common.close')}
        onOk={() => frame.current?.contentWindow?.print()}
      >
        <iframe ref={frame} title={t('portal.sheetTitle')} className="qr-sheet-frame" srcDoc={sheet} sandbox="allow-same-origin allow-modals" data-testid="qr-sheet" />
      </Modal>
    </Card>
  );
}
