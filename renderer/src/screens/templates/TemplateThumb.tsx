import type { MethodOutput } from '../../../../src/api/contract';
import { useT, type MsgKey } from '../../i18n';

type Summary = MethodOutput<'templates.list'>[number];

/** A template's thumbnail (a calm placeholder naming the kind until a render is available). */
export function TemplateThumb({ summary }: { summary: Summary }) {
  const t = useT();
  return (
    <div className={`template-thumb template-thumb-${summary.kind}`} aria-hidden="true">
      <span>{t(`templates.kind.${summary.kind}` as MsgKey)}</span>
    </div>
  );
}
