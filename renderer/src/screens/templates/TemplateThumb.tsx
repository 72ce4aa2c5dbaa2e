import type { MethodOutput } from '../../../../src/api/contract';
import { useApi } from '../../app/useApi';
import { useT, type MsgKey } from '../../i18n';
import { outlineOf } from '../../lib/storyboard';

type Summary = MethodOutput<'templates.list'>[number];

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
export function TemplateThumb({ summary }: { summary: Summary }) {
  const t = useT();
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
          <div className="thumb-strip">
            {o.scenes.map((s, i) => (
              <span key={i} className={`thumb-scene storyboard-${s.part}`} style={{ flexGrow: s.duration }}>
                {t(`editor.${s.part}` as MsgKey)} {s.duration}s
              </span>
            ))}
            {o.endCard && (
              <span className="thumb-scene thumb-end" style={{ flexGrow: o.endCard.duration }}>
                {o.endCard.duration}s
              </span>
            )}
          </div>
        ) : null}
        {o && <span className="thumb-total">{o.total}s</span>}
      </div>
    );
  }
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
