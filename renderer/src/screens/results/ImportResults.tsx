import { InboxOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Modal, Progress, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api, StudioError } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { fileToBase64 } from '../../lib/files';
import { followJob } from '../../lib/jobs';

type Imported = MethodOutput<'results.importData'>;

/** Import an order or click export: check first (nothing saved), then import what was checked. */
export function ImportResults({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; base64: string }>();
  const [mapping, setMapping] = useState<Record<string, unknown>>();
  const [checked, setChecked] = useState<Imported>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // The check and the import run as jobs: a large file shows how far it is and can be stopped (nothing saved).
  const [progress, setProgress] = useState<{ done: number; total: number; dryRun: boolean }>();
  const [stopped, setStopped] = useState(false);
  const jobId = useRef<string | undefined>(undefined);
  /** Counts runs: a run that is no longer the latest (replaced, or the dialog closed) changes nothing on screen. */
  const runs = useRef(0);
  /** Drops the running job without a word (a new file picked, the dialog closed). */
  const dropJob = () => {
    runs.current++;
    const id = jobId.current;
    jobId.current = undefined;
    if (id) void api('jobs.cancel', { id }).catch(() => undefined);
  };
  /** The 停止 button: the job ends as cancelled (at once when it starts, if the file is still on its way), and the dialog says nothing was saved. */
  const stopAsked = useRef(false);
  const stop = () => {
    stopAsked.current = true;
    if (jobId.current) void api('jobs.cancel', { id: jobId.current }).catch(() => undefined);
  };
  useEffect(() => dropJob, []);

  const reset = () => {
    dropJob();
    setFile(undefined);
    setMapping(undefined);
    setChecked(undefined);
    setError(undefined);
    setProgress(undefined);
    setStopped(false);
    setBusy(false);
  };
  const run = async (dryRun: boolean, f = file, m = mapping) => {
    if (!f) return;
    dropJob(); // a new check replaces one still running
    const mine = runs.current;
    const current = () => runs.current === mine;
    stopAsked.current = false;
    setStopped(false);
    setBusy(true);
    setError(undefined);
    setProgress({ done: 0, total: 0, dryRun });
    try {
      const { job } = await api('results.startImport', { ...f, ...(m ? { mapping: m } : {}), dryRun });
      if (!current()) return void api('jobs.cancel', { id: job }).catch(() => undefined);
      jobId.current = job;
      if (stopAsked.current) await api('jobs.cancel', { id: job }).catch(() => undefined);
      const j = await followJob(job, { current, onProgress: (p) => setProgress({ done: p.done, total: p.total, dryRun }), everyMs: 300 });
      if (!j) return;
      jobId.current = undefined;
      if (j.state === 'cancelled') {
        setChecked(undefined);
        setStopped(true);
        return;
      }
      if (j.state === 'failed') throw new StudioError(j.error?.code ?? 'internal', j.error?.message ?? '', j.error?.field);
      if (j.kind !== 'resultsImport' || !j.result) throw new StudioError('internal', `unexpected job ${j.kind}`);
      const r = j.result;
      if (dryRun) setChecked(r);
      else {
        message.success(r.imported ? t('results.dialog.done', { n: r.imported }) : t('results.dialog.nothingNew'));
        reset();
        onImported();
      }
    } catch (err) {
      if (!current()) return;
      setChecked(undefined);
      setError(errorText(err, t));
    } finally {
      if (current()) {
        jobId.current = undefined;
        setBusy(false);
        setProgress(undefined);
      }
    }
  };
  const pick = async (f: File) => {
    const next = { name: f.name, base64: await fileToBase64(f) };
    setFile(next);
    void run(true, next);
    return false;
  };
  const pickMapping = async (f: File) => {
    try {
      const m = JSON.parse(await f.text()) as Record<string, unknown>;
      setMapping(m);
      void run(true, file, m);
    } catch (err) {
      setError(`${f.name}: ${(err as Error).message}`);
    }
    return false;
  };
  return (
    <Modal
      open={open}
      title={t('results.dialog.title')}
      onCancel={() => (reset(), onClose())}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => (reset(), onClose())}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!checked || !checked.imported} loading={busy} onClick={() => void run(false)} data-testid="results-import-confirm">
            {t('results.dialog.confirm', { n: checked?.imported ?? 0 })}
          </Button>
        </Space>
      }
    >
      {progress && (
        <div className="results-import-progress" data-testid="results-import-progress" style={{ marginBottom: 12 }}>
          <Typography.Text>{t(progress.dryRun ? 'results.dialog.checking' : 'results.dialog.importing', { file: file?.name ?? '' })}</Typography.Text>
          <Space style={{ width: '100%' }} align="center">
            <Progress style={{ width: 520 }} percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0} status="active" aria-label={t(progress.dryRun ? 'results.dialog.checking' : 'results.dialog.importing', { file: file?.name ?? '' })} />
            <Button danger icon={<StopOutlined />} onClick={stop} data-testid="results-import-stop">
              {t('results.dialog.stop')}
            </Button>
          </Space>
        </div>
      )}
      {stopped && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('results.dialog.stopped')} data-testid="results-import-stopped" />}
      <Upload.Dragger accept=".csv,.txt,.xlsx" showUploadList={false} beforeUpload={pick} data-testid="results-import-file">
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? file.name : t('results.dialog.pick')}</p>
      </Upload.Dragger>
      {error && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert type="error" showIcon message={error} />
          <Upload accept=".json" showUploadList={false} beforeUpload={pickMapping}>
            <Button>{t('results.dialog.mapping')}</Button>
          </Upload>
        </Space>
      )}
      {checked && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={checked.imported ? 'info' : 'warning'}
            showIcon
            message={t('results.dialog.summary', { file: checked.file, rows: checked.rows, imported: checked.imported, duplicates: checked.duplicates, refunds: checked.refunds, unattributed: checked.unattributed })}
            data-testid="results-import-summary"
          />
          {checked.unattributedRows.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>{t('results.dialog.unattributedList')}</Typography.Text>}
              dataSource={checked.unattributedRows.slice(0, 20)}
              renderItem={(u) => (
                <List.Item>
                  <Typography.Text type="secondary">#{u.row}</Typography.Text>&nbsp;{u.cells}
                </List.Item>
              )}
            />
          )}
          {checked.warnings.slice(0, 10).map((w) => (
            <Alert key={`${w.row}-${w.message}`} type="warning" style={{ marginTop: 6 }} message={`#${w.row} ${w.column}: ${w.message}`} />
          ))}
        </div>
      )}
    </Modal>
  );
}
