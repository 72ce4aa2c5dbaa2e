import { Button, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { MethodOutput } from '@contract';
import { useNav } from '../../app/nav';
import { useSession } from '../../app/session';
import { useApi } from '../../app/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';

type Entry = MethodOutput<'review.list'>[number];

/** Versions waiting for a brand manager, oldest first. */
export function ReviewQueue() {
  const t = useT();
  const { go } = useNav();
  const { refreshReviewCount, users } = useSession();
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name || id;
  const queue = useApi('review.list', {});
  useEffect(refreshReviewCount, [queue.data, refreshReviewCount]);
  const open = (e: Entry) => void go({ screen: 'reviewItem', template: e.template, version: e.version });
  return (
    <div className="page">
      <PageHeader title={t('review.title')} subtitle={t('review.subtitle')} />
      {queue.error && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
      {queue.data?.length === 0 ? (
        <EmptyState title={t('review.empty')} hint={t('review.emptyHint')} />
      ) : (
        <Table<Entry>
          rowKey={(e) => `${e.template}@${e.version}`}
          loading={queue.loading && !queue.data}
          dataSource={queue.data}
          pagination={false}
          columns={[
            {
              title: t('review.col.template'),
              key: 'template',
              render: (_: unknown, e) => (
                <div>
                  <Typography.Link onClick={() => open(e)} data-testid={`review-${e.template}-${e.version}`}>
                    {e.name}
                  </Typography.Link>
                  <Typography.Text type="secondary"> · {t(`templates.kind.${e.kind}` as MsgKey)}</Typography.Text>
                </div>
              ),
            },
            { title: t('review.col.version'), dataIndex: 'version', width: 90, render: (v: number) => `v${v}` },
            { title: t('review.col.submitter'), dataIndex: 'submitter', width: 140, render: (id: string) => nameOf(id) },
            { title: t('review.col.submittedAt'), dataIndex: 'submittedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            { title: t('review.col.previous'), dataIndex: 'previousApproved', width: 140, render: (v: number | null) => (v ? `v${v}` : '—') },
            {
              title: t('common.actions'),
              key: 'open',
              width: 100,
              render: (_: unknown, e) => (
                <Button size="small" type="primary" onClick={() => open(e)}>
                  {t('review.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
