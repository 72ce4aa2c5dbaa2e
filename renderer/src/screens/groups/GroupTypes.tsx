import { BulbOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { GroupDrawer } from './GroupDrawer';

type Group = MethodOutput<'groups.list'>[number];

/** Group types as cards with their rules at a glance; edit in a drawer. */
export function GroupTypes() {
  const t = useT();
  const { message } = App.useApp();
  const groups = useApi('groups.list', {});
  const channels = useApi('channels.list', {});
  const stores = useApi('stores.list', {});
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const remove = async (g: Group) => {
    try {
      await api('groups.delete', { id: g.id });
      await groups.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const channelName = (id: string) => channels.data?.find((c) => c.id === id)?.name ?? id;
  const add = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('groups.add')}
    </Button>
  );
  return (
    <div className="page">
      <PageHeader title={t('groups.title')} subtitle={t('groups.subtitle')} extra={add} />
      {groups.error && <ErrorNotice error={groups.error} onRetry={groups.reload} />}
      {groups.data?.length === 0 && <EmptyState title={t('groups.empty')} hint={t('groups.emptyHint')} action={add} />}
      <Row gutter={[16, 16]}>
        {groups.data?.map((g) => (
          <Col key={g.id} xs={24} md={12} xl={8}>
            <Card
              title={g.name}
              className="group-card"
              extra={
                <Space size={0}>
                  <Button type="text" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${g.name}`} onClick={() => setEditing(g)} />
                  <Popconfirm title={t('groups.deleteConfirm', { name: g.name })} onConfirm={() => remove(g)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${g.name}`} />
                  </Popconfirm>
                </Space>
              }
            >
              {g.description && <Typography.Paragraph>{g.description}</Typography.Paragraph>}
              <dl className="rule-list">
                <dt>{t('groups.f.tone')}</dt>
                <dd>{g.tone || '—'}</dd>
                <dt>{t('groups.f.maxLength')}</dt>
                <dd>{t('groups.chars', { n: g.rules.captionMaxLength })}</dd>
                <dt>{t('groups.f.legWeight')}</dt>
                <dd>
                  <Tag color={g.rules.legWeight === 'strong' ? 'volcano' : g.rules.legWeight === 'light' ? 'cyan' : 'blue'}>{t(`groups.leg.${g.rules.legWeight}` as MsgKey)}</Tag>
                </dd>
                <dt>{t('groups.f.emoji')}</dt>
                <dd>{g.rules.emojiAllowed ? t('common.yes') : t('common.no')}</dd>
                <dt>{t('groups.f.channels')}</dt>
                <dd>{g.rules.channels.map(channelName).join('、')}</dd>
                <dt>{t('groups.f.formats')}</dt>
                <dd>{g.rules.formats.map((f) => t(`groups.format.${f}` as MsgKey)).join('、')}</dd>
              </dl>
              {g.tip && (
                <Typography.Paragraph type="secondary" className="group-tip">
                  <BulbOutlined aria-hidden /> {g.tip}
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary">{t('groups.stores', { n: stores.data?.filter((s) => s.groupTypes.includes(g.id)).length ?? 0 })}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {editing && (
        <GroupDrawer
          group={editing === 'new' ? null : editing}
          channels={channels.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void groups.reload();
          }}
        />
      )}
    </div>
  );
}
