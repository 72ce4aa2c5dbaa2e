import { Alert, List, Typography } from 'antd';
import type { MethodOutput } from '@contract';
import { useApi } from '../../app/useApi';
import { useT } from '../../i18n';

type Group = MethodOutput<'groups.list'>[number];

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** While a new post is written for a group type: the hooks (heads) that converted best there, from the results. */
export function BestHooks({ groups, selected }: { groups: Group[]; selected: string[] }) {
  const t = useT();
  const group = groups.find((g) => g.id === selected[0]);
  const hooks = useApi('results.report', { by: 'hook', group: group?.id ?? '' }, { skip: !group });
  const best = (hooks.data ?? []).filter((r) => r.key && r.orders > 0).slice(0, 3);
  if (!group || !best.length) return null;
  return (
    <Alert
      type="success"
      className="hooks-hint"
      data-testid="best-hooks"
      message={t('results.hooks.title', { group: group.name })}
      description={
        <List
          size="small"
          dataSource={best}
          renderItem={(r) => (
            <List.Item>
              <Typography.Text>{r.label}</Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', marginLeft: 8 }}>
                {t('results.hooks.item', { orders: r.orders, amount: yuan(r.amount) })}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
