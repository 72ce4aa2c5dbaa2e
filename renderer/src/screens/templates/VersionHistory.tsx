import { Card, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MethodOutput } from '@contract';
import { useT } from '../../i18n';
import { useSession } from '../../app/session';
import { StateTag } from './StateTag';

type Template = MethodOutput<'templates.get'>;

/** Every version, newest first, with its state, author and review comments; click to open one. */
export function VersionHistory({ template, selected, onSelect }: { template: Template; selected: number; onSelect(v: number): void }) {
  const t = useT();
  const { users } = useSession();
  // People by name, as the review pages show them (ids only for accounts without one, e.g. the built-ins' "system").
  const who = (id: string) => users.find((u) => u.id === id)?.name || id;
  const versions = [...template.versions].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('tpl.versions')} size="small" className="form-card">
      <Timeline
        items={versions.map((v) => ({
          color: v.state === 'approved' ? 'green' : v.state === 'changes_requested' ? 'red' : v.state === 'in_review' ? 'gold' : 'gray',
          children: (
            <div className={v.version === selected ? 'version-item selected' : 'version-item'}>
              <button type="button" className="version-button" onClick={() => onSelect(v.version)} aria-pressed={v.version === selected}>
                <StateTag state={v.state} version={v.version} />
                <Typography.Text type="secondary">{t('tpl.by', { by: who(v.createdBy), at: dayjs(v.createdAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
              </button>
              {v.comments.map((c, i) => (
                <div key={i} className="version-comment">
                  <Typography.Text strong>{who(c.by)}</Typography.Text> <Typography.Text type="secondary">{dayjs(c.at).format('MM-DD HH:mm')}</Typography.Text>
                  {c.text && <div>“{c.text}”</div>}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
