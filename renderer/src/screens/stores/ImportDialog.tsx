import { FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Result, Space, Spin, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MsgKey } from '../../i18n';
import { fileToBase64 } from '../../lib/files';
import { shell } from '../../lib/shell';
import { useSay } from '../../i18n/engine';
import { ImportColumns } from './ImportColumns';

type ImportResult = MethodOutput<'stores.importData'>;
type Issue = ImportResult['errors'][number];
type PreviewRow = ImportResult['preview'][number];

const MAX_BYTES = 20 * 1024 * 1024;

/** Where the table comes from: uploaded bytes (drop or browser picker), or a file the desktop's native picker granted (avatars next to it are found). */
type Source = { kind: 'data'; name: string; base64: string } | { kind: 'grant'; grant: string; name: string; sha256?: string };
type Step = { kind: 'pick' } | { kind: 'checking'; name: string } | { kind: 'checked'; source: Source; result: ImportResult } | { kind: 'done'; result: ImportResult };

// A picked file is imported only as it was when checked (its sha256 from the dry run): if it changed since, the import is refused.
const run = (source: Source, flags: { dryRun?: boolean; skipInvalid?: boolean }): Promise<ImportResult> =>
  source.kind === 'grant'
    ? api('stores.import', { grant: source.grant, ...flags, ...(source.sha256 && !flags.dryRun ? { sha256: source.sha256 } : {}) })
    : api('stores.importData', { name: source.name, base64: source.base64, ...flags });

/**
 * CSV/XLSX import in two steps: a dry run shows what would change and every bad row
 * (row, column, reason) BEFORE anything is saved; only "Import" writes.
 */
