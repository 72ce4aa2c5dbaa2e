import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { EChart } from '../../components/EChart';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useNav } from '../../app/nav';
import { errorText, useApi } from '../../app/useApi';
import { useT } from '../../i18n';
import { amountBars, opensVsOrders, ordersAndAmount, summarize } from './charts';
import { ImportResults } from './ImportResults';

type Overview = MethodOutput<'results.overview'>;
type Row = Overview['by']['post'][number];

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 效果: what each group type, hook, store, post and template version brought in, read back from tracking links. */
export function ResultsScreen() {
  const t = useT();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [importing, setImporting] = useState(false);
  const input = useMemo(() => (range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}), [range]);
  const overview = useApi('results.overview', input);
  const exportXlsx = async () => {
    try {
      const out = await api('results.exportXlsxData', input);
      const bytes = Uint8Array.from(atob(out.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      Object.assign(document.createElement('a'), { href: url, download: out.name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const o = overview.data;
  const hasData = !!o && (o.stored.orders > 0 || o.stored.clicks > 0);
  const actions = (
    <Space wrap>
      <DatePicker.RangePicker aria-label={t('results.range')} value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} allowEmpty={[false, false]} />
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="results-import">
        {t('results.import')}
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} disabled={!hasData} data-testid="results-export">
        {t('results.exportXlsx')}
      </Button>
    </Space>
  );
  const subtitle = o ? t('results.subtitle', { orders: o.stored.orders, clicks: o.stored.clicks, unattributed: o.stored.unattributed, last: o.stored.lastImport ? o.stored.lastImport.slice(0, 16).replace('T', ' ') : t('results.never') }) : undefined;
  return (
    <div className="page results-screen">
      <PageHeader title={t('results.title')} subtitle={subtitle} extra={actions} />
      <ImportResults open={importing} onClose={() => setImporting(false)} onImported={() => (setImporting(false), void overview.reload())} />
      {overview.error && <ErrorNotice error={overview.error} onRetry={overview.reload} />}
      {!o && !overview.error && <Spin className="screen-spin" />}
      {o && !hasData && <EmptyState title={t('results.empty')} hint={t('results.emptyHint')} action={<Button type="primary" onClick={() => setImporting(true)}>{t('results.import')}</Button>} />}
      {o && hasData && <Dashboard o={o} />}
    </div>
  );
}

function Dashboard({ o }: { o: Overview }) {
  const t = useT();
  const { go } = useNav();
  const names = { orders: t('results.col.orders'), amount: t('results.col.amount') };
  const label = (r: Row) => (r.key === '' ? t('results.unattributed') : r.label);
  const relabel = (rows: Row[]) => rows.map((r) => ({ ...r, label: label(r) }));
  const groups = relabel(o.by.group);
  const hooks = relabel(o.by.hook);
  const templates = relabel(o.by.template);
  const stores = o.by.store.filter((r) => r.key !== '');
  const opens = new Map(o.activity.map((a) => [a.store, a]));
  const leaders = stores.filter((r) => r.orders > 0).slice(0, 10);
  const idle = stores.filter((r) => r.orders === 0);
  const num = { align: 'right' as const };
  const rowCols = [
    { title: t('results.col.orders'), dataIndex: 'orders', ...num },
    { title: t('results.col.amount'), dataIndex: 'amount', ...num, render: (v: number) => yuan(v) },
    { title: t('results.col.refunds'), dataIndex: 'refunds', ...num },
    { title: t('results.col.clicks'), dataIndex: 'clicks', ...num },
  ];
  const delta = (before: number) => t('results.lastWeek', { n: before });
  return (
    <>
      <Row gutter={[16, 16]} className="results-cards">
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('results.thisWeek')} value={o.thisWeek.orders} />
            <Typography.Text type="secondary">{delta(o.lastWeek.orders)}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('results.thisWeekAmount')} value={o.thisWeek.amount} precision={2} prefix="¥" />
            <Typography.Text type="secondary">{delta(o.lastWeek.amount)}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={`${t('results.col.amount')} · ${t('results.inRange')}`} value={o.totals.amount} precision={2} prefix="¥" />
            <Typography.Text type="secondary">
              {t('results.col.orders')} {o.totals.orders} · {t('results.refunds')} {o.totals.refunds}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={`${t('results.clicks')} · ${t('results.inRange')}`} value={o.totals.clicks} />
            <Typography.Text type="secondary">
              {t('results.unattributed')} {o.stored.unattributed}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('results.byGroup')} size="small">
            <EChart option={ordersAndAmount(groups, names)} label={t('results.chartLabel', { title: t('results.byGroup'), summary: summarize(groups) })} testId="chart-group" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('results.byHook')} size="small">
            <EChart option={amountBars(hooks, names.amount)} label={t('results.chartLabel', { title: t('results.byHook'), summary: summarize(hooks) })} testId="chart-hook" />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('results.leaders')} size="small">
            <Table<Row>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={leaders}
              columns={[
                { title: '#', key: 'rank', width: 40, render: (_v, _r, i) => i + 1 },
                { title: t('results.col.store'), dataIndex: 'label', ellipsis: true },
                ...rowCols,
                { title: t('results.col.opens'), key: 'opens', ...num, render: (_v, r) => opens.get(r.key)?.opens ?? 0 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('results.noOrders', { n: idle.length })} size="small" data-testid="no-orders">
            {idle.length === 0 ? (
              <Typography.Text type="secondary">{t('results.noOrdersNone')}</Typography.Text>
            ) : (
              <Space size={[6, 6]} wrap>
                {idle.map((r) => {
                  const n = opens.get(r.key)?.opens ?? 0;
                  return (
                    <Tag key={r.key} color={n ? 'orange' : 'default'} title={n ? t('results.openedNotBought', { n }) : t('results.neverOpened')}>
                      {r.label} · {n ? t('results.openedNotBought', { n }) : t('results.neverOpened')}
                    </Tag>
                  );
                })}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('results.activity')} size="small">
            <EChart option={opensVsOrders(o.activity, { opens: t('results.opens'), orders: t('results.col.orders') })} label={t('results.activity')} testId="chart-activity" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('results.byTemplate')} size="small">
            {templates.length ? (
              <EChart option={amountBars(templates, names.amount)} label={t('results.chartLabel', { title: t('results.byTemplate'), summary: summarize(templates) })} testId="chart-template" />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('results.byPost')} size="small">
            <Table<Row>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={relabel(o.by.post)}
              columns={[
                { title: t('results.col.post'), dataIndex: 'label', render: (v: string, r) => (r.key ? <a onClick={() => void go({ screen: 'post', id: r.key })}>{v}</a> : v) },
                ...rowCols,
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('results.byChannel')} size="small">
            <Table<Row> size="small" rowKey="key" pagination={false} dataSource={relabel(o.by.channel)} columns={[{ title: t('results.byChannel'), dataIndex: 'label' }, ...rowCols]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
