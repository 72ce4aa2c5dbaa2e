import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { validated } from '../../lib/forms';

type Group = MethodOutput<'groups.list'>[number];
type Post = MethodOutput<'posts.list'>[number];
type Findings = MethodOutput<'plan.add'>['findings'];

/** Plan one post for a group type on a day: pick the post and the time (China time). */
export function AddSlotModal({ group, day, posts, onClose, onAdded }: { group: Group; day: string; posts: Post[]; onClose(): void; onAdded(findings: Findings): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ post: string; time: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const f = await validated(form);
    if (!f) return;
    setBusy(true);
    try {
      const r = await api('plan.add', { post: f.post, group: group.id, at: `${day} ${f.time}` });
      onAdded(r.findings);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('calendar.addTo', { group: group.name, day })} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('calendar.add')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ time: '19:30', post: posts[0]?.id }} onFinish={submit}>
        <Form.Item name="post" label={t('calendar.post')} rules={[{ required: true }]}>
          <Select options={posts.map((p) => ({ value: p.id, label: p.title }))} data-testid="slot-post" />
        </Form.Item>
        <Form.Item name="time" label={t('calendar.time')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}>
          <Input style={{ width: 120 }} placeholder="19:30" data-testid="slot-time" />
        </Form.Item>
        {group.tip && <Typography.Text type="secondary">{t('calendar.timeHint', { tip: group.tip })}</Typography.Text>}
      </Form>
    </Modal>
  );
}
