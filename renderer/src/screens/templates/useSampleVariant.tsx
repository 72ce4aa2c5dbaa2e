import { Select, Space } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '@contract';
import { useApi } from '../../app/useApi';
import { useT } from '../../i18n';

type Post = MethodOutput<'posts.list'>[number];
type Group = MethodOutput<'groups.list'>[number];
type Store = MethodOutput<'stores.list'>[number];

/**
 * The variant a template is previewed on: a post, one of its group types and a store that runs
 * it (the first of each until the author picks), with the pickers to change them.
 */
export function useSampleVariant(): { post?: Post; group?: Group; store?: Store; pickers: ReactNode } {
  const t = useT();
  const posts = useApi('posts.list', {});
  const groups = useApi('groups.list', {});
  const stores = useApi('stores.list', {});
  const [postId, setPostId] = useState<string>();
  const [groupId, setGroupId] = useState<string>();
  const [storeId, setStoreId] = useState<string>();
  const post = posts.data?.find((p) => p.id === postId) ?? posts.data?.[0];
  const groupChoices = useMemo(() => (groups.data ?? []).filter((g) => !post?.groupTypes.length || post.groupTypes.includes(g.id)), [groups.data, post]);
  const group = groupChoices.find((g) => g.id === groupId) ?? groupChoices[0];
  const storeChoices = useMemo(() => (stores.data ?? []).filter((s) => s.active && (!group || s.groupTypes.includes(group.id))), [stores.data, group]);
  const store = storeChoices.find((s) => s.id === storeId) ?? storeChoices[0];
  const pickers = (
    <Space wrap className="template-preview-controls">
      <Select size="small" aria-label={t('posts.title')} value={post?.id} onChange={setPostId} style={{ minWidth: 180 }} options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.title }))} />
      <Select size="small" aria-label={t('tpl.group')} value={group?.id} onChange={setGroupId} style={{ minWidth: 120 }} options={groupChoices.map((g) => ({ value: g.id, label: g.name }))} data-testid="sample-group" />
      <Select
        size="small"
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('tpl.store')}
        value={store?.id}
        onChange={setStoreId}
        style={{ minWidth: 180 }}
        options={storeChoices.map((s) => ({ value: s.id, label: s.storeName }))}
      />
    </Space>
  );
  return { post, group, store, pickers };
}
