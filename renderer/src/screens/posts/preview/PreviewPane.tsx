import type { RefObject } from 'react';
import type { MethodOutput } from '../../../../../src/api/contract';
import { useT } from '../../../i18n';

type Post = MethodOutput<'posts.get'>;

/** The live preview beside the editor (filled in when the compose/render apis are available). */
export function PreviewPane(_props: { draft: RefObject<Post>; revision: number; post: Post }) {
  const t = useT();
  return (
    <aside className="preview-col" aria-label={t('preview.title')}>
      <h2 className="preview-title">{t('preview.title')}</h2>
    </aside>
  );
}
