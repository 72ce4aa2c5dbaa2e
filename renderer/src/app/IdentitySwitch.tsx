import { App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT, type MsgKey } from '../i18n';
import { useSession } from './session';
import { errorText } from './useApi';
import { StudioError } from '../client';

const LOCAL = '';

/**
 * The top bar's 当前身份: the local studio itself, or a workspace user — switching to a user asks for
 * that user's personal key, which the core checks before the switch happens.
 */
export function IdentitySwitch() {
  const t = useT();
  const { message } = App.useApp();
  const { users, actingAs, signInAs } = useSession();
  const [asking, setAsking] = useState<string>();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const user = users.find((u) => u.id === asking);
  const choose = (id: string) => {
    if (id === LOCAL) {
      void signInAs(LOCAL, '').then(() => message.info(t('identity.local')));
      return;
    }
    setError(undefined);
    setKey('');
    setAsking(id);
  };
  const confirm = async () => {
    if (!asking || !key.trim()) return setError(t('identity.keyRequired'));
    setBusy(true);
    try {
      await signInAs(asking, key.trim());
      message.success(t('identity.switched', { name: user?.name || asking }));
      setAsking(undefined);
    } catch (err) {
      // A wrong key is the common case: say it plainly, in the UI's language.
      setError(err instanceof StudioError && err.code === 'forbidden' && err.field === 'key' ? t('identity.wrongKey', { id: asking }) : errorText(err, t));
    } finally {
      setBusy(false);
      setKey('');
    }
  };
  return (
    <Space size={6}>
      <span id="acting-label" className="shell-label">
        {t('app.actingAs')}
      </span>
      <Select
        aria-labelledby="acting-label"
        size="small"
        style={{ minWidth: 170 }}
        value={actingAs?.id ?? LOCAL}
        onChange={choose}
        options={[
          { value: LOCAL, label: t('identity.localOption') },
          ...users.map((u) => ({ value: u.id, label: `${u.name || u.id} · ${t(`app.role.${u.role}` as MsgKey)}` })),
        ]}
        data-testid="acting-as"
      />
      <Modal
        open={!!asking}
        title={t('identity.title', { name: user?.name || asking || '' })}
        okText={t('identity.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setAsking(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('identity.hint', { id: asking ?? '' })}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void confirm()}>
          <Form.Item label={t('identity.key')} htmlFor="identity-key-input" validateStatus={error ? 'error' : undefined} help={error}>
            <Input.Password id="identity-key-input" aria-label={t('identity.key')} autoFocus value={key} onChange={(e) => setKey(e.target.value)} onPressEnter={() => void confirm()} autoComplete="off" data-testid="identity-key" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
