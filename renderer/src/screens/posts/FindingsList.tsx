import { CheckCircleOutlined, ExclamationCircleOutlined, InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n, type MsgKey } from '../../i18n';
import type { UiFinding } from './preview/useChecks';

const ICON = { error: <ExclamationCircleOutlined />, warning: <WarningOutlined />, info: <InfoCircleOutlined /> };

/** Check findings under the editors; each is a button that jumps to the text it is about. */
export function FindingsList({ checks, onJump }: { checks: { findings: UiFinding[]; available: boolean }; onJump(f: UiFinding): void }) {
  const { t, lang } = useI18n();
  return (
    <section id="findings" className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title" className="findings-title">
        {t('findings.title')}
      </h2>
      {!checks.available ? (
        <Typography.Text type="secondary">{t('findings.unavailable')}</Typography.Text>
      ) : checks.findings.length === 0 ? (
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
                {f.section && (
                  <span className="finding-where">
                    {f.position ? t('findings.at', { section: t(`editor.${f.section}` as MsgKey), pos: f.position }) : t(`editor.${f.section}` as MsgKey)}
                  </span>
                )}
                {f.term && <span className="finding-term">“{f.term}”</span>}
                <span className="finding-msg">{lang === 'zh' ? f.message.zh : f.message.en}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
