import { DownloadOutlined, FolderOpenOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Collapse, Progress, Result, Row, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract';
import { api, packZip, webMode } from '../../client';
import { errorText } from '../../app/useApi';
import { shell } from '../../lib/shell';
import { useI18n, useT, type MsgKey } from '../../i18n';
import { progressText, useSayNote } from '../../i18n/engine';
import { duration } from './format';
import { RefusedList } from './RefusedList';
import { ExportLinks } from './publish/ExportLinks';

type Selection = MethodInput<'export.start'>;
type Job = MethodOutput<'jobs.get'>;
type ExportResult = MethodOutput<'export.run'>;

/** An output of a variant as staff call it ("poster-9x16" → 海报 9:16). */
function outputName(o: string, t: ReturnType<typeof useT>): string {
  const m = /^poster-(\d+)x(\d+)$/.exec(o);
  if (m) return t('export.output.poster', { size: `${m[1]}:${m[2]}` });
  return ['video', 'cover', 'qr', 'caption'].includes(o) ? t(`export.output.${o}` as MsgKey) : o;
}

/** Runs an export job: progress with ETA and cancel, then the summary (rendered / reused / failed with reasons). */
export function ExportRun({ selection, storeName, onDone, onPublish }: { selection: Selection; storeName(id: string): string; onDone(): void; onPublish?: () => void }) {
  const t = useT();
  const { lang } = useI18n();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [cancelling, setCancelling] = useState(false);
  const jobId = useRef<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      if (!live || !jobId.current) return;
      try {
        const j = await api('jobs.get', { id: jobId.current });
        if (!live) return;
        setJob(j);
        if (j.state === 'running') timer = setTimeout(poll, 400);
      } catch (err) {
        if (live) setError(err);
      }
    };
    api('export.start', selection)
      .then(({ job: id }) => {
        jobId.current = id;
        void poll();
      })
      .catch((err) => live && setError(err));
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [selection]);
  const cancel = async () => {
    if (!jobId.current) return;
    setCancelling(true);
    await api('jobs.cancel', { id: jobId.current }).catch(() => undefined);
  };

  if (error !== undefined)
    return <Result status="error" title={t('export.failed', { msg: errorText(error, t) })} extra={<Button onClick={onDone}>{t('export.again')}</Button>} />;
  if (!job || job.state === 'running') {
    const progress = job?.progress ?? { done: 0, total: 0 };
    const { done, total, etaSeconds, current } = progress;
    const percent = total ? Math.floor((done / total) * 100) : 0;
    return (
      <Card className="form-card export-running" data-testid="export-running">
        <Typography.Title level={3} className="subsection-title">
          {t('export.running')}
        </Typography.Title>
        <Progress percent={percent} status="active" aria-label={t('export.running')} />
        <Space size="large" wrap>
          <Typography.Text>{t('export.progress', { done, total: total || '…' })}</Typography.Text>
          {etaSeconds !== undefined && total > 0 && <Typography.Text type="secondary" data-testid="export-eta">{t('export.eta', { t: duration(etaSeconds, t) })}</Typography.Text>}
          {current && <Typography.Text type="secondary" data-testid="export-current">{t('export.current', { item: progressText(lang, progress) })}</Typography.Text>}
        </Space>
        <div className="export-cancel">
          <Button danger icon={<StopOutlined />} onClick={cancel} loading={cancelling} data-testid="export-cancel">
            {t('export.cancel')}
          </Button>
        </div>
      </Card>
    );
  }
  if (job.state === 'cancelled') return <Result status="info" title={t('export.cancelled')} extra={<Button onClick={onDone}>{t('export.again')}</Button>} />;
  if (job.state === 'failed')
    return <Result status="error" title={t('export.failed', { msg: job.error?.message ?? '' })} extra={<Button onClick={onDone}>{t('export.again')}</Button>} />;
  if (job.kind !== 'export' || !job.result) return <Result status="error" title={t('export.failed', { msg: job.kind })} extra={<Button onClick={onDone}>{t('export.again')}</Button>} />;
  return <Summary result={job.result} storeName={storeName} onDone={onDone} onPublish={onPublish} />;
}

