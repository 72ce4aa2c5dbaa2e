import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Progress, Typography } from 'antd';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../../client';
import { followJob } from '../../../lib/jobs';
import { errorText } from '../../../app/useApi';
import { useT } from '../../../i18n';

type Post = MethodOutput<'posts.get'>;

type State =
  | { at: 'idle' }
  | { at: 'rendering'; job: string; percent: number }
  | { at: 'ready'; url: string; width: number; height: number; revision: number }
  | { at: 'failed'; message: string };

function base64ToBlobUrl(base64: string, mime: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

/**
 * The video tab's player (issue 17): on demand, the studio renders a small low-resolution MP4 of
 * the variant being previewed (a job with progress, cached by content key); it plays here. A new
 * group type or store cancels a render in flight and clears the player; an edit of the text marks
 * the shown video as older than the text.
 */
export function VideoPreviewPlayer({ draft, revision, group, store }: { draft: RefObject<Post>; revision: number; group?: string; store?: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ at: 'idle' });
  const live = useRef<{ job?: string; alive: boolean }>({ alive: true });

  // The variant changed (or the tab closed): stop the render in flight, forget the video.
  useEffect(() => {
    const mine = { alive: true } as { job?: string; alive: boolean };
    live.current = mine;
    setState({ at: 'idle' });
    return () => {
      mine.alive = false;
      if (mine.job) void api('jobs.cancel', { id: mine.job }).catch(() => undefined);
    };
  }, [group, store]);
  useEffect(() => () => {
    if (state.at === 'ready') URL.revokeObjectURL(state.url);
  }, [state]);

  const start = async () => {
    if (!group || !store || !draft.current) return;
    const mine = live.current;
    const asked = revision;
    try {
      const { job, key } = await api('video.previewStart', { post: draft.current, group, store });
      if (!mine.alive) return void api('jobs.cancel', { id: job }).catch(() => undefined);
      mine.job = job;
      setState({ at: 'rendering', job, percent: 0 });
      const s = await followJob(job, { current: () => mine.alive, onProgress: (p) => setState({ at: 'rendering', job, percent: p.total ? Math.round((p.done / p.total) * 100) : 0 }) });
      if (!s) return;
      mine.job = undefined;
      if (s.state !== 'done' || s.kind !== 'videoPreview' || !s.result) throw new Error(s.error?.message ?? s.state);
      const file = await api('video.preview', { key });
      if (!mine.alive) return;
      setState({ at: 'ready', url: base64ToBlobUrl(file.base64, file.mime), width: s.result.width, height: s.result.height, revision: asked });
    } catch (err) {
      if (mine.alive) setState({ at: 'failed', message: errorText(err, t) });
    }
  };
  const cancel = () => {
    if (state.at === 'rendering') void api('jobs.cancel', { id: state.job }).catch(() => undefined);
    live.current.alive = false;
    live.current = { alive: true };
    setState({ at: 'idle' });
  };

  return (
    <div className="video-player" data-testid="video-player" data-state={state.at} data-job={state.at === 'rendering' ? state.job : undefined}>
      {state.at === 'ready' ? (
        <>
          <video src={state.url} controls playsInline className="video-preview" data-testid="video-preview" aria-label={t('preview.video')} />
          <Typography.Text className="video-player-note">{t('preview.videoLowRes', { w: state.width, h: state.height })}</Typography.Text>
          {state.revision !== revision && (
            <Button size="small" ghost icon={<PlayCircleOutlined />} onClick={() => void start()}>
              {t('preview.videoPlay')}
            </Button>
          )}
        </>
      ) : state.at === 'rendering' ? (
        <div className="video-player-progress">
          <Typography.Text className="video-player-note">{t('preview.videoRendering', { n: state.percent })}</Typography.Text>
          <Progress percent={state.percent} size="small" showInfo={false} />
          <Button size="small" ghost onClick={cancel} data-testid="video-preview-cancel">
            {t('preview.videoCancel')}
          </Button>
        </div>
      ) : (
        <>
          <Button size="small" icon={<PlayCircleOutlined />} disabled={!group || !store} onClick={() => void start()} data-testid="video-preview-start">
            {t('preview.videoPlay')}
          </Button>
          {state.at === 'failed' && <Typography.Text type="danger">{t('preview.videoFailed', { msg: state.message })}</Typography.Text>}
        </>
      )}
    </div>
  );
}
