import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api, storesCsv } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { AssetAvatar } from '../../components/AssetImage';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { ImportDialog } from './ImportDialog';
import { useIntent } from '../../app/intents';
import { StoreDrawer } from './StoreDrawer';
import { BulkBar } from './BulkBar';

type Store = MethodOutput<'stores.list'>[number];

/** Matches the fields a person types when looking for a store. */
function matches(s: Store, q: string): boolean {
  const n = q.trim().toLowerCase();
  if (!n) return true;
  return [s.id, s.storeName, s.ownerName, s.nickname, s.district, s.address, s.phone].some((f) => f?.toLowerCase().includes(n));
}

/** Searchable table of store owners; add, edit (drawer), delete, import. */
export function StoreTable() {
  const t = useT();
  const { message } = App.useApp();
  const stores = useApi('stores.list', {});
  const groups = useApi('groups.list', {});
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const [editing, setEditing] = useState<Store | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  // The desktop menu's "Import stores…" (Ctrl+I) opens the same dialog.
  useIntent('import-stores', () => setImporting(true));
  const shown = useMemo(() => (stores.data ?? []).filter((s) => matches(s, query)), [stores.data, query]);
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name ?? id;
  const remove = async (s: Store) => {
    try {
      await api('stores.delete', { id: s.id });
      await stores.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const exportCsv = async () => {
    try {
      const { name, blob } = await storesCsv();
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const actions = (
    <Space>
      {!!stores.data?.length && (
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
          {t('stores.exportCsv')}
        </Button>
      )}
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-stores">
        {t('stores.import')}
      </Button>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-store">
        {t('stores.add')}
      </Button>
    </Space>
  );
  const empty = stores.data?.length === 0;
  return (
    <div className="page">
      <PageHeader title={t('stores.title')} subtitle={t('stores.subtitle')} extra={actions} />
      {stores.error && <ErrorNotice error={stores.error} onRetry={stores.reload} />}
      {empty ? (
        <EmptyState title={t('stores.empty')} hint={t('stores.emptyHint')} action={actions} />
      ) : (
        <>
          <div className="table-toolbar">
            <Input.Search allowClear placeholder={t('stores.search')} aria-label={t('stores.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360 }} data-testid="store-search" />
            <Typography.Text type="secondary">{t('stores.count', { n: shown.length })}</Typography.Text>
          </div>
          <BulkBar ids={selected} groups={groups.data ?? []} onDone={stores.reload} onClear={() => setSelected([])} />
          <Table<Store>
            rowKey="id"
            size="middle"
            loading={stores.loading && !stores.data}
            dataSource={shown}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (s) => ({ 'aria-label': s.storeName }) as never }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: query ? t('stores.noMatch', { q: query }) : undefined }}
            onRow={(s) => ({ onDoubleClick: () => setEditing(s) })}
            columns={[
              {
                title: t('stores.col.store'),
                key: 'store',
                sorter: (a, b) => a.storeName.localeCompare(b.storeName, 'zh'),
                render: (_: unknown, s) => (
                  <Space>
                    <AssetAvatar id={s.avatar} name={s.ownerName} size={36} />
                    <div className="store-cell">
                      <Typography.Link onClick={() => setEditing(s)} className="store-name" data-testid={`store-${s.id}`}>
                        {s.storeName}
                      </Typography.Link>
                      <Typography.Text type="secondary" className="store-id">
                        {s.id}
                      </Typography.Text>
                    </div>
                  </Space>
                ),
              },
              {
                title: t('stores.col.owner'),
                key: 'owner',
                render: (_: unknown, s) => (
                  <div>
                    {s.ownerName}
                    {s.nickname && <Typography.Text type="secondary"> · {s.nickname}</Typography.Text>}
                    {s.catchphrase && (
                      <Typography.Paragraph type="secondary" ellipsis className="store-catchphrase">
                        “{s.catchphrase}”
                      </Typography.Paragraph>
                    )}
                  </div>
                ),
              },
              { title: t('stores.col.district'), dataIndex: 'district', width: 100, responsive: ['lg'], sorter: (a, b) => a.district.localeCompare(b.district, 'zh') },
              {
                title: t('stores.col.groups'),
                dataIndex: 'groupTypes',
                responsive: ['md'],
                render: (ids: string[]) => ids.map((id) => <Tag key={id}>{groupName(id)}</Tag>),
              },
              {
                title: t('stores.col.active'),
                dataIndex: 'active',
                width: 80,
                render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('stores.inactive')}</Tag>),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 70,
                render: (_: unknown, s) => (
                  <Popconfirm title={t('stores.deleteConfirm', { name: s.storeName })} onConfirm={() => remove(s)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${s.storeName}`} />
                  </Popconfirm>
                ),
              },
            ]}
          />
        </>
      )}
      {editing && (
        <StoreDrawer
          store={editing === 'new' ? null : editing}
          groups={groups.data ?? []}
          existingIds={(stores.data ?? []).map((s) => s.id)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void stores.reload();
          }}
        />
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={() => void stores.reload()} />}
    </div>
  );
}
