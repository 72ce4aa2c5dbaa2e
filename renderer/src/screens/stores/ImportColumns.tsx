import { DownloadOutlined } from '@ant-design/icons';
import { Button, Collapse, Table, Tag, Typography } from 'antd';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useApi } from '../../app/useApi';
import { useI18n } from '../../i18n';
import '../../tools.css';

type Column = MethodOutput<'stores.importColumns'>['columns'][number];

/** Saves base64 bytes as a file through the browser's (or Electron's) own download. */
function saveBytes(name: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The import dialog's help: a sample table to download and every column the importer reads, with the names it accepts. */
export function ImportColumns() {
  const { t, lang } = useI18n();
  const cols = useApi('stores.importColumns', {});
  const download = async () => {
    const out = cols.data ?? (await api('stores.importColumns', {}));
    saveBytes(out.sample.name, out.sample.base64, 'text/csv;charset=utf-8');
  };
  return (
    <div className="import-help">
      <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="import-sample">
        {t('import.sample')}
      </Button>
      <Collapse
        size="small"
        className="import-columns"
        items={[
          {
            key: 'columns',
            label: t('import.columns'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('import.columnsHint')}</Typography.Paragraph>
                <Table<Column>
                  size="small"
                  rowKey="field"
                  data-testid="import-columns"
                  pagination={false}
                  dataSource={cols.data?.columns ?? []}
                  loading={cols.loading}
                  columns={[
                    { title: t('import.col.name'), key: 'name', width: 170, render: (_: unknown, c) => <Typography.Text strong>{`${lang === 'zh' ? c.zh : c.en}${c.required ? ' *' : ''}`}</Typography.Text> },
                    {
                      title: t('import.col.also'),
                      key: 'also',
                      render: (_: unknown, c) => [lang === 'zh' ? c.en : c.zh, ...c.aliases].map((a) => <Tag key={a}>{a}</Tag>),
                    },
                    { title: t('import.col.example'), dataIndex: 'example', width: 200 },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
