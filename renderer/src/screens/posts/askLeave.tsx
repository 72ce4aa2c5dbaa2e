import { App, Button, Space } from 'antd';
import type { TFn } from '../../i18n';

/** Asks what to do with unsaved changes: save and leave, leave without saving, or stay. */
export function askLeave(modal: ReturnType<typeof App.useApp>['modal'], t: TFn, save: () => Promise<boolean>): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = modal.confirm({
      title: t('leave.title'),
      content: t('leave.body'),
      footer: () => (
        <Space className="leave-footer">
          <Button onClick={() => (dialog.destroy(), resolve(false))}>{t('leave.stay')}</Button>
          <Button danger onClick={() => (dialog.destroy(), resolve(true))} data-testid="leave-discard">
            {t('leave.discard')}
          </Button>
          <Button type="primary" onClick={async () => (dialog.destroy(), resolve(await save()))} data-testid="leave-save">
            {t('leave.save')}
          </Button>
        </Space>
      ),
    });
  });
}
