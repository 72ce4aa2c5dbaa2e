import { EyeOutlined } from '@ant-design/icons';
import { Image, Typography } from 'antd';
import type { RefObject } from 'react';
import type { MethodOutput } from '@contract';
import { VARIABLES, isVariableName } from '@shared';
import { api } from '../../../client';
import { errorText, useApi } from '../../../app/useApi';
import { useLatestCall } from '../../../lib/useLatestCall';
import { AssetAvatar } from '../../../components/AssetImage';
import { useI18n, type MsgKey } from '../../../i18n';
import { outlineOf } from '../../../lib/storyboard';

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

const DEFAULT_OUTLINE = { scenes: (['head', 'waist', 'leg'] as const).map((part) => ({ part, duration: 0 })), endCard: { duration: 0 }, total: 0 };

/**
 * The short video as a storyboard: the first frame of each scene and the store owner's end card,
 * drawn by the studio as the video will show them (video.storyboard), with their timing. Until the
 * first pictures arrive (or where the core cannot draw them) each scene shows its part's text.
 */
export function Storyboard({ draft, revision, group, store, size = '9x16' }: { draft: RefObject<Post>; revision: number; group?: string; store?: Store; size?: '9x16' | '1x1' }) {
  const { t, lang } = useI18n();
  const pin = draft.current?.templates.video;
  const tpl = useApi('templates.get', { id: pin?.template ?? '' }, { skip: !pin });
  const version = tpl.data?.versions.find((v) => v.version === pin?.version);
  const outline = (version && outlineOf(version.source)) || DEFAULT_OUTLINE;
  const label = (n: string) => (isVariableName(n) ? `{${lang === 'zh' ? VARIABLES[n].zh : VARIABLES[n].en}}` : n);
  const secs = (d: number) => (d ? ` · ${d}s` : '');
  const frames = useLatestCall(
    group && store ? { key: JSON.stringify([group, store.id, size]), revision } : undefined,
    (a) => {
      const [g, st, sz] = JSON.parse(a.key) as [string, string, '9x16' | '1x1'];
      return api('video.storyboard', { post: draft.current!, group: g, store: st, size: sz, width: 360 });
    },
    500,
  );
  // Only pictures of the store and group type chosen now (an older answer stays while a newer call fails).
  const shown = frames.value && frames.valueKey === JSON.stringify([group, store?.id, size]) ? frames.value : undefined;
  const total = shown?.total ?? outline.total;
  return (
    <>
      <div
        className={`storyboard${shown ? ' storyboard-pictures' : ''}${size === '1x1' ? ' storyboard-square' : ''}`}
        data-size={size}
        data-testid="storyboard"
        data-revision={frames.revision}
        data-store={shown ? store?.id : undefined}
        aria-busy={frames.loading}
        role="group"
        aria-label={`${t('preview.video')}${total ? ` · ${total}s` : ''}`}
      >
        {shown ? (
          <StoryboardPictures frames={shown.frames} />
        ) : (
          outline.scenes.map((s, i) => (
              <figure key={i} className={`storyboard-frame storyboard-${s.part}`}>
                <div className="storyboard-card">{sectionText(draft.current?.[s.part], label).slice(0, 40) || '…'}</div>
                <figcaption>
                  {t(`editor.${s.part}` as MsgKey)}
                  {secs(s.duration)}
                </figcaption>
              </figure>
            ))
        )}
        {!shown && outline.endCard && (
          <figure className="storyboard-frame storyboard-end">
            <div className="storyboard-card storyboard-endcard">
              <AssetAvatar id={store?.avatar} name={store?.ownerName ?? '?'} size={28} shape="circle" />
              <span>{store ? store.nickname || store.ownerName : ''}</span>
            </div>
            <figcaption>
              {t('preview.endCard')}
              {secs(outline.endCard.duration)}
            </figcaption>
          </figure>
        )}
      </div>
      {frames.error !== undefined && (
        <Typography.Text type="danger" className="chat-note storyboard-error" data-testid="storyboard-error">
          {t('preview.storyboardUnavailable', { msg: errorText(frames.error, t) })}
        </Typography.Text>
      )}
    </>
  );
}

type Frame = MethodOutput<'video.storyboard'>['frames'][number];

/** The storyboard's pictures with their part and length; click one to see them large, one after another. */
export function StoryboardPictures({ frames }: { frames: Frame[] }) {
  const { t } = useI18n();
  return (
    <Image.PreviewGroup>
      {frames.map((f, i) => (
        <figure key={i} className={`storyboard-frame storyboard-${f.part ?? 'end'}`}>
          <Image
            rootClassName="storyboard-shot-root"
            className="storyboard-shot"
            src={`data:${f.mime};base64,${f.base64}`}
            alt={f.part ? t(`editor.${f.part}` as MsgKey) : t('preview.endCard')}
            data-testid="storyboard-frame"
            preview={{ cover: <EyeOutlined aria-hidden /> }}
          />
          <figcaption>
            {f.part ? t(`editor.${f.part}` as MsgKey) : t('preview.endCard')}
            {f.duration ? ` · ${f.duration}s` : ''}
          </figcaption>
        </figure>
      ))}
    </Image.PreviewGroup>
  );
}
