import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { BestHooks } from './BestHooks';
import { newPost } from './postDefaults';
import { validated } from '../../lib/forms';

type Group = MethodOutput<'groups.list'>[number];

interface Fields {
  title: string;
  productName: string;
  price: number;
  conversionUrl: string;
  valid: [Dayjs, Dayjs];
  groupTypes: string[];
}

/** Asks for what a post cannot exist without (title, product, link, dates), then creates it. */
export function NewPostModal({ open, groups, onClose, onCreated }: { open: boolean; groups: Group[]; onClose(): void; onCreated(id: string): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const chosen = Form.useWatch('groupTypes', form);
  const submit = async () => {
    const f = await validated(form);
    if (!f) return;
    setBusy(true);
    try {
      const post = newPost({
        title: f.title,
        productName: f.productName,
        price: f.price ?? 0,
        conversionUrl: f.conversionUrl,
        validFrom: f.valid[0].format('YYYY-MM-DD'),
        validUntil: f.valid[1].format('YYYY-MM-DD'),
        groupTypes: f.groupTypes ?? [],
      });
      const saved = await api('posts.save', { post });
      form.resetFields();
      onCreated(saved.id);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('posts.new')} onCancel={onClose} onOk={submit} okText={t('posts.form.create')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ price: 0, valid: [dayjs(), dayjs().add(14, 'day')], groupTypes: [] }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t('posts.form.title')} rules={[{ required: true, whitespace: true, message: t('posts.form.titleRequired') }]}>
          <Input autoFocus maxLength={60} data-testid="new-post-title" />
        </Form.Item>
        <Form.Item name="productName" label={t('posts.form.product')} rules={[{ required: true, whitespace: true, message: t('posts.form.productRequired') }]}>
          <Input maxLength={60} data-testid="new-post-product" />
        </Form.Item>
        <Form.Item name="price" label={t('posts.form.price')}>
          <InputNumber min={0} step={0.1} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="conversionUrl"
          label={t('posts.form.url')}
          extra={t('posts.form.urlHint')}
          rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('posts.form.urlRequired') }]}
        >
          <Input placeholder="https://" data-testid="new-post-url" />
        </Form.Item>
        <Form.Item name="valid" label={t('posts.form.valid')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="groupTypes" label={t('posts.form.groups')} extra={t('posts.form.groupsHint')}>
          <Select mode="multiple" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <BestHooks groups={groups} selected={chosen ?? []} />
      </Form>
    </Modal>
  );
}
