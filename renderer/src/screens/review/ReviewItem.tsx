import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../client';
import { useNav } from '../../app/nav';
import { useSession } from '../../app/session';
import { errorText, useApi } from '../../app/useApi';
import { FileImage } from '../../components/FileImage';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { worstCaseText } from '@shared';
import { StateTag } from '../templates/StateTag';
import { DiffView } from './DiffView';

/** One version under review: proof sheet, comparison, source diff; approve or request changes. */
export function ReviewItem({ template, version }: { template: string; version: number }) {
  const t = useT();
  const { message } = App.useApp();
  const { go } = useNav();
  const { actingAs, refreshReviewCount } = useSession();
  const [refresh, setRefresh] = useState(false);
  const proof = useApi('review.proof', { template, version, ...(refresh ? { refresh: true } : {}) });
  const tpl = useApi('templates.get', { id: template });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const isManager = actingAs?.role === 'manager';
  const state = proof.data?.state ?? tpl.data?.versions.find((v) => v.version === version)?.state;
  const act = async (kind: 'approve' | 'reject') => {
    setBusy(kind);
    try {
      const input = { template, version, as: actingAs?.id, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const out = kind === 'approve' ? await api('review.approve', input) : await api('review.reject', input);
      message.success(t(kind === 'approve' ? 'review.approved' : 'review.rejected', { n: out.version }));
      refreshReviewCount();
      void go({ screen: 'review' });
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(undefined);
    }
  };
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => void go({ screen: 'review' })} />;
  if (proof.error && !proof.data) return <Result status="warning" title={errorText(proof.error, t)} extra={back} />;
  return (
    <div className="page">
      <PageHeader
        back={back}
        title={`${tpl.data?.name ?? template} · v${version}`}
        subtitle={
          <Space size={6}>
            {tpl.data && <span>{t(`templates.kind.${tpl.data.kind}` as MsgKey)}</span>}
            {state && <StateTag state={state} />}
            {proof.data?.previousApproved && <Tag>{t('review.col.previous')}: v{proof.data.previousApproved}</Tag>}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title={t('review.proof')}
            size="small"
            className="form-card"
            extra={
              <Button size="small" icon={<SyncOutlined />} onClick={() => (setRefresh(true), void proof.reload())} loading={proof.loading}>
                {t('review.refresh')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary">{t('review.proofHint')}</Typography.Paragraph>
            {!proof.data ? (
              <Spin />
            ) : (
              <>
                <div className="proof-sheet">
                  <FileImage path={proof.data.sheet} width={1100} alt={t('review.proof')} />
                </div>
                {proof.data.worstCases.length > 0 && (
                  <Typography.Paragraph type="secondary" className="proof-cases">
                    {t('review.worstCases')}: {proof.data.worstCases.map((w) => worstCaseText(t.lang ?? 'zh', w)).join(' · ')}
                  </Typography.Paragraph>
                )}
                {proof.data.compare && (
                  <>
                    <Typography.Title level={3} className="subsection-title">
                      {t('review.compare')}
                    </Typography.Title>
                    <div className="proof-sheet">
                      <FileImage path={proof.data.compare} width={1100} alt={t('review.compare')} />
                    </div>
                  </>
                )}
              </>
            )}
          </Card>
          <Card title={t('review.diff')} size="small" className="form-card" extra={proof.data && <Typography.Text type="secondary">{t('review.diffStats', { added: proof.data.diff.added, removed: proof.data.diff.removed })}</Typography.Text>}>
            {proof.data && (proof.data.previousApproved ? <DiffView hunks={proof.data.diff.hunks} /> : <Typography.Text type="secondary">{t('review.noDiff')}</Typography.Text>)}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('review.title')} size="small" className="form-card review-decision">
            {state && state !== 'in_review' && <Alert type="info" showIcon message={t('review.notInReview', { state: t(`state.${state}` as MsgKey) })} />}
            {!isManager && <Alert type="warning" showIcon message={t('review.needManager')} className="review-need-manager" />}
            <label htmlFor="review-comment" className="field-label">
              {t('review.comment')}
            </label>
            <Input.TextArea id="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="review-comment" />
            <Space className="review-buttons">
              <Button icon={<RollbackOutlined />} danger disabled={!isManager || state !== 'in_review'} loading={busy === 'reject'} onClick={() => act('reject')} data-testid="review-reject">
                {t('review.reject')}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} disabled={!isManager || state !== 'in_review'} loading={busy === 'approve'} onClick={() => act('approve')} data-testid="review-approve">
                {t('review.approve')}
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
