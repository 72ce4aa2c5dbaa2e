import { Alert, Button } from 'antd';
import { errorText } from '../app/useApi';
import { useT } from '../i18n';

/** An error shown in place, with what to do and a retry when there is one. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={errorText(error, t)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
