import { Spin } from 'antd';
import type { MethodOutput } from '@contract';
import { errorText, useApi } from '../../app/useApi';
import { useT } from '../../i18n';
import { outlineOf } from '../../lib/storyboard';
import { SceneStrip } from './SceneStrip';

type Summary = MethodOutput<'templates.list'>[number];

/** A template's thumbnail: the caption it writes, a storyboard strip with durations, or the poster rendered small. */
export function TemplateThumb({ summary }: { summary: Summary }) {
  const tpl = useApi('templates.get', { id: summary.id }, { skip: summary.kind !== 'video' });
  const v = tpl.data?.versions.find((x) => x.version === (summary.approved ?? summary.latest));
  if (summary.kind === 'caption') return <CaptionThumb summary={summary} />;
  if (summary.kind === 'video') {
    const o = v && outlineOf(v.source);
    return (
      <div className="template-thumb template-thumb-video" aria-hidden="true">
        {o ? (
          <SceneStrip outline={o} />
        ) : null}
        {o && <span className="thumb-total">{o.total}s</span>}
      </div>
    );
  }
  return <PosterThumb summary={summary} />;
}

/**
 * A poster template rendered for the sample variant (the demo post and a store running its group
 * type) by templates.thumbnail: the approved version, else the latest as a draft; cached by the
 * studio under a key of everything it is made from.
 */
function PosterThumb({ summary }: { summary: Summary }) {
  const t = useT();
  const version = summary.approved ?? summary.latest;
  const thumb = useApi('templates.thumbnail', { template: summary.id, version });
  const img = thumb.data?.image;
  return (
    <div className="template-thumb template-thumb-poster" data-testid="template-thumb" data-key={thumb.data?.key}>
      {img ? (
        <img src={`data:${img.mime};base64,${img.base64}`} alt={t('tplx.thumbAlt', { name: summary.name })} />
      ) : thumb.data?.noSample ? (
        <span className="thumb-note">{t('tplx.noSample')}</span>
      ) : thumb.data?.note || thumb.error ? (
        <span className="thumb-note">{thumb.data?.note ?? errorText(thumb.error, t)}</span>
      ) : (
        <Spin size="small" />
      )}
    </div>
  );
}

/** A caption template as the text it writes for a sample group type and store, with which ones. */
function CaptionThumb({ summary }: { summary: Summary }) {
  const t = useT();
  const thumb = useApi('templates.thumbnail', { template: summary.id, version: summary.approved ?? summary.latest });
  const d = thumb.data;
  return (
    <div className="template-thumb template-thumb-caption" data-testid="template-thumb" data-key={d?.key}>
      {d?.sample && <span className="thumb-sample">{t('tplx.thumbSample', { group: d.sample.groupName, store: d.sample.storeName })}</span>}
      {d?.noSample ? <span className="thumb-note">{t('tplx.noSample')}</span> : d ? <p className="thumb-caption-text">{d.text ?? d.note}</p> : thumb.error ? <span className="thumb-note">{errorText(thumb.error, t)}</span> : <Spin size="small" />}
    </div>
  );
}
