import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import dayjs from 'dayjs';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import type { SaveState } from './useAutosave';

/** "Saved 10:42" / "Saving…" / "Unsaved changes" / the reason a save failed and what to do. */
export function SaveStatus({ state }: { state: SaveState }) {
  const t = useT();
  switch (state.kind) {
    case 'saved':
      return (
        <Typography.Text type="secondary" data-testid="save-status" data-state="saved">
          <CheckCircleOutlined /> {state.at ? t('editor.savedAt', { time: dayjs(state.at).format('HH:mm:ss') }) : t('common.saved')}
        </Typography.Text>
      );
    case 'saving':
      return (
        <Typography.Text type="secondary" data-testid="save-status" data-state="saving">
          <LoadingOutlined /> {t('common.saving')}
        </Typography.Text>
      );
    case 'dirty':
      return (
        <Typography.Text type="secondary" data-testid="save-status" data-state="dirty">
          {t('common.unsaved')}
        </Typography.Text>
      );
    case 'error':
      return (
        <Typography.Text type="danger" role="alert" data-testid="save-status" data-state="error">
          <ExclamationCircleOutlined /> {t('editor.saveFailed', { msg: errorText(state.error, t) })}
        </Typography.Text>
      );
  }
}
