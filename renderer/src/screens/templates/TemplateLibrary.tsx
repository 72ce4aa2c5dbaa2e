import { Card, Col, Row, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { useNav } from '../../app/nav';
import { useApi } from '../../app/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { StateTag } from './StateTag';
import { TemplateThumb } from './TemplateThumb';

type Summary = MethodOutput<'templates.list'>[number];
type Kind = Summary['kind'] | 'all';

/** The template library: cards with a thumbnail, latest and approved versions; filter by kind. */
export function TemplateLibrary() {
  const t = useT();
  const { go } = useNav();
  const list = useApi('templates.list', {});
  const [kind, setKind] = useState<Kind>('all');
  const shown = (list.data ?? []).filter((x) => kind === 'all' || x.kind === kind);
  return (
    <div className="page">
      <PageHeader
        title={t('templates.title')}
        subtitle={t('templates.subtitle')}
        extra={
          <Segmented<Kind>
            aria-label={t('templates.title')}
            value={kind}
            onChange={setKind}
            options={(['all', 'poster', 'caption', 'video'] as const).map((k) => ({ value: k, label: k === 'all' ? t('templates.all') : t(`templates.kind.${k}` as MsgKey) }))}
          />
        }
      />
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data?.length === 0 && <EmptyState title={t('templates.empty')} hint={t('templates.emptyHint')} />}
      <Row gutter={[16, 16]}>
        {shown.map((x) => {
          const latestState = x.states.find((s) => s.version === x.latest)?.state ?? 'draft';
          return (
            <Col key={x.id} xs={24} sm={12} lg={8} xxl={6}>
              <Card
                hoverable
                className="template-card"
                cover={<TemplateThumb summary={x} />}
                onClick={() => void go({ screen: 'template', id: x.id })}
                data-testid={`template-${x.id}`}
              >
                <Card.Meta
                  title={
                    <Typography.Link className="template-card-title" onClick={() => void go({ screen: 'template', id: x.id })}>
                      {x.name}
                    </Typography.Link>
                  }
                  description={
                    <Space size={[4, 4]} wrap>
                      <span className="kind-label">{t(`templates.kind.${x.kind}` as MsgKey)}</span>
                      <StateTag state={latestState} version={x.latest} />
                      {x.approved !== null && x.approved !== x.latest && <StateTag state="approved" version={x.approved} />}
                      {x.approved === null && <Typography.Text type="secondary">{t('templates.noApproved')}</Typography.Text>}
                    </Space>
                  }
                />
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
