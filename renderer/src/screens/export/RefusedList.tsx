import { List, Tag, Typography } from 'antd';
import type { MethodOutput } from '@contract';
import { useI18n } from '../../i18n';

type Refused = MethodOutput<'export.plan'>['refused'][number];

/** Posts the export gate refused, each with its findings (rule, field, term and the message in the UI's language). */
export function RefusedList({ refused, testId }: { refused: Refused[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <List
      size="small"
      className="export-refused"
      data-testid={testId}
      dataSource={refused}
      renderItem={(r) => (
        <List.Item key={r.post} data-post={r.post}>
          <div>
            <Typography.Text strong>{r.title}</Typography.Text> <Typography.Text type="secondary">({r.post})</Typography.Text>{' '}
            <Tag color="red">{t('export.refusedScope', { n: r.variants, stores: r.stores.length })}</Tag>
            <ul className="export-refused-findings">
              {r.findings.map((f, i) => (
                <li key={i}>
                  <Tag>{f.rule}</Tag>
                  <Typography.Text code>{f.field}</Typography.Text>
                  {f.term && <Tag color="volcano">{f.term}</Tag>} {lang === 'zh' ? f.message.zh : f.message.en}
                </li>
              ))}
            </ul>
          </div>
        </List.Item>
      )}
    />
  );
}
