import { Tag } from 'antd';
import { useT, type MsgKey } from '../../i18n';

const COLOR: Record<string, string> = { draft: 'default', in_review: 'gold', approved: 'green', changes_requested: 'volcano', retired: 'default' };

/** A template version's review state as a coloured tag. */
export function StateTag({ state, version }: { state: string; version?: number }) {
  const t = useT();
  return (
    <Tag color={COLOR[state] ?? 'default'}>
      {version !== undefined ? `v${version} · ` : ''}
      {t(`state.${state}` as MsgKey)}
    </Tag>
  );
}