export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const desktop = shell();
  const checkSource = async (name: string, source: () => Promise<Source>) => {
    setError(undefined);
    setStep({ kind: 'checking', name });
    try {
      const src = await source();
      const result = await run(src, { dryRun: true });
      setStep({ kind: 'checked', source: src.kind === 'grant' ? { ...src, sha256: result.sha256 } : src, result });
    } catch (err) {
      setError(err);
      setStep({ kind: 'pick' });
    }
  };
  const check = (file: File) => {
    if (file.size > MAX_BYTES) return setError(new Error(t('import.tooBig')));
    void checkSource(file.name, async () => ({ kind: 'data', name: file.name, base64: await fileToBase64(file) }));
  };
  const pickNative = async () => {
    const picked = await desktop?.pickImportFile();
    if (picked) void checkSource(picked.name, async () => ({ kind: 'grant', grant: picked.grant, name: picked.name }));
  };
  const commit = async (skipInvalid: boolean) => {
    if (step.kind !== 'checked') return;
    setSaving(true);
    setError(undefined);
    try {
      const result = await run(step.source, { skipInvalid });
      setStep({ kind: 'done', result });
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const current = step.kind === 'pick' || step.kind === 'checking' ? 0 : step.kind === 'checked' ? 1 : 2;
  const checked = step.kind === 'checked' ? step.result : undefined;
  const bad = checked?.errors.length ?? 0;
  const good = checked ? checked.preview.length : 0;
  const footer =
    step.kind === 'checked' ? (
      <Space>
        <Button onClick={() => setStep({ kind: 'pick' })}>{t('import.again')}</Button>
        {bad > 0 && good > 0 && (
          <Button onClick={() => commit(true)} loading={saving}>
            {t('import.confirmSkip')}
          </Button>
        )}
        <Button type="primary" disabled={bad > 0 || good === 0} loading={saving} onClick={() => commit(false)} data-testid="import-confirm">
          {t('import.confirm')}
        </Button>
      </Space>
    ) : (
      <Button onClick={onClose}>{t('common.close')}</Button>
    );

  return (
    <Modal open width={860} title={t('import.title')} onCancel={onClose} footer={footer} destroyOnHidden>
      <Steps size="small" current={current} items={[{ title: t('import.step.file') }, { title: t('import.step.check') }, { title: t('import.step.done') }]} className="import-steps" />
      {error !== undefined && <ErrorNotice error={error} />}
      {step.kind === 'pick' && (
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
          data-testid="import-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
      )}
      {step.kind === 'pick' && desktop && (
        <div className="import-native">
          <Button icon={<FolderOpenOutlined />} onClick={() => void pickNative()} data-testid="import-pick-file">
            {t('import.pickFile')}
          </Button>
          <Typography.Text type="secondary">{t('import.pickFileHint')}</Typography.Text>
        </div>
      )}
      {step.kind === 'pick' && <ImportColumns />}
      {step.kind === 'checking' && (
        <div className="import-checking">
          <Spin /> {t('import.checking', { name: step.name })}
        </div>
      )}
      {checked && <CheckResult result={checked} />}
      {step.kind === 'done' && <Result status="success" title={t('import.done', { created: step.result.created, updated: step.result.updated })} />}
    </Modal>
  );
}

function CheckResult({ result }: { result: ImportResult }) {
  const t = useT();
  const bad = result.errors.length;
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  return (
    <div className="import-result" data-testid="import-result">
      <Typography.Paragraph>
        <Typography.Text strong>{result.file}</Typography.Text> ·{' '}
        {t('import.summary', { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged })}
      </Typography.Paragraph>
      {bad > 0 ? (
        <Alert type="error" showIcon message={t(result.preview.length ? 'import.errorsSkip' : 'import.errors', { n: badRows })} className="import-alert" data-testid="import-errors" />
      ) : (
        <Alert type="success" showIcon message={t('import.noErrors')} className="import-alert" />
      )}
      <Tabs
        items={[
          ...(bad
            ? [
                {
                  key: 'errors',
                  label: `${t('findings.error')} (${bad})`,
                  children: <IssueTable issues={result.errors} testId="import-error-table" />,
                },
              ]
            : []),
          {
            key: 'preview',
            label: `${t('import.step.check')} (${result.preview.length})`,
            children: (
              <Table<PreviewRow>
                size="small"
                rowKey="row"
                dataSource={result.preview}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                columns={[
                  { title: t('import.col.row'), dataIndex: 'row', width: 70 },
                  { title: t('stores.f.id'), key: 'id', render: (_: unknown, r) => r.store.id, width: 110 },
                  { title: t('stores.col.store'), key: 'name', render: (_: unknown, r) => r.store.storeName },
                  { title: t('stores.col.owner'), key: 'owner', render: (_: unknown, r) => r.store.ownerName },
                  {
                    title: t('import.col.action'),
                    key: 'action',
                    render: (_: unknown, r) => (
                      <Space size={4} wrap>
                        <Tag color={r.action === 'create' ? 'green' : r.action === 'update' ? 'blue' : 'default'}>{t(`import.action.${r.action}` as MsgKey)}</Tag>
                        {r.changes.length > 0 && <Typography.Text type="secondary">{r.changes.map((c) => fieldLabel(t, c)).join('、')}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          ...(result.warnings.length
            ? [{ key: 'warnings', label: `${t('import.warnings')} (${result.warnings.length})`, children: <IssueTable issues={result.warnings} /> }]
            : []),
        ]}
      />
    </div>
  );
}

/** A store field's label as the store form shows it (the field name when the form has none). */
function fieldLabel(t: ReturnType<typeof useT>, field: string): string {
  const key = `stores.f.${field}` as MsgKey;
  const text = t(key);
  return text === key ? field : text;
}

function IssueTable({ issues, testId }: { issues: Issue[]; testId?: string }) {
  const t = useT();
  const say = useSay();
  return (
    <div data-testid={testId}>
    <Table<Issue>
      size="small"
      rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
      dataSource={issues}
      pagination={{ pageSize: 8, hideOnSinglePage: true }}
      columns={[
        { title: t('import.col.row'), dataIndex: 'row', width: 70 },
        { title: t('import.col.column'), dataIndex: 'column', width: 160 },
        { title: t('import.col.problem'), key: 'message', render: (_: unknown, i) => say(i) },
      ]}
    />
    </div>
  );
}

