import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, ColorPicker, Form, Input, Row, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText, useApi } from '../../app/useApi';
import { AssetImage } from '../../components/AssetImage';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ImageDrop } from '../../components/ImageDrop';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MsgKey } from '../../i18n';
import { contrastRatio, readableOn } from './contrast';
import { validated } from '../../lib/forms';

type Brand = MethodOutput<'brand.get'>;
const COLORS = ['primary', 'secondary', 'accent', 'background', 'text'] as const;

/** The brand kit: name, slogan, colours, logo and the brand IP, with a small live sample. */
export function BrandKit() {
  const t = useT();
  const { message } = App.useApp();
  const brand = useApi('brand.get', {});
  const [form] = Form.useForm<Brand>();
  const [busy, setBusy] = useState(false);
  const [logo, setLogo] = useState<string>();
  const [ipImage, setIpImage] = useState<string>();
  const live = Form.useWatch([], form) as Brand | undefined;
  useEffect(() => {
    if (!brand.data) return;
    form.setFieldsValue(brand.data);
    setLogo(brand.data.logo);
    setIpImage(brand.data.ip.image);
  }, [brand.data, form]);
  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      const next: Brand = { ...brand.data!, ...values, logo, ip: { ...brand.data!.ip, ...values.ip, image: ipImage } };
      brand.setData(await api('brand.update', { brand: next }));
      message.success(t('brand.saved'));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  if (brand.error) return <ErrorNotice error={brand.error} onRetry={brand.reload} />;
  if (!brand.data) return <Spin className="screen-spin" />;
  const colors = live?.colors ?? brand.data.colors;
  const ratio = contrastRatio(colors.text, colors.background);
  return (
    <div className="page">
      <PageHeader
        title={t('brand.title')}
        subtitle={t('brand.subtitle')}
        extra={
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save}>
            {t('common.save')}
          </Button>
        }
      />
      <Form<Brand> form={form} layout="vertical" initialValues={brand.data} requiredMark="optional">
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Card title={t('brand.title')} className="form-card">
              <Form.Item name="name" label={t('brand.f.name')} rules={[{ required: true, whitespace: true, message: t('stores.f.required') }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="slogan" label={t('brand.f.slogan')}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item label={t('brand.logo')}>
                <ImageDrop value={logo} name={live?.name ?? brand.data.name} onChange={setLogo} />
              </Form.Item>
            </Card>
            <Card title={t('brand.colors')} className="form-card">
              <div className="color-grid">
                {COLORS.map((c) => (
                  <Form.Item key={c} name={['colors', c]} label={t(`brand.color.${c}` as MsgKey)} getValueFromEvent={(color) => color.toHexString().toUpperCase()}>
                    <ColorPicker showText disabledAlpha format="hex" />
                  </Form.Item>
                ))}
              </div>
              {ratio < 4.5 && <Alert type="warning" showIcon message={t('brand.contrastWarn', { ratio: ratio.toFixed(1) })} />}
            </Card>
            <Card title={t('brand.ip')} className="form-card">
              <Typography.Paragraph type="secondary">{t('brand.ipHint')}</Typography.Paragraph>
              <div className="form-row">
                <Form.Item name={['ip', 'name']} label={t('brand.ip.name')} rules={[{ required: true, whitespace: true, message: t('stores.f.required') }]} className="form-half">
                  <Input maxLength={30} />
                </Form.Item>
                <Form.Item name={['ip', 'greeting']} label={t('brand.ip.greeting')} className="form-half">
                  <Input maxLength={60} />
                </Form.Item>
              </div>
              <Form.Item label={t('brand.ip.image')}>
                <ImageDrop value={ipImage} name={live?.ip?.name ?? brand.data.ip.name} onChange={setIpImage} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('brand.preview')} className="form-card brand-sample-card">
              <div className="brand-sample" style={{ background: colors.background, color: colors.text }}>
                <div className="brand-sample-bar" style={{ background: colors.primary }}>
                  {logo && <AssetImage id={logo} width={40} alt={t('brand.logo')} className="brand-sample-logo" />}
                  <span style={{ color: readableOn(colors.primary) }}>{live?.name ?? brand.data.name}</span>
                </div>
                <p className="brand-sample-slogan">{live?.slogan ?? brand.data.slogan}</p>
                <div className="brand-sample-ip">
                  {ipImage && <AssetImage id={ipImage} width={72} alt={t('brand.ip.image')} />}
                  <div>
                    <strong>{live?.ip?.name ?? brand.data.ip.name}</strong>
                    <p>{live?.ip?.greeting ?? brand.data.ip.greeting}</p>
                  </div>
                </div>
                <span className="brand-sample-badge" style={{ background: colors.accent, color: readableOn(colors.accent) }}>
                  {t('groups.format.poster')}
                </span>
                <span className="brand-sample-badge" style={{ background: colors.secondary, color: readableOn(colors.secondary) }}>
                  {t('groups.format.video')}
                </span>
              </div>
              <div className="swatches">
                {COLORS.map((c) => (
                  <div key={c} className="swatch">
                    <span style={{ background: colors[c] }} aria-hidden="true" />
                    <small>
                      {t(`brand.color.${c}` as MsgKey)} {colors[c]}
                    </small>
                  </div>
                ))}
              </div>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
