import { CloudUploadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Popover, QRCode, Space, Table, Typography } from 'antd';
import type { MethodOutput } from '@contract';
import { useApi } from '../../../app/useApi';
import { ReachAlert } from '../../../components/ReachAlert';
import { useT } from '../../../i18n';

type Link = MethodOutput<'portal.links'>[number];

/**
 * The export summary's store links: the published pages when a publish target is set (with
 * "publish now"), else the studio's portal links — with a plain warning when they only open on
 * this computer or the LAN.
 */
export function ExportLinks({ stores, onPublish }: { stores: readonly string[]; onPublish(): void }) {
  const t = useT();
  const settings = useApi('publish.settings', {});
  const links = useApi('portal.links', {}, { skip: !settings.data });
  const shown = (links.data ?? []).filter((l) => stores.includes(l.store));
  const target = !!settings.data?.target;
  return (
    <section data-testid="export-links">
      <Typography.Title level={3} className="subsection-title">
        {t('links.exportTitle')}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        {target && (
          <Space wrap>
            <Typography.Text type="secondary">{t('links.afterPublish')}</Typography.Text>
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={onPublish} data-testid="export-publish-now">
              {t('links.publishNow')}
            </Button>
          </Space>
        )}
        <ReachAlert urls={shown.map((l) => l.url)} />
        <Table<Link>
          size="small"
          rowKey="store"
          dataSource={shown}
          loading={links.loading && !links.data}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          columns={[
            { title: t('export.col.store'), dataIndex: 'storeName' },
            { title: t('portal.links'), dataIndex: 'url', render: (url: string) => <Typography.Text copyable className="publish-url">{url}</Typography.Text> },
            {
              title: t('portal.qr'),
              key: 'qr',
              width: 60,
              render: (_: unknown, l) => (
                <Popover title={l.storeName} content={<QRCode value={l.url} size={160} bordered={false} aria-label={`${t('portal.qr')} · ${l.storeName}: ${l.url}`} />} trigger="click">
                  <Button type="text" icon={<QrcodeOutlined />} aria-label={`${t('portal.qr')} · ${l.storeName}`} />
                </Popover>
              ),
            },
          ]}
        />
      </Space>
    </section>
  );
}
