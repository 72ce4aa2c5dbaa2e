import { Card, Empty, List, Table, Tag, Typography } from 'antd';
import type { MethodOutput } from '@contract';
import { useNav } from '../../app/nav';
import { useApi } from '../../app/useApi';
import { useI18n } from '../../i18n';

type Row = MethodOutput<'results.report'>[number];

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A post's results beside its three parts: orders, sales, refunds and clicks per group type, and its send slots. */
export function PostResults({ post }: { post: string }) {
  const { t, lang } = useI18n();
  const { go } = useNav();
  const report = useApi('results.report', { by: 'group', post });
  const plan = useApi('plan.list', { post });
  const rows = report.data ?? [];
  const any = rows.some((r) => r.orders || r.refunds || r.clicks);
  const sum = rows.reduce((a, r) => ({ orders: a.orders + r.orders, cents: a.cents + Math.round(r.amount * 100), refunds: a.refunds + r.refunds, clicks: a.clicks + r.clicks }), { orders: 0, cents: 0, refunds: 0, clicks: 0 });
  const num = { align: 'right' as const };
  return (
    <Card size="small" className="post-results" title={t('results.editor.title')} data-testid="post-results" extra={<a onClick={() => void go({ screen: 'results' })}>{t('nav.results')}</a>}>
      {any ? (
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows.map((r) => (r.key === '' ? { ...r, label: t('results.unattributed') } : r))}
          columns={[
            { title: t('results.col.group'), dataIndex: 'label' },
            { title: t('results.col.orders'), dataIndex: 'orders', ...num },
            { title: t('results.col.amount'), dataIndex: 'amount', ...num, render: (v: number) => yuan(v) },
            { title: t('results.col.refunds'), dataIndex: 'refunds', ...num },
            { title: t('results.col.clicks'), dataIndex: 'clicks', ...num },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>Σ</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{sum.orders}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{yuan(sum.cents / 100)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{sum.refunds}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{sum.clicks}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.editor.none')} />
      )}
      <Typography.Title level={3} className="subsection-title">
        {t('results.editor.slots')}
      </Typography.Title>
      {plan.data?.slots.length ? (
        <List
          size="small"
          dataSource={plan.data.slots}
          renderItem={(s) => {
            const f = plan.data!.findings.filter((x) => x.slots.includes(s.id));
            return (
              <List.Item>
                <span>
                  <Typography.Text strong>{s.at}</Typography.Text> · {s.groupName}
                </span>
                {f.map((x) => (
                  <Tag key={x.ruleId} color={x.severity === 'error' ? 'red' : 'gold'} title={lang === 'zh' ? x.message.zh : x.message.en}>
                    {x.ruleId}
                  </Tag>
                ))}
              </List.Item>
            );
          }}
        />
      ) : (
        <Typography.Text type="secondary">
          <a onClick={() => void go({ screen: 'calendar' })}>{t('results.editor.noSlots')}</a>
        </Typography.Text>
      )}
    </Card>
  );
}
