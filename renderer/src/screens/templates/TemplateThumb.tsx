import { useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { useApi } from '../../app/useApi';
import { outlineOf } from '../../lib/storyboard';
import { SceneStrip } from './SceneStrip';

type Summary = MethodOutput<'templates.list'>[number];

/** The variant thumbnails of poster templates are rendered for. */
export interface ThumbSample {
  post: string;
  group: string;
  store: string;
}

/** The first lines of a caption template, without its comment header. */
function captionLines(source: string): string[] {
  return source
    .replace(/\{\{!--[\s\S]*?--\}\}/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 7);
}

/** A template's thumbnail: caption lines, a storyboard strip with durations, or a poster layout sketch. */
export function TemplateThumb({ summary, sample }: { summary: Summary; sample?: ThumbSample }) {
  const tpl = useApi('templates.get', { id: summary.id });
  const v = tpl.data?.versions.find((x) => x.version === (summary.approved ?? summary.latest));
  if (summary.kind === 'caption')
    return (
      <div className="template-thumb template-thumb-caption" aria-hidden="true">
        <pre>{v ? captionLines(v.source).join('\n') : ''}</pre>
      </div>
    );
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
  return <PosterThumb summary={summary} sample={sample} />;
}

/** A poster template rendered small for a sample variant (its approved version, else the latest as a draft). */
function PosterThumb({ summary, sample }: { summary: Summary; sample?: ThumbSample }) {
  const [url, setUrl] = useState<string>();
  const version = summary.approved ?? summary.latest;
  useEffect(() => {
    if (!sample) return;
    let live = true;
    api('render.poster', { ...sample, size: '9x16', width: 180, template: { id: summary.id, version }, draft: summary.approved === null })
      .then((img) => live && setUrl(`data:${img.mime};base64,${img.base64}`))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sample, summary.id, summary.approved, version]);
  if (url)
    return (
      <div className="template-thumb template-thumb-poster" aria-hidden="true">
        <img src={url} alt="" />
      </div>
    );
  return (
    <div className="template-thumb template-thumb-poster" aria-hidden="true">
      <div className="thumb-poster">
        <span className="thumb-poster-head" />
        <span className="thumb-poster-body" />
        <span className="thumb-poster-card" />
      </div>
    </div>
  );
}
