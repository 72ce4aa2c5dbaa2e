import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { fileToBase64 } from '../../lib/files';

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

  const reset = () => {
    setFile(undefined);
    setMapping(undefined);
    setChecked(undefined);
    setError(undefined);
  };
  const run = async (dryRun: boolean, f = file, m = mapping) => {
    if (!f) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api('results.importData', { ...f, ...(m ? { mapping: m } : {}), dryRun });
      if (dryRun) setChecked(r);
      else {
        message.success(r.imported ? t('results.dialog.done', { n: r.imported }) : t('results.dialog.nothingNew'));
        reset();
        onImported();
      }
    } catch (err) {
      setChecked(undefined);
      setError(errorText(err, t));
    } finally {
      setBusy(false);
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
