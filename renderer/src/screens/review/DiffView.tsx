import type { MethodOutput } from '@contract';
import { useT } from '../../i18n';

type Hunk = MethodOutput<'review.proof'>['diff']['hunks'][number];

/** A unified diff of template sources: removed lines red, added lines green, with line numbers. */
export function DiffView({ hunks }: { hunks: Hunk[] }) {
  const t = useT();
  return (
    <div className="diff" role="table" aria-label={t('review.diff')}>
      {hunks.map((h, i) => {
        let oldNo = h.oldStart;
        let newNo = h.newStart;
        return (
          <div key={i} className="diff-hunk" role="rowgroup">
            <div className="diff-hunk-head" role="row">
              <span role="cell">
                @@ -{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@
              </span>
            </div>
            {h.lines.map((l, j) => {
              const o = l.op === '+' ? '' : oldNo++;
              const n = l.op === '-' ? '' : newNo++;
              const cls = l.op === '+' ? 'diff-add' : l.op === '-' ? 'diff-del' : 'diff-ctx';
              return (
                <div key={j} className={`diff-line ${cls}`} role="row">
                  <span className="diff-no" role="cell">{o}</span>
                  <span className="diff-no" role="cell">{n}</span>
                  <span className="diff-op" role="cell">{l.op}</span>
                  <span className="diff-text" role="cell">{l.text || ' '}</span>
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
