import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { useT, type MsgKey } from '../../i18n';
import { BestHooks } from './BestHooks';
import { blankPost, CAMPAIGN_PRESETS, postFromCopy, postFromPreset, type StarterKind } from './starters';
import { validated } from '../../lib/forms';

type Group = MethodOutput<'groups.list'>[number];

interface Fields {
  title: string;
  productName: string;
  price: number;
  conversionUrl: string;
  valid: [Dayjs, Dayjs];
  groupTypes: string[];
  copyOf?: string;
  preset?: string;
}

/**
 * Starts a post from something (issue 17): the blank three-part skeleton (each part's hint in the
 * editor), a copy of an existing post, or a campaign preset; asks only for what that start lacks.
 * Nothing is red before the user has typed: antd validates a field once it changed, or on create.
 */
export function NewPostModal({ open, groups, onClose, onCreated }: { open: boolean; groups: Group[]; onClose(): void; onCreated(id: string): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<StarterKind>('blank');
  const posts = useApi('posts.list', {}, { skip: !open });
  const chosen = Form.useWatch('groupTypes', form);
  const pickCopy = (id: string) => {
    const p = posts.data?.find((x) => x.id === id);
    if (p && !form.isFieldTouched('title')) form.setFieldValue('title', `${p.title}${t('starter.copySuffix')}`);
  };
  const pickPreset = (id: string) => {
    const preset = CAMPAIGN_PRESETS.find((p) => p.id === id);
    if (preset && !form.isFieldTouched('valid')) form.setFieldValue('valid', [dayjs(), dayjs().add(preset.days, 'day')]);
  };
  const submit = async () => {
    const f = await validated(form);
    if (!f) return;
    setBusy(true);
    try {
      const fields = {
        title: f.title,
        productName: f.productName ?? '',
        price: f.price ?? 0,
        conversionUrl: f.conversionUrl ?? '',
        validFrom: f.valid[0].format('YYYY-MM-DD'),
        validUntil: f.valid[1].format('YYYY-MM-DD'),
        groupTypes: f.groupTypes ?? [],
      };
      const post =
        kind === 'copy'
          ? postFromCopy(await api('posts.get', { id: f.copyOf! }), fields)
          : kind === 'preset'
            ? postFromPreset(CAMPAIGN_PRESETS.find((p) => p.id === f.preset)!, fields)
            : blankPost(fields);
      const saved = await api('posts.save', { post });
      form.resetFields();
      setKind('blank');
      onCreated(saved.id);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const needsProduct = kind !== 'copy';
  return (
    <Modal open={open} title={t('posts.new')} onCancel={onClose} onOk={submit} okText={t('posts.form.create')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden width={620}>
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ price: 0, valid: [dayjs(), dayjs().add(14, 'day')], groupTypes: [] }}
        onFinish={submit}
      >
        <Form.Item label={t('starter.label')} required>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as StarterKind)} optionType="button" buttonStyle="solid" data-testid="starter-kind">
            <Radio.Button value="blank">{t('starter.blank')}</Radio.Button>
            <Radio.Button value="copy">{t('starter.copy')}</Radio.Button>
            <Radio.Button value="preset">{t('starter.preset')}</Radio.Button>
          </Radio.Group>
          <Typography.Paragraph type="secondary" className="starter-hint">
            {t(kind === 'blank' ? 'starter.blankHint' : kind === 'copy' ? 'starter.copyHint' : 'starter.presetHint')}
          </Typography.Paragraph>
        </Form.Item>
        {kind === 'copy' && (
          <Form.Item name="copyOf" label={t('starter.copyPick')} rules={[{ required: true, message: t('starter.copyPickRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} onChange={pickCopy} options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.title }))} data-testid="starter-copy" />
          </Form.Item>
        )}
        {kind === 'preset' && (
          <Form.Item name="preset" label={t('starter.preset')} rules={[{ required: true, message: t('starter.presetRequired') }]}>
            <Radio.Group className="starter-presets" onChange={(e) => pickPreset(e.target.value as string)} data-testid="starter-presets">
              {CAMPAIGN_PRESETS.map((p) => (
                <Radio key={p.id} value={p.id} className="starter-preset">
                  <strong>{t(`starter.preset.${p.id}` as MsgKey)}</strong>
                  <span className="starter-preset-desc">{t(`starter.preset.${p.id}.desc` as MsgKey)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="title" label={t('posts.form.title')} rules={[{ required: true, whitespace: true, message: t('posts.form.titleRequired') }]}>
          <Input autoFocus maxLength={60} data-testid="new-post-title" />
        </Form.Item>
        {needsProduct && (
          <>
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
          </>
        )}
        <Form.Item name="valid" label={t('posts.form.valid')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
        {needsProduct && (
          <>
            <Form.Item name="groupTypes" label={t('posts.form.groups')} extra={t('posts.form.groupsHint')}>
              <Select mode="multiple" options={groups.map((g) => ({ value: g.id, label: g.name }))} data-testid="new-post-groups" />
            </Form.Item>
            <BestHooks groups={groups} selected={chosen ?? []} />
          </>
        )}
      </Form>
    </Modal>
  );
}
