import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useNav } from '../../app/nav';
import { errorText, useApi } from '../../app/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { StatusTag, ValidityCell } from './Validity';
import { usePostFilter } from './PostFilters';

type Post = MethodOutput<'posts.list'>[number];

const NewPostModal = lazy(() => import('./NewPostModal').then((m) => ({ default: m.NewPostModal })));

const STATUS_COLOR: Record<Post['status'], string> = { draft: 'default', ready: 'green', archived: 'default' };

/** Every post with its status; opens the editor, creates and deletes posts. */
export function PostList() {
  const t = useT();
  const { message } = App.useApp();
  const { go } = useNav();
  const posts = useApi('posts.list', {});
  const groups = useApi('groups.list', {});
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (posts.data) performance.mark('sq:posts');
  }, [posts.data]);
  const [now] = useState(() => Date.now());
  const filtered = usePostFilter(posts.data, now);
  const duplicate = async (p: Post) => {
    try {
      const copy = await api('posts.duplicate', { id: p.id });
      message.success(t('posts.duplicated', { title: copy.title }));
      await posts.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name ?? id;
  const remove = async (p: Post) => {
    try {
      await api('posts.delete', { id: p.id });
      await posts.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-post">
      {t('posts.new')}
    </Button>
  );
  return (
    <div className="page">
      <PageHeader title={t('posts.title')} subtitle={t('posts.subtitle')} extra={newButton} />
      {posts.error && <ErrorNotice error={posts.error} onRetry={posts.reload} />}
      {!posts.error && posts.data?.length === 0 ? (
        <EmptyState title={t('posts.empty')} hint={t('posts.emptyHint')} action={newButton} />
      ) : (
        <>
        {filtered.toolbar}
        <Table<Post>
          rowKey="id"
          loading={posts.loading && !posts.data}
          locale={filtered.active ? { emptyText: t('postFilter.none') } : undefined}
          dataSource={filtered.shown && [...filtered.shown].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(p) => ({ onDoubleClick: () => void go({ screen: 'post', id: p.id }) })}
          columns={[
            {
              title: t('posts.col.title'),
              dataIndex: 'title',
              render: (title: string, p) => (
                <Typography.Link onClick={() => void go({ screen: 'post', id: p.id })} data-testid={`post-link-${p.id}`}>
                  {title}
                </Typography.Link>
              ),
            },
            { title: t('posts.col.campaign'), dataIndex: 'campaign', responsive: ['lg'] },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: Post['status'], p) => <StatusTag post={p} now={now} color={STATUS_COLOR[s]} label={t(`posts.status.${s}` as MsgKey)} />,
            },
            {
              title: t('posts.col.groups'),
              dataIndex: 'groupTypes',
              responsive: ['md'],
              render: (ids: string[]) => (ids.length ? ids.map((id) => <Tag key={id}>{groupName(id)}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
            },
            {
              title: t('posts.col.valid'),
              key: 'valid',
              render: (_: unknown, p) => <ValidityCell post={p} now={now} />,
            },
            { title: t('posts.col.updated'), dataIndex: 'updatedAt', width: 150, render: (d?: string) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—') },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, p) => (
                <Space>
                  <Button type="text" size="small" icon={<CopyOutlined />} onClick={() => void duplicate(p)} aria-label={`${t('posts.duplicate')} ${p.title}`} title={t('posts.duplicate')} data-testid={`post-duplicate-${p.id}`} />
                  <Popconfirm title={t('posts.deleteConfirm', { title: p.title })} onConfirm={() => remove(p)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${p.title}`} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
        </>
      )}
      {creating && (
        <Suspense>
      <NewPostModal
        open={creating}
        groups={groups.data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void go({ screen: 'post', id });
        }}
      />
        </Suspense>
      )}
    </div>
  );
}
