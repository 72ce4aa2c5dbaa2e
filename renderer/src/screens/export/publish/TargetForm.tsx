import { Alert, App, Button, Divider, Form, Input, Modal, Popconfirm, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { STORAGE_PRESETS, STORAGE_PROVIDERS } from '@contract/vocabulary';
import { api, StudioError } from '../../../client';
import { errorText } from '../../../app/useApi';
import { useT, type MsgKey } from '../../../i18n';
import { validated } from '../../../lib/forms';

type Settings = MethodOutput<'publish.settings'>;
type Provider = (typeof STORAGE_PROVIDERS)[number];

interface Values {
  provider: Provider;
  to: string;
  endpoint?: string;
  region?: string;
  pathStyle: boolean;
  publicBase?: string;
  collector?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** The preset whose endpoint pattern matches (so an existing target opens with its service chosen). */
function providerOf(endpoint: string | undefined): Provider {
  if (!endpoint) return 'aws-s3';
  if (/aliyuncs\.com/.test(endpoint)) return 'aliyun-oss';
  if (/myqcloud\.com/.test(endpoint)) return 'tencent-cos';
  if (/myhuaweicloud\.com/.test(endpoint)) return 'huawei-obs';
  return 'minio';
}

const endpointFor = (p: Provider, region: string) => STORAGE_PRESETS[p].endpoint.replace('{region}', region);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The publish target, set once: the storage service (presets fill endpoint, region and addressing
 * style), bucket and path, the public address and the activity collector. On the desktop the
 * access key is saved to the OS keychain; in web mode the form says where the key comes from.
 */
export function TargetForm({ open, settings, desktop, onClose, onSaved }: { open: boolean; settings?: Settings; desktop: boolean; onClose(): void; onSaved(s: Settings): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    const target = settings?.target;
    const provider = providerOf(target?.endpoint);
    form.setFieldsValue({
      provider,
      to: target?.to ?? '',
      endpoint: target ? target.endpoint : endpointFor('aliyun-oss', STORAGE_PRESETS['aliyun-oss'].region),
      region: target ? target.region : STORAGE_PRESETS['aliyun-oss'].region,
      pathStyle: target ? !!target.pathStyle : false,
      publicBase: target?.publicBase,
      collector: target?.collector,
      accessKeyId: undefined,
      secretAccessKey: undefined,
    });
    if (!target) form.setFieldValue('provider', 'aliyun-oss');
  }, [open, settings, form]);

  const pickProvider = (p: Provider) => {
    const preset = STORAGE_PRESETS[p];
    form.setFieldsValue({ endpoint: preset.endpoint ? endpointFor(p, preset.region) : undefined, region: preset.region, pathStyle: preset.pathStyle });
  };

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const target = {
        to: v.to.trim(),
        ...(blank(v.endpoint) ? { endpoint: blank(v.endpoint) } : {}),
        ...(blank(v.region) ? { region: blank(v.region) } : {}),
        ...(v.pathStyle ? { pathStyle: true } : {}),
        ...(blank(v.publicBase) ? { publicBase: blank(v.publicBase) } : {}),
        ...(blank(v.collector) ? { collector: blank(v.collector) } : {}),
      };
      const credentials = desktop && blank(v.accessKeyId) && v.secretAccessKey ? { accessKeyId: v.accessKeyId!.trim(), secretAccessKey: v.secretAccessKey } : undefined;
      const saved = await api('publish.configure', { target, ...(credentials ? { credentials } : {}) });
      message.success(t('publish.form.saved'));
      onSaved(saved);
    } catch (err) {
      // A refused field is shown on the field itself (target.to → "to").
      const field = err instanceof StudioError ? err.field?.replace(/^target\./, '') : undefined;
      if (field && ['to', 'endpoint', 'region', 'publicBase', 'collector', 'credentials'].includes(field)) {
        form.setFields([{ name: field === 'credentials' ? 'secretAccessKey' : (field as keyof Values), errors: [errorText(err, t)] }]);
      } else message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      onSaved(await api('publish.configure', { target: null }));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('publish.form.title')}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        settings?.target ? (
          <Popconfirm key="remove" title={t('publish.form.remove')} onConfirm={remove} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button danger>{t('publish.form.remove')}</Button>
          </Popconfirm>
        ) : null,
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => void save()} data-testid="publish-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="publish-form">
        <Form.Item name="provider" label={t('publish.form.provider')}>
          <Select onChange={pickProvider} options={STORAGE_PROVIDERS.map((p) => ({ value: p, label: t(`publish.provider.${p}` as MsgKey) }))} data-testid="publish-provider" />
        </Form.Item>
        <Form.Item name="to" label={t('publish.form.to')} extra={t('publish.form.toHelp')} rules={[{ required: true, pattern: /^s3:\/\/[^/\s]+(\/.*)?$/, message: t('publish.form.toHelp') }]}>
          <Input placeholder="s3://brand-packs/shequn" data-testid="publish-to" />
        </Form.Item>
        <Form.Item name="endpoint" label={t('publish.form.endpoint')} extra={t('publish.form.endpointHelp')}>
          <Input placeholder="https://s3.oss-cn-hangzhou.aliyuncs.com" data-testid="publish-endpoint" />
        </Form.Item>
        <Form.Item name="region" label={t('publish.form.region')}>
          <Input placeholder="cn-hangzhou" data-testid="publish-region" />
        </Form.Item>
        <Form.Item name="pathStyle" label={t('publish.form.pathStyle')} valuePropName="checked">
          <Switch data-testid="publish-path-style" />
        </Form.Item>
        <Form.Item name="publicBase" label={t('publish.form.publicBase')} extra={t('publish.form.publicBaseHelp')}>
          <Input placeholder="https://packs.brand.com/shequn" data-testid="publish-public-base" />
        </Form.Item>
        <Form.Item name="collector" label={t('publish.form.collector')} extra={t('publish.form.collectorHelp')}>
          <Input placeholder="https://studio.brand.com" data-testid="publish-collector" />
        </Form.Item>
        <Divider plain>{t('publish.form.keys')}</Divider>
        {desktop ? (
          <>
            <Alert type="info" showIcon message={t('publish.form.keychainHelp')} className="reach-alert" />
            <Form.Item name="accessKeyId" label={t('publish.form.keyId')}>
              <Input autoComplete="off" data-testid="publish-key-id" />
            </Form.Item>
            <Form.Item name="secretAccessKey" label={t('publish.form.secret')}>
              <Input.Password autoComplete="new-password" data-testid="publish-secret" />
            </Form.Item>
          </>
        ) : (
          <Alert
            type={settings?.credentials.present ? 'info' : 'warning'}
            showIcon
            message={t('publish.form.webKeys')}
            description={t(settings?.credentials.present ? 'publish.form.webKeysFound' : 'publish.form.webKeysMissing')}
            data-testid="publish-web-keys"
          />
        )}
      </Form>
    </Modal>
  );
}
