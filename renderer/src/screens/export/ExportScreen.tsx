import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';

/** Export (filled in when the export api is available). */
export function ExportScreen() {
  const t = useT();
  return (
    <div className="page">
      <PageHeader title={t('nav.export')} />
    </div>
  );
}