function Summary({ result, storeName, onDone, onPublish }: { result: ExportResult; storeName(id: string): string; onDone(): void; onPublish?: () => void }) {
  const t = useT();
  const sayNote = useSayNote();
  const { message } = App.useApp();
  const open = shell()?.showPacks;
  const [fetching, setFetching] = useState<string>();
  // Web mode: each pack comes to the browser as a zip the server serves (no folder to open here).
  const download = async (store: string) => {
    setFetching(store);
    try {
      const { name, blob } = await packZip(store);
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement('a'), { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setFetching(undefined);
    }
  };
  return (
    <Card className="form-card" data-testid="export-summary">
      <Result status={result.counts.failed ? 'warning' : 'success'} title={t('export.done', { s: result.seconds.toFixed(1) })} className="export-result" />
      <Row gutter={16} className="export-summary">
        <Col span={8}>
          <Statistic title={t('export.rendered')} value={result.counts.rendered} />
        </Col>
        <Col span={8}>
          <Statistic title={t('export.reused')} value={result.counts.reused} />
        </Col>
        <Col span={8}>
          <Statistic title={t('export.failedCount')} value={result.counts.failed} valueStyle={result.counts.failed ? { color: '#b42318' } : undefined} />
        </Col>
      </Row>
      <div className="export-folder">
        <Typography.Text type="secondary">{t('export.folder')}: </Typography.Text>
        <Typography.Text copyable data-testid="export-out">
          {result.out}
        </Typography.Text>
        {open ? (
          <Button icon={<FolderOpenOutlined />} onClick={() => void open(result.out)}>
            {t('export.openFolder')}
          </Button>
        ) : (
          <Typography.Paragraph type="secondary">{t('export.folderWeb')}</Typography.Paragraph>
        )}
      </div>
      {result.refused.length > 0 && (
        <>
          <Typography.Title level={3} className="subsection-title">
            {t('export.refused')}
          </Typography.Title>
          <RefusedList refused={result.refused} testId="export-refused" />
        </>
      )}
      {result.withdrawn.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="export-withdrawn"
          data-testid="export-withdrawn"
          message={t('export.withdrawn', { n: result.withdrawn.length })}
          description={result.withdrawn.map((w) => `${storeName(w.store)}：${[...new Set(w.entries.map((e) => result.refused.find((r) => r.post === e.post)?.title ?? e.post))].join('、')}`).join('；')}
        />
      )}
      {result.failures.length > 0 && (
        <TitledTable
          title={t('export.failures')}
          rowKey="key"
          rows={result.failures}
          columns={[
            { title: t('export.col.store'), dataIndex: 'store', render: (s: string) => storeName(s) },
            { title: t('export.col.output'), dataIndex: 'output', render: (o: string) => outputName(o, t) },
            {
              title: t('export.col.reason'),
              dataIndex: 'reason',
              // A Chinese line first; the engine's own words (often technical) beside it.
              render: (r: string) => (
                <>
                  <Typography.Text>{t('export.failLead')}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" className="export-fail-detail">
                    {r}
                  </Typography.Text>
                </>
              ),
            },
          ]}
        />
      )}
      {result.notes.length > 0 && (
        <Collapse
          size="small"
          className="export-notes"
          items={[{ key: 'notes', label: `${t('export.notes')} (${result.notes.length})`, children: <ul className="export-notes-list" data-testid="export-notes">{result.notes.map((n, i) => <li key={i}>{sayNote(n)}</li>)}</ul> }]}
        />
      )}
      <TitledTable
        title={t('export.packs')}
        rowKey="store"
        rows={result.packs}
        columns={[
          { title: t('export.col.store'), dataIndex: 'store', render: (s: string) => storeName(s) },
          { title: t('export.col.output'), dataIndex: 'folder', render: (f: string, p) => p.zip ?? f },
          {
            title: t('export.col.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <Tag color={s === 'failed' ? 'red' : s === 'written' ? 'green' : 'default'}>{t(`export.packStatus.${s}` as MsgKey)}</Tag>,
          },
          ...(webMode()
            ? [
                {
                  title: t('exportTools.download'),
                  key: 'download',
                  width: 120,
                  render: (_: unknown, p: ExportResult['packs'][number]) =>
                    p.status === 'failed' ? null : (
                      <Button size="small" icon={<DownloadOutlined />} loading={fetching === p.store} onClick={() => void download(p.store)} aria-label={`${t('exportTools.zip')} · ${storeName(p.store)}`} data-testid={`pack-download-${p.store}`}>
                        {t('exportTools.zip')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {onPublish && <ExportLinks stores={result.packs.filter((p) => p.status !== 'failed').map((p) => p.store)} onPublish={onPublish} />}
      <Button type="primary" onClick={onDone}>
        {t('export.again')}
      </Button>
    </Card>
  );
}

/** A titled, paged table of the summary (failures, packs). */
function TitledTable<T extends object>({ title, rowKey, rows, columns }: { title: string; rowKey: keyof T & string; rows: T[]; columns: TableProps<T>['columns'] }) {
  return (
    <>
      <Typography.Title level={3} className="subsection-title">
        {title}
      </Typography.Title>
      <Table<T> size="small" rowKey={rowKey} dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }} columns={columns} />
    </>
  );
}
