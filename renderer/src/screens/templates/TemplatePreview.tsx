import { Card, Typography } from 'antd';
import type { MethodOutput } from '../../../../src/api/contract';
import { useT } from '../../i18n';

type Template = MethodOutput<'templates.get'>;

/** Live preview of the source being edited (filled in when the render api is available). */
export function TemplatePreview({ template }: { template: Template; version: number; source: string }) {
  const t = useT();
  return (
    <Card title={t('tpl.preview')} size="small" className="form-card">
      <Typography.Text type="secondary">{t('tpl.previewUnavailable')} ({template.kind})</Typography.Text>
    </Card>
  );
}
