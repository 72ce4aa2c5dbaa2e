import { App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { ImageDrop } from '../../components/ImageDrop';
import { PortalQr } from './PortalQr';
import { validated } from '../../lib/forms';

type Store = MethodOutput<'stores.get'>;
type Group = MethodOutput<'groups.list'>[number];

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Create or edit one store owner: persona fields, photo by drag and drop, the store's portal QR. */
export function StoreDrawer({ store, groups, existingIds, onClose, onSaved }: { store: Store | null; groups: Group[]; existingIds: string[]; onClose(): void; onSaved(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Store>();
  const [busy, setBusy] = useState(false);
  const [avatar, setAvatar] = useState(store?.avatar);
  const ownerName = Form.useWatch('ownerName', form) ?? store?.ownerName ?? '';
  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      const next: Store = { ...(store ?? {}), ...values, avatar, cloudStoreUrl: values.cloudStoreUrl?.trim() || undefined } as Store;
      await api('stores.save', { store: next });
      message.success(t('stores.saved'));
      onSaved();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, whitespace: true, message: t('stores.f.required') };
  return (
    <Drawer
      open
      size="large"
      title={store ? `${t('stores.edit')} · ${store.storeName}` : t('stores.new')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={save} data-testid="save-store">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Store> form={form} layout="vertical" initialValues={store ?? { active: true, groupTypes: [], delivery: false, deliveryNote: '' }} requiredMark="optional" onFinish={save}>
        <Form.Item label={t('stores.f.avatar')}>
          <ImageDrop value={avatar} name={ownerName} onChange={setAvatar} testId="avatar-drop" />
        </Form.Item>
        <Form.Item
          name="id"
          label={t('stores.f.id')}
          extra={t('common.idHelp')}
          rules={[
            required,
            { pattern: ID, message: t('common.idHelp') },
            { validator: async (_, v: string) => (!store && existingIds.includes(v) ? Promise.reject(new Error(`${v} ✕`)) : undefined) },
          ]}
        >
          <Input disabled={!!store} maxLength={64} />
        </Form.Item>
        <Form.Item name="storeName" label={t('stores.f.storeName')} rules={[required]}>
          <Input maxLength={80} showCount />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="ownerName" label={t('stores.f.ownerName')} rules={[required]} className="form-half">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="nickname" label={t('stores.f.nickname')} extra={t('stores.f.nicknameHint')} className="form-half">
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <Form.Item name="catchphrase" label={t('stores.f.catchphrase')}>
          <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="address" label={t('stores.f.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="district" label={t('stores.f.district')} className="form-half">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label={t('stores.f.phone')} className="form-half">
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <Form.Item name="cloudStoreUrl" label={t('stores.f.cloudStoreUrl')} extra={t('stores.f.cloudStoreUrlHint')} rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('stores.f.url') }]}>
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item name="groupTypes" label={t('stores.f.groupTypes')}>
          <Select mode="multiple" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="delivery" label={t('stores.f.delivery')} extra={t('stores.f.deliveryHint')} valuePropName="checked" className="form-half">
            <Switch />
          </Form.Item>
          <Form.Item name="deliveryNote" label={t('stores.f.deliveryNote')} className="form-half">
            <Input maxLength={60} placeholder={t('stores.f.deliveryNoteHint')} />
          </Form.Item>
        </div>
        <Form.Item name="active" label={t('stores.f.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {store && <PortalQr store={store} />}
    </Drawer>
  );
}
