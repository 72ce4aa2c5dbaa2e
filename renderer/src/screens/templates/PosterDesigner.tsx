import { Alert, Button, ColorPicker, Input, InputNumber, Segmented, Space, Switch, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { PosterDesign } from '@shared';
import { MIN_QR_PX, POSTER_SIZES } from '@contract/vocabulary';
import { useApi } from '../../app/useApi';
import { useT, type MsgKey } from '../../i18n';
import { atSize, openSource, qrSizeOf, withDesign, withFontSize, withQrSize, type Size } from './designEdits';

const COLORS = ['primary', 'secondary', 'accent', 'background', 'text'] as const;
const PARTS = ['product', 'ownerStrip', 'priceBadge', 'cta'] as const;
/** Text slots whose size the editor offers, in the order a poster reads. */
const FONT_SLOTS = ['title', 'hook', 'head', 'waist', 'offer', 'productName', 'storeName', 'ownerLine', 'catchphrase', 'brandName', 'badge', 'campaign'];

/**
 * The visual editor of a poster template (issue 17): brand colours, the parts shown, the call to
 * action, where the QR and the product sit, the QR size and the font sizes per size. It edits the
 * manifest the renderer reads (its `design` block, `textFit` and the `qr` layout number), leaving
 * every other byte of the source as it was; the source tab shows the result.
 */
export function PosterDesigner({ source, onChange, size, onSize, disabled }: { source: string; onChange(next: string): void; size: Size; onSize(s: Size): void; disabled?: boolean }) {
  const t = useT();
  const brand = useApi('brand.get', {});
  const [error, setError] = useState<string>();
  const opened = openSource(source);
  if (!opened.ok) return <Alert type="error" showIcon message={t('tplx.badSource', { msg: opened.error })} data-testid="designer-bad-source" />;
  const design: PosterDesign = opened.manifest.design ?? {};
  const apply = (fn: () => string) => {
    try {
      onChange(fn());
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const setDesign = (d: PosterDesign) => apply(() => withDesign(opened, d));
  const brandColors = brand.data?.colors as Record<string, string> | undefined;
  const place = design.place?.[size] ?? {};
  const setPlace = (k: 'qr' | 'product', v: string) => setDesign({ ...design, place: { ...design.place, [size]: { ...place, [k]: v === 'default' ? undefined : v } } });
  const qr = qrSizeOf(opened, size);
  const storeH = opened.manifest.sizes?.[size]?.store.h ?? 600;
  const fit = opened.manifest.textFit ?? {};
  const fontSlots = FONT_SLOTS.filter((s) => fit[s]);
  const sizeLabel = size.replace('x', ':');
  // Parts and places need a layout that reads design.show / design.place (the built-ins do); colours, QR and font sizes work on any.
  const usesParts = opened.rest.includes('design.show');
  const usesPlaces = opened.rest.includes('design.place');

  return (
    <div className="designer" data-testid="poster-designer">
      <div className="designer-row">
        <Typography.Text strong>{t('tplx.size')}</Typography.Text>
        <Segmented<Size> value={size} onChange={onSize} options={POSTER_SIZES.map((s) => ({ value: s, label: s.replace('x', ':') }))} data-testid="designer-size" />
      </div>
      <Typography.Paragraph type="secondary" className="designer-hint">
        {t('tplx.sizeHint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={t('tplx.badDesign', { msg: error })} data-testid="designer-error" />}

      <h3 className="designer-h">{t('tplx.colors')}</h3>
      <Typography.Paragraph type="secondary" className="designer-hint">
        {t('tplx.colorsHint')}
      </Typography.Paragraph>
      <div className="designer-colors">
        {COLORS.map((c) => {
          const own = design.colors?.[c];
          const value = own ?? brandColors?.[c] ?? '#000000';
          const set = (hex: string | undefined) => setDesign({ ...design, colors: { ...design.colors, [c]: hex } });
          return (
            <div key={c} className="designer-color">
              <span className="designer-color-label">{t(`tplx.color.${c}` as MsgKey)}</span>
              <ColorPicker
                value={value}
                disabledAlpha
                disabled={disabled}
                format="hex"
                presets={brandColors ? [{ label: t('tplx.color.brand'), colors: COLORS.map((k) => brandColors[k]!).filter(Boolean) }] : []}
                onChangeComplete={(col) => set(col.toHexString())}
              />
              <Input
                size="small"
                className="designer-hex"
                aria-label={t(`tplx.color.${c}` as MsgKey)}
                defaultValue={value}
                key={value}
                disabled={disabled}
                maxLength={7}
                onPressEnter={(e) => set((e.target as HTMLInputElement).value.trim())}
                onBlur={(e) => e.target.value.trim() !== value && set(e.target.value.trim())}
                data-testid={`design-color-${c}`}
              />
              {own && (
                <Tooltip title={t('tplx.color.reset')}>
                  <Button size="small" type="link" disabled={disabled} onClick={() => set(undefined)}>
                    {t('tplx.color.reset')}
                  </Button>
                </Tooltip>
              )}
            </div>
          );
        })}
      </div>

      <h3 className="designer-h">{t('tplx.parts')}</h3>
      {!usesParts && <Alert type="warning" showIcon className="designer-unsupported" message={t('tplx.partsUnsupported')} />}
      <div className="designer-parts">
        {PARTS.map((p) => (
          <label key={p} className="designer-part">
            <Switch size="small" checked={design.show?.[p] ?? true} disabled={disabled || !usesParts} onChange={(on) => setDesign({ ...design, show: { ...design.show, [p]: on ? undefined : false } })} data-testid={`design-show-${p}`} />
            <span>{t(`tplx.part.${p}` as MsgKey)}</span>
          </label>
        ))}
        <label className="designer-part">
          <Switch size="small" checked disabled />
          <span>{t('tplx.part.qr')}</span>
        </label>
      </div>
      <Typography.Paragraph type="secondary" className="designer-hint">
        {t('tplx.qrAlways', { min: MIN_QR_PX })}
      </Typography.Paragraph>
      <div className="designer-row">
        <span>{t('tplx.cta')}</span>
        <Input
          key={design.cta ?? ''}
          defaultValue={design.cta ?? ''}
          placeholder={t('tplx.ctaPlaceholder')}
          maxLength={16}
          disabled={disabled || design.show?.cta === false || !opened.rest.includes('design.cta')}
          onBlur={(e) => e.target.value.trim() !== (design.cta ?? '') && setDesign({ ...design, cta: e.target.value.trim() || undefined })}
          onPressEnter={(e) => setDesign({ ...design, cta: (e.target as HTMLInputElement).value.trim() || undefined })}
          data-testid="design-cta"
        />
      </div>

      <h3 className="designer-h">{t('tplx.places', { size: sizeLabel })}</h3>
      {!usesPlaces && <Alert type="warning" showIcon className="designer-unsupported" message={t('tplx.placesUnsupported')} />}
      {(['qr', 'product'] as const).map((k) => (
        <div key={k} className="designer-row">
          <span className="designer-row-label">{t(`tplx.place.${k}` as MsgKey)}</span>
          <Segmented
            size="small"
            disabled={disabled || !usesPlaces}
            value={place[k] ?? 'default'}
            onChange={(v) => setPlace(k, v as string)}
            options={['default', 'start', ...(k === 'product' ? ['center'] : []), 'end'].map((v) => ({ value: v, label: t(`tplx.place.${v}` as MsgKey) }))}
            data-testid={`design-place-${k}`}
          />
        </div>
      ))}
      {qr !== undefined && (
        <div className="designer-row">
          <span className="designer-row-label">{t('tplx.qrSize', { size: sizeLabel })}</span>
          <InputNumber size="small" aria-label={t('tplx.qrSize', { size: sizeLabel })} min={MIN_QR_PX} max={Math.max(MIN_QR_PX, storeH)} step={10} value={qr} disabled={disabled} addonAfter="px" onChange={(n) => n && n >= MIN_QR_PX && apply(() => withQrSize(opened, size, n))} data-testid="design-qr-size" />
        </div>
      )}

      <h3 className="designer-h">{t('tplx.fonts', { size: sizeLabel })}</h3>
      <Typography.Paragraph type="secondary" className="designer-hint">
        {t('tplx.fontsHint')}
      </Typography.Paragraph>
      <div className="designer-fonts">
        {fontSlots.map((slot) => {
          const rule = fit[slot]!;
          const min = atSize(rule.minFontSize, size) ?? 8;
          return (
            <div key={slot} className="designer-font">
              <span className="designer-row-label">{t(`tplx.slot.${slot}` as MsgKey)}</span>
              <Space size={4}>
                <InputNumber size="small" aria-label={t(`tplx.slot.${slot}` as MsgKey)} min={min} max={200} value={atSize(rule.fontSize, size)} disabled={disabled} onChange={(n) => n && n >= min && apply(() => withFontSize(opened, slot, size, n))} data-testid={`design-font-${slot}`} />
                <Typography.Text type="secondary" className="designer-font-min">
                  {t('tplx.fontMin', { n: min })}
                </Typography.Text>
              </Space>
            </div>
          );
        })}
      </div>
    </div>
  );
}
