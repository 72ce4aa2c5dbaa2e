import { CheckCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n, type MsgKey } from '../../i18n';
import { VARIABLES, isVariableName } from '@shared';
import { prettyExcerpt, type ChecksState, type UiFinding } from './findings';

const ICON = { error: <ExclamationCircleOutlined />, warning: <WarningOutlined /> };

/** Check findings under the editors; each is a button that jumps to the text it is about. */
export function FindingsList({ checks, onJump, waiting = 0 }: { checks: ChecksState; onJump(f: UiFinding): void; waiting?: number }) {
  const { t, lang } = useI18n();
  const label = (n: string) => (isVariableName(n) ? (lang === 'zh' ? VARIABLES[n].zh : VARIABLES[n].en) : n);
  // A post field by its name in the settings form where one is known, else the field path.
  const where = (field: string) => {
    const name = t(`field.${field}` as MsgKey);
    return name === `field.${field}` ? field : name;
  };
  return (
    <section id="findings" className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title" className="findings-title">
        {t('findings.title')}
      </h2>
      {waiting > 0 && (
        <Typography.Paragraph type="secondary" className="findings-later" data-testid="findings-later">
          {t('starter.findingsLater')}
        </Typography.Paragraph>
      )}
      {!checks.available ? (
        <Typography.Text type="secondary">{t('findings.unavailable')}</Typography.Text>
      ) : checks.findings.length === 0 && waiting > 0 ? null : checks.findings.length === 0 ? (
        <Typography.Text type="success" className="findings-none" data-testid="findings-none">
          <CheckCircleOutlined /> {t('findings.none')}
        </Typography.Text>
      ) : (
        <ul className="findings-list" data-testid="findings">
          {checks.findings.map((f) => (
            <li key={f.key}>
              <button type="button" className={`finding finding-${f.severity}`} onClick={() => onJump(f)} data-rule={f.rule} data-testid="finding">
                <span className="finding-icon" aria-hidden="true">
                  {ICON[f.severity]}
                </span>
                <span className="finding-sev">{t(`findings.${f.severity}` as MsgKey)}</span>
                {(f.section || f.where) && <span className="finding-where">{f.section ? t(`editor.${f.section}` as MsgKey) : where(f.where!)}</span>}
                {f.excerpt && <span className="finding-term">“{prettyExcerpt(f.excerpt, label)}”</span>}
                <span className="finding-msg">{lang === 'zh' ? f.message.zh : f.message.en}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
