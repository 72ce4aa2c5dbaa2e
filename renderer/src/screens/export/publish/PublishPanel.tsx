import { CloudUploadOutlined, QrcodeOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Popover, Progress, QRCode, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../../client';
import { errorText, useApi } from '../../../app/useApi';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { ReachAlert } from '../../../components/ReachAlert';
import { useT } from '../../../i18n';
import { duration } from '../format';
import { TargetForm } from './TargetForm';

type Job = MethodOutput<'jobs.get'>;
type Row = MethodOutput<'publish.status'>['stores'][number];

const inElectron = () => !!(window as unknown as { studio?: unknown }).studio;
const when = (iso?: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
/** A URL as people read it (Chinese path parts decoded); the copy and the QR keep the exact URL. */
const readable = (url: string) => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};

/** Skipped stores grouped by their reason: one line per reason, not one per store. */
function skippedByReason(stores: readonly { status: string; storeName: string; reason?: string }[]): [string, string[]][] {
  const by = new Map<string, string[]>();
  for (const s of stores) if (s.status === 'skipped') by.set(s.reason ?? '', [...(by.get(s.reason ?? '') ?? []), s.storeName]);
  return [...by.entries()];
}

/**
 * 发布: the step after export. The target (set once), a publish run with progress and cancel,
 * then per store: when its page was published, its link and QR code, whether it opened the newest
 * pack; re-publish and unpublish. `request` changing starts a publish (the export summary's button).
 */
export function PublishPanel({ request = 0, onChanged }: { request?: number; onChanged?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const settings = useApi('publish.settings', {});
  const status = useApi('publish.status', {});
  const [editing, setEditing] = useState(false);
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const live = useRef(true);
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => () => void (live.current = false), []);

  const poll = async (id: string) => {
    try {
      const j = await api('jobs.get', { id });
      if (!live.current) return;
      setJob(j);
      if (j.state === 'running') setTimeout(() => void poll(id), 400);
      else {
        setCancelling(false);
        void status.reload();
        onChanged?.();
      }
    } catch (err) {
      if (live.current) setError(err);
    }
  };
  const start = async () => {
    setError(undefined);
    setJob(undefined);
    try {
      const { job: id } = await api('publish.start', {});
      void poll(id);
    } catch (err) {
      setError(err);
    }
  };
  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    await api('jobs.cancel', { id: job.id }).catch(() => undefined);
  };
  const unpublish = async (stores?: string[]) => {
    setBusy(true);
    try {
      const r = await api('publish.unpublish', stores ? { stores } : {});
      message.success(t('publish.unpublished', { n: r.stores.length, del: r.deleted }));
      await status.reload();
      onChanged?.();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!request || !settings.data?.target) return;
    card.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, settings.data?.target]);

  const s = settings.data;
  const rows = status.data?.stores ?? [];
  const running = job?.state === 'running';
  const published = rows.filter((r) => r.url);
  // Stores with a pack that have not opened it (on a published page or the portal).
  const packed = rows.filter((r) => r.packed);
  const notOpened = packed.filter((r) => !r.openedNewest);
  const result = job?.state === 'done' && job.kind === 'publish' ? job.result : undefined;
  const keys = s ? (s.credentials.source === 'keychain' ? (s.credentials.present ? 'publish.keys.keychain' : 'publish.keys.keychainMissing') : s.credentials.present ? 'publish.keys.env' : 'publish.keys.envMissing') : undefined;

  return (
    <div ref={card}>
      <Card size="small" title={t('publish.title')} className="form-card publish-panel" data-testid="publish-panel" extra={s?.target && <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="publish-settings">{t('publish.edit')}</Button>}>
        <Typography.Paragraph type="secondary">{t('publish.hint')}</Typography.Paragraph>
        {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
        {s?.notice && <Alert type="warning" showIcon message={s.notice} className="reach-alert" />}
        {s && !s.target && (
          <Space direction="vertical">
            <Typography.Text>{t('publish.noTarget')}</Typography.Text>
            <Button type="primary" icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="publish-setup">
              {t('publish.setup')}
            </Button>
          </Space>
        )}
        {s?.target && (
          <>
            <Descriptions size="small" column={1} className="publish-target" data-testid="publish-target">
              <Descriptions.Item label={t('publish.target')}>
                <Typography.Text code>{s.target.to}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('publish.publicBase')}>{s.publicBase ? readable(s.publicBase) : ''}</Descriptions.Item>
              <Descriptions.Item label={t('publish.keys')}>
                <Typography.Text type={s.credentials.present ? undefined : 'warning'}>{keys ? t(keys) : ''}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            {running ? (
              <div data-testid="publish-running">
                <Typography.Text>{t('publish.running')}</Typography.Text>
                <Progress percent={job.progress.total ? Math.floor((job.progress.done / job.progress.total) * 100) : 0} status="active" aria-label={t('publish.running')} />
                <Space wrap>
                  <Typography.Text>{t('export.progress', { done: job.progress.done, total: job.progress.total || '…' })}</Typography.Text>
                  {job.progress.etaSeconds !== undefined && <Typography.Text type="secondary">{t('export.eta', { t: duration(job.progress.etaSeconds, t) })}</Typography.Text>}
                  {job.progress.current && <Typography.Text type="secondary">{t('export.current', { item: job.progress.current })}</Typography.Text>}
                </Space>
                <div className="export-cancel">
                  <Button danger icon={<StopOutlined />} onClick={() => void cancel()} loading={cancelling} data-testid="publish-cancel">
                    {t('publish.cancel')}
                  </Button>
                </div>
              </div>
            ) : (
              <Space className="publish-actions" wrap>
                <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void start()} data-testid="publish-start">
                  {published.length ? t('publish.again') : t('publish.start')}
                </Button>
                {published.length > 0 && (
                  <Popconfirm title={t('publish.unpublishAllConfirm')} onConfirm={() => void unpublish()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button danger loading={busy} data-testid="publish-unpublish-all">
                      {t('publish.unpublishAll')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
            {error !== undefined && <Alert type="error" showIcon message={t('publish.failed', { msg: errorText(error, t) })} className="reach-alert" />}
            {job?.state === 'failed' && <Alert type="error" showIcon message={t('publish.failed', { msg: job.error?.message ?? '' })} className="reach-alert" data-testid="publish-failed" />}
            {job?.state === 'cancelled' && <Alert type="info" showIcon message={t('publish.cancelled')} className="reach-alert" />}
            {result && (
              <Alert
                type="success"
                showIcon
                className="reach-alert"
                data-testid="publish-done"
                message={t('publish.done', { up: result.uploaded, same: result.skipped, del: result.deleted, s: result.seconds.toFixed(1) })}
                description={
                  skippedByReason(result.stores).length || result.notes.length ? (
                    <ul className="export-notes-list">
                      {skippedByReason(result.stores).map(([reason, names]) => (
                        <li key={reason}>{t('publish.skipped', { store: names.join('、'), reason })}</li>
                      ))}
                      {result.notes.map((n, i) => <li key={i}>{n}</li>)}
                    </ul>
                  ) : undefined
                }
              />
            )}
            <ReachAlert urls={published.map((r) => r.url!)} />
          </>
        )}
        {packed.length > 0 && (
          <Alert
            type={notOpened.length ? 'info' : 'success'}
            showIcon
            className="publish-not-opened"
            data-testid="publish-not-opened"
            message={notOpened.length ? t('publish.notOpenedList', { n: notOpened.length, names: notOpened.map((r) => r.storeName).join('、') }) : t('publish.allOpened')}
          />
        )}
        {status.error && <ErrorNotice error={status.error} onRetry={status.reload} />}
        {s?.target && (
          <Table<Row>
            size="small"
            rowKey="store"
            loading={status.loading && !status.data}
            dataSource={rows}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            data-testid="publish-table"
            columns={[
              { title: t('publish.col.store'), dataIndex: 'storeName' },
              {
                title: t('publish.col.publishedAt'),
                dataIndex: 'publishedAt',
                width: 150,
                render: (_: unknown, r) =>
                  r.url ? (
                    <Space direction="vertical" size={0}>
                      <span>{when(r.publishedAt)}</span>
                      {r.current === false && <Tag color="orange">{t('publish.outdated')}</Tag>}
                      {r.live === false && <Tag color="default">{t('publish.withdrawn')}</Tag>}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('publish.notPublished')}</Typography.Text>
                  ),
              },
              {
                title: t('publish.col.link'),
                dataIndex: 'url',
                render: (url?: string) =>
                  url ? (
                    <Typography.Text copyable={{ text: url }} className="publish-url">
                      {readable(url)}
                    </Typography.Text>
                  ) : null,
              },
              {
                title: t('publish.col.qr'),
                key: 'qr',
                width: 60,
                render: (_: unknown, r) =>
                  r.url ? (
                    <Popover title={r.storeName} content={<QRCode value={r.url} size={180} bordered={false} aria-label={`${t('publish.col.qr')} · ${r.storeName}: ${r.url}`} />} trigger="click">
                      <Button type="text" icon={<QrcodeOutlined />} aria-label={`${t('publish.col.qr')} · ${r.storeName}`} />
                    </Popover>
                  ) : null,
              },
              {
                title: t('publish.col.opened'),
                key: 'opened',
                width: 150,
                render: (_: unknown, r) =>
                  r.url || r.lastOpened ? (
                    <Space direction="vertical" size={0}>
                      <Tag color={r.openedNewest ? 'green' : 'default'}>{r.openedNewest ? t('publish.opened') : t('publish.notOpened')}</Tag>
                      {r.lastOpened && <Typography.Text type="secondary">{t('publish.lastOpened', { t: when(r.lastOpened) })}</Typography.Text>}
                    </Space>
                  ) : null,
              },
              { title: t('publish.col.activity'), key: 'activity', width: 130, render: (_: unknown, r) => `${r.opens} / ${r.downloads} / ${r.copies}` },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_: unknown, r) =>
                  r.url ? (
                    <Popconfirm title={t('publish.unpublishConfirm')} onConfirm={() => void unpublish([r.store])} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                      <Button size="small" danger type="link" disabled={running || busy}>
                        {t('publish.unpublish')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <TargetForm
        open={editing}
        settings={s}
        desktop={inElectron()}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          settings.setData(next);
          setEditing(false);
          void status.reload();
          onChanged?.();
        }}
      />
    </div>
  );
}
