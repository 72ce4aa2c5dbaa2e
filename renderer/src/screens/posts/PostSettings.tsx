import { App, DatePicker, Drawer, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useSession } from '../../app/session';
import { errorText, useApi } from '../../app/useApi';
import { ImageDrop } from '../../components/ImageDrop';
import { useT, type MsgKey } from '../../i18n';
import { StateTag } from '../templates/StateTag';
import { ValidityNotice } from './Validity';

type Post = MethodOutput<'posts.get'>;
type Kind = 'caption' | 'poster' | 'video';

interface Fields {
  title: string;
  campaign: string;
  productName: string;
  price: number;
  originalPrice?: number | null;
  unit: string;
  offer: string;
  vipBenefit: string;
  limit?: number | null;
  /** Group type id → its hook (form fields `hooks.<id>`). */
  hooks: Record<string, string>;
  conversionUrl: string;
  valid: [Dayjs, Dayjs];
  groupTypes: string[];
  caption?: string;
  poster?: string;
  video?: string;
}

const pinKey = (p?: { template: string; version: number }) => (p ? `${p.template}@${p.version}` : undefined);
const parsePin = (s?: string) => {
  if (!s) return undefined;
  const [template, v] = s.split('@');
  return { template: template!, version: Number(v) };
};

/** Everything about a post besides its text: product, offer, VIP benefit, limit, link, dates, group types, a hook per group type, template versions. Changes apply live (autosaved). */
export function PostSettings({ open, post, onClose, onChange }: { open: boolean; post: Post; onClose(): void; onChange(next: Post): void }) {
  const t = useT();
  const { message } = App.useApp();
  const { actingAs } = useSession();
  const [form] = Form.useForm<Fields>();
  const groups = useApi('groups.list', {});
  const templates = useApi('templates.list', {});
  const initial = useMemo<Fields>(
    () => ({
      title: post.title,
      campaign: post.campaign,
      productName: post.product.name,
      price: post.product.price,
      originalPrice: post.product.originalPrice,
      unit: post.product.unit,
      offer: post.offer,
      vipBenefit: post.vipBenefit ?? '',
      limit: post.limit,
      hooks: { ...(post.hooks ?? {}) },
      conversionUrl: post.conversionUrl,
      valid: [dayjs(post.validFrom), dayjs(post.validUntil)],
      groupTypes: post.groupTypes,
      caption: pinKey(post.templates.caption),
      poster: pinKey(post.templates.poster),
      video: pinKey(post.templates.video),
    }),
    // Only when the drawer opens: while open, the form is the source of truth.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [open],
  );
  const apply = (changed: Partial<Fields>, f: Fields) => {
    // Moving to another template version is an explicit, audited act (posts.useVersion).
    for (const kind of ['caption', 'poster', 'video'] as const) {
      const pin = kind in changed ? parsePin(changed[kind]) : undefined;
      if (pin)
        api('posts.useVersion', { post: post.id, template: pin.template, version: pin.version, as: actingAs?.id }).catch((err) => {
          // Refused (e.g. a retired version): back to the pin the post had.
          message.error(errorText(err, t));
          form.setFieldValue(kind, pinKey(post.templates[kind]));
          onChange({ ...post, templates: { ...post.templates } });
        });
    }
    onChange({
      ...post,
      title: f.title?.trim() || post.title,
      campaign: f.campaign ?? '',
      product: { ...post.product, name: f.productName?.trim() || post.product.name, price: f.price ?? 0, originalPrice: f.originalPrice ?? undefined, unit: f.unit ?? '' },
      offer: f.offer ?? '',
      vipBenefit: f.vipBenefit?.trim() ?? '',
      limit: f.limit ? Math.round(f.limit) : undefined,
      // Empty hooks are dropped: that group type then opens with the head.
      hooks: Object.fromEntries(Object.entries(f.hooks ?? {}).map(([g, h]) => [g, (h ?? '').trim()] as const).filter(([, h]) => h)),
      conversionUrl: f.conversionUrl?.trim() ?? '',
      validFrom: f.valid?.[0]?.format('YYYY-MM-DD') ?? post.validFrom,
      validUntil: f.valid?.[1]?.format('YYYY-MM-DD') ?? post.validUntil,
      groupTypes: f.groupTypes ?? [],
      templates: { caption: parsePin(f.caption), poster: parsePin(f.poster), video: parsePin(f.video) },
    });
  };
  const targets = post.groupTypes.length ? (groups.data ?? []).filter((g) => post.groupTypes.includes(g.id)) : (groups.data ?? []);
  const asked = new Set<string>(['caption', ...targets.flatMap((g) => g.rules.formats)]);
  const versionOptions = (kind: Kind) =>
    (templates.data ?? [])
      .filter((x) => x.kind === kind)
      .flatMap((x) =>
        x.states
          .filter((s) => s.state !== 'retired')
          .map((s) => ({
            value: `${x.id}@${s.version}`,
            label: (
              <span>
                {x.name} <StateTag state={s.state} version={s.version} />
              </span>
            ),
          })),
      );
  return (
    <Drawer open={open} onClose={onClose} size="large" title={t('editor.details')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('editor.detailsHint')}</Typography.Paragraph>
      <ValidityNotice post={post} now={Date.now()} />
      <Form<Fields> form={form} layout="vertical" initialValues={initial} onValuesChange={apply} requiredMark="optional">
        <Form.Item name="title" label={t('posts.form.title')} rules={[{ required: true, whitespace: true, message: t('posts.form.titleRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="campaign" label={t('posts.form.campaign')}>
          <Input maxLength={60} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="productName" label={t('posts.form.product')} rules={[{ required: true, whitespace: true, message: t('posts.form.productRequired') }]} className="form-half">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="unit" label={t('posts.form.unit')} className="form-half">
            <Input maxLength={10} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="price" label={t('posts.form.price')} className="form-half">
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="originalPrice" label={t('posts.form.originalPrice')} className="form-half">
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t('posts.form.image')} extra={t('posts.form.imageHint')}>
          <ImageDrop value={post.product.image} name={post.product.name} onChange={(image) => onChange({ ...post, product: { ...post.product, image } })} />
        </Form.Item>
        <Form.Item name="offer" label={t('posts.form.offer')} extra={t('posts.form.offerHint')}>
          <Input maxLength={80} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="vipBenefit" label={t('posts.form.vipBenefit')} extra={t('posts.form.vipBenefitHint')} className="form-half">
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="limit" label={t('posts.form.limit')} extra={t('posts.form.limitHint')} className="form-half">
            <InputNumber min={1} step={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="conversionUrl" label={t('posts.form.url')} extra={t('posts.form.urlHint')} rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('posts.form.urlRequired') }]}>
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item name="valid" label={t('posts.form.valid')}>
          <DatePicker.RangePicker allowClear={false} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="groupTypes" label={t('posts.form.groups')} extra={t('posts.form.groupsHint')}>
          <Select mode="multiple" options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Typography.Title level={3} className="subsection-title">
          {t('posts.form.hooks')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('posts.form.hooksHint')}</Typography.Paragraph>
        {(groups.data ?? []).map((g) => (
          <Form.Item key={g.id} name={['hooks', g.id]} label={g.name}>
            <Input maxLength={120} data-testid={`hook-${g.id}`} />
          </Form.Item>
        ))}
        <Typography.Title level={3} className="subsection-title">
          {t('posts.form.templates')}
        </Typography.Title>
        {(['caption', 'poster', 'video'] as const).map((k) => (
          // Not optional when a group type of the post asks for this format: export refuses a variant it cannot make.
          <Form.Item key={k} name={k} label={t(`templates.kind.${k}` as MsgKey)} required={asked.has(k)}>
            <Select allowClear options={versionOptions(k)} />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
