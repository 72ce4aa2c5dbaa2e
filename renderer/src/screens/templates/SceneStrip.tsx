import { useT, type MsgKey } from '../../i18n';
import type { outlineOf } from '../../lib/storyboard';

type Outline = NonNullable<ReturnType<typeof outlineOf>>;

/** A storyboard as a strip of its scenes (head/waist/leg) and end card, each as wide as it is long. */
export function SceneStrip({ outline, className = '', endLabel }: { outline: Outline; className?: string; endLabel?: string }) {
  const t = useT();
  return (
    <div className={`thumb-strip ${className}`.trim()}>
      {outline.scenes.map((s, i) => (
        <span key={i} className={`thumb-scene storyboard-${s.part}`} style={{ flexGrow: s.duration }}>
          {t(`editor.${s.part}` as MsgKey)} {s.duration}s
        </span>
      ))}
      {outline.endCard && (
        <span className="thumb-scene thumb-end" style={{ flexGrow: outline.endCard.duration }}>
          {endLabel ? `${endLabel} ` : ''}
          {outline.endCard.duration}s
        </span>
      )}
    </div>
  );
}
