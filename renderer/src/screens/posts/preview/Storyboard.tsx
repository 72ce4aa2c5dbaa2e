import type { RefObject } from 'react';
import type { MethodOutput } from '../../../../../src/api/contract';
import { VARIABLES, isVariableName } from '../../../../../src/compose/nodes';
import { AssetAvatar } from '../../../components/AssetImage';
import { useI18n, type MsgKey } from '../../../i18n';

type Post = MethodOutput<'posts.get'>;
type Store = MethodOutput<'stores.list'>[number];

/** A section's plain text from its Lexical JSON, variables as their labels (for storyboard captions). */
function sectionText(doc: unknown, label: (n: string) => string): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; name?: string; children?: unknown[] };
    if (node.type === 'text' && node.text) out.push(node.text);
    else if (node.type === 'variable' && node.name) out.push(label(node.name));
    else if (node.type === 'paragraph' || node.type === 'linebreak') out.push(' ');
    node.children?.forEach(walk);
  };
  walk((doc as { root?: unknown })?.root);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The short video as a storyboard sketch: the hook (head), the product (waist), the offer (leg)
 * and the store owner's end card — the scenes every storyboard template has, in order.
 */
export function Storyboard({ draft, revision, store }: { draft: RefObject<Post>; revision: number; store?: Store }) {
  const { t, lang } = useI18n();
  const label = (n: string) => (isVariableName(n) ? `{${lang === 'zh' ? VARIABLES[n].zh : VARIABLES[n].en}}` : n);
  const scenes = (['head', 'waist', 'leg'] as const).map((s) => ({ key: s, title: t(`editor.${s}` as MsgKey), text: sectionText(draft.current?.[s], label) }));
  return (
    <div className="storyboard" data-testid="storyboard" data-revision={revision} aria-label={t('preview.video')}>
      {scenes.map((s, i) => (
        <figure key={s.key} className={`storyboard-frame storyboard-${s.key}`}>
          <div className="storyboard-card">{s.text.slice(0, 40) || '…'}</div>
          <figcaption>
            {i + 1}. {s.title}
          </figcaption>
        </figure>
      ))}
      <figure className="storyboard-frame storyboard-end">
        <div className="storyboard-card storyboard-endcard">
          <AssetAvatar id={store?.avatar} name={store?.ownerName ?? '?'} size={28} shape="circle" />
          <span>{store ? store.nickname || store.ownerName : ''}</span>
        </div>
        <figcaption>4. {t('preview.endCard')}</figcaption>
      </figure>
    </div>
  );
}
