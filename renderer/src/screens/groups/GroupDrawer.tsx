import { App, Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import { EMOJI_POLICIES, POSTER_SIZES } from '@contract/vocabulary';
import { validated } from '../../lib/forms';

type Group = MethodOutput<'groups.list'>[number];
type Channel = MethodOutput<'channels.list'>[number];

const EMPTY: Group = {
  id: '',
  name: '',
  description: '',
  tone: '',
  tip: '',
  rules: { captionMaxLength: 300, emojiAllowed: true, legWeight: 'normal', channels: [], formats: ['caption', 'poster'], sizes: [...POSTER_SIZES] },
  profile: { address: '', cares: '', badge: '', emoji: 'lively' },
};

/** The caps as the form edits them: empty per day / per week = no limit, empty per month = the month's days. */
type CapsForm = { perDay?: number | null; perWeek?: number | null; perMonth?: number | null };

function capsToForm(g: Group | null): CapsForm {
  const c = g?.caps ?? {};
  return { perDay: c.perDay === undefined ? 1 : c.perDay, perWeek: c.perWeek ?? null, perMonth: typeof c.perMonth === 'number' ? c.perMonth : null };
}

function capsFromForm(f: CapsForm | undefined): NonNullable<Group['caps']> {
  return { perDay: f?.perDay ?? null, perWeek: f?.perWeek ?? null, perMonth: f?.perMonth ?? 'days' };
}

/** Edit one group type: name, tone, tip, its rules and its profile (address, cares, badge, accent, emoji policy). */
export function GroupDrawer({ group, channels, onClose, onSaved }: { group: Group | null; channels: Channel[]; onClose(): void; onSaved(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Group>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      const { capsForm, ...rest } = values as Group & { capsForm?: CapsForm };
      const base = group ?? EMPTY;
      // An emptied accent field means "use the brand accent" (no value), not an invalid colour.
      const profile = { ...base.profile, ...rest.profile };
      if (!profile.accent) delete profile.accent;
      await api('groups.save', { group: { ...base, ...rest, rules: { ...base.rules, ...rest.rules }, profile, caps: capsFromForm(capsForm) } });
      message.success(t('groups.saved'));
      onSaved();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const req = { required: true, message: t('stores.f.required') };
  return (
    <Drawer
      open
      size="large"
      title={group ? `${t('groups.edit')} · ${group.name}` : t('groups.add')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={save}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Group> form={form} layout="vertical" initialValues={{ ...(group ?? EMPTY), capsForm: capsToForm(group) }} requiredMark="optional">
        <div className="form-row">
          <Form.Item name="name" label={t('common.name')} rules={[req]} className="form-half">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="id" label={t('common.id')} extra={t('common.idHelp')} rules={[req, { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, message: t('common.idHelp') }]} className="form-half">
            <Input disabled={!!group} maxLength={64} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="tone" label={t('groups.f.tone')}>
          <Input />
        </Form.Item>
        <Form.Item name="tip" label={t('groups.f.tip')} extra={t('groups.f.tipHint')}>
          <Input />
        </Form.Item>
        <div className="form-row">
          <Form.Item name={['rules', 'captionMaxLength']} label={t('groups.f.maxLength')} rules={[req]} className="form-half">
            <InputNumber min={20} max={5000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={['rules', 'emojiAllowed']} label={t('groups.f.emoji')} valuePropName="checked" className="form-half">
            <Switch />
          </Form.Item>
        </div>
        <Form.Item name={['rules', 'legWeight']} label={t('groups.f.legWeight')}>
          <Radio.Group
            optionType="button"
            options={(['light', 'normal', 'strong'] as const).map((w) => ({ value: w, label: t(`groups.leg.${w}`) }))}
          />
        </Form.Item>
        <Form.Item name={['rules', 'channels']} label={t('groups.f.channels')} rules={[{ required: true, type: 'array', min: 1, message: t('stores.f.required') }]}>
          <Select mode="multiple" options={channels.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name={['rules', 'formats']} label={t('groups.f.formats')} rules={[{ required: true, type: 'array', min: 1, message: t('stores.f.required') }]}>
          <Checkbox.Group options={(['caption', 'poster', 'video'] as const).map((f) => ({ value: f, label: t(`groups.format.${f}`) }))} />
        </Form.Item>
        <Form.Item name={['rules', 'sizes']} label={t('groups.f.sizes')}>
          <Checkbox.Group options={POSTER_SIZES.map((s) => ({ value: s, label: s.replace('x', ':') }))} />
        </Form.Item>
        <Form.Item label={t('groups.f.caps')} extra={t('groups.f.capsHint')}>
          <Space wrap>
            <Form.Item name={['capsForm', 'perDay']} label={t('groups.f.perDay')} noStyle>
              <InputNumber min={1} max={50} addonBefore={t('groups.f.perDay')} placeholder="∞" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name={['capsForm', 'perWeek']} label={t('groups.f.perWeek')} noStyle>
              <InputNumber min={1} max={100} addonBefore={t('groups.f.perWeek')} placeholder="∞" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name={['capsForm', 'perMonth']} label={t('groups.f.perMonth')} noStyle>
              <InputNumber min={1} max={500} addonBefore={t('groups.f.perMonth')} placeholder={t('groups.f.perMonthDays')} style={{ width: 200 }} />
            </Form.Item>
          </Space>
        </Form.Item>
        <div className="form-row">
          <Form.Item name={['profile', 'address']} label={t('groups.f.address')} extra={t('groups.f.addressHint')} className="form-half">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name={['profile', 'badge']} label={t('groups.f.badge')} extra={t('groups.f.badgeHint')} className="form-half">
            <Input maxLength={8} />
          </Form.Item>
        </div>
        <Form.Item name={['profile', 'cares']} label={t('groups.f.cares')} extra={t('groups.f.caresHint')}>
          <Input maxLength={60} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name={['profile', 'accent']} label={t('groups.f.accent')} extra={t('groups.f.accentHint')} rules={[{ pattern: /^#[0-9a-fA-F]{6}$/, message: t('groups.f.accentHint') }]} className="form-half">
            <Input maxLength={7} placeholder="#C2557A" />
          </Form.Item>
          <Form.Item name={['profile', 'emoji']} label={t('groups.f.emojiPolicy')} className="form-half">
            <Radio.Group optionType="button" options={EMOJI_POLICIES.map((p) => ({ value: p, label: t(`groups.emoji.${p}`) }))} />
          </Form.Item>
        </div>
      </Form>
    </Drawer>
  );
}
