import { App, Button, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { errorText } from '../../app/useApi';
import { useT } from '../../i18n';
import '../../tools.css';

type Group = MethodOutput<'groups.list'>[number];
type Mode = 'set' | 'add' | 'remove';

/** What to do with the stores selected in the table: switch them on or off, set their group types. */
export function BulkBar({ ids, groups, onDone, onClear }: { ids: string[]; groups: Group[]; onDone(): Promise<void> | void; onClear(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<Mode>('add');
  const [chosen, setChosen] = useState<string[]>([]);
  const run = async (change: { active?: boolean; groupTypes?: { mode: Mode; ids: string[] } }) => {
    setBusy(true);
    try {
      const r = await api('stores.bulkUpdate', { ids, ...change });
      message.success(t('bulk.done', { n: r.updated }));
      setEditing(false);
      await onDone();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  if (!ids.length) return null;
  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.region')} data-testid="bulk-bar">
      <Typography.Text strong>{t('bulk.selected', { n: ids.length })}</Typography.Text>
      <Space wrap>
        <Button loading={busy} onClick={() => void run({ active: true })} data-testid="bulk-activate">
          {t('bulk.activate')}
        </Button>
        <Button loading={busy} onClick={() => void run({ active: false })} data-testid="bulk-deactivate">
          {t('bulk.deactivate')}
        </Button>
        <Button onClick={() => setEditing(true)} data-testid="bulk-groups">
          {t('bulk.groups')}
        </Button>
        <Button type="link" onClick={onClear}>
          {t('bulk.clear')}
        </Button>
      </Space>
      <Modal
        open={editing}
        title={t('bulk.groupsTitle', { n: ids.length })}
        onCancel={() => setEditing(false)}
        onOk={() => void run({ groupTypes: { mode, ids: chosen } })}
        okButtonProps={{ disabled: mode !== 'set' && !chosen.length, loading: busy, 'data-testid': 'bulk-groups-ok' } as never}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} optionType="button" aria-label={t('bulk.mode')}>
            <Radio.Button value="add">{t('bulk.mode.add')}</Radio.Button>
            <Radio.Button value="remove">{t('bulk.mode.remove')}</Radio.Button>
            <Radio.Button value="set">{t('bulk.mode.set')}</Radio.Button>
          </Radio.Group>
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            aria-label={t('stores.f.groupTypes')}
            placeholder={t('stores.f.groupTypes')}
            value={chosen}
            onChange={setChosen}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            data-testid="bulk-groups-select"
          />
        </Space>
      </Modal>
    </div>
  );
}
