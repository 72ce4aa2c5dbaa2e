import { CloudDownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Statistic, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MethodInput, MethodOutput } from '@contract';
import { api } from '../../client';
import { useNav } from '../../app/nav';
import { useApi } from '../../app/useApi';
import { useIntent } from '../../app/intents';
import { shell } from '../../lib/shell';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useSay } from '../../i18n/engine';
import { ExportRun } from './ExportRun';
import { PortalPanel } from './PortalPanel';
import { RefusedList } from './RefusedList';
import { PublishPanel } from './publish/PublishPanel';
import { POSTER_SIZES } from '@contract/vocabulary';
import { validityAt } from '@shared';

type Selection = MethodInput<'export.start'>;
type Plan = MethodOutput<'export.plan'>;

/** Export: choose posts × stores × sizes (video on/off), see what it makes, run it as a job; the portal below. */
export function ExportScreen() {
  const t = useT();
  const say = useSay();
  const { go } = useNav();
  const posts = useApi('posts.list', {});
  const stores = useApi('stores.list', {});
  const [postIds, setPostIds] = useState<string[]>();
  const [allStores, setAllStores] = useState(true);
  const [storeIds, setStoreIds] = useState<string[]>([]);
  const [sizes, setSizes] = useState<string[]>([...POSTER_SIZES]);
  const [video, setVideo] = useState(true);
  const [zip, setZip] = useState(false);
  // Render workers (BullMQ over Redis): off by default, the studio renders on its own cores.
  const [onWorkers, setOnWorkers] = useState(false);
  const [queue, setQueue] = useState('');
  const [storage, setStorage] = useState('');
  const [endpoint, setEndpoint] = useState('');
  // The desktop chooses where packs go with its native folder picker (the File menu's "Export to folder…" too).
  const desktop = shell();
  // The pick comes back as a one-time grant (the core resolves it; this window never sends a path)
  // and the folder the packs go into (inside the pick), to show.
  const [out, setOut] = useState<{ grant: string; path: string }>();
  const pickOut = async () => {
    const picked = await desktop?.pickFolder();
    if (picked) setOut(picked);
  };
  useIntent('export-folder', () => void pickOut());
  // The plan with the selection it was made for: a plan of an older selection is never shown as this one's.
  const [plan, setPlan] = useState<{ plan?: Plan; error?: unknown; for?: string }>({});
  const [running, setRunning] = useState<Selection | null>(null);
  // Bumped by the export summary's "publish now": the publish panel below starts a publish.
  const [publishRequest, setPublishRequest] = useState(0);
  // Links change with the publish target: the portal panel is rebuilt to list the new ones.
  const [linksVersion, setLinksVersion] = useState(0);
  const activeStores = (stores.data ?? []).filter((s) => s.active);
  // Pre-selected: ready and valid now. Expired posts are never chosen (and cannot be), posts not started yet only by hand.
  const now = useMemo(() => Date.now(), [posts.data]);
  useEffect(() => {
    if (posts.data && postIds === undefined) setPostIds(posts.data.filter((p) => p.status === 'ready' && validityAt(p, now) === 'valid').map((p) => p.id));
  }, [posts.data, postIds, now]);
  const selection = useMemo<Selection>(
    () => ({
      posts: postIds ?? [],
      ...(allStores ? {} : { stores: storeIds }),
      sizes: sizes as Selection['sizes'],
      video,
      zip,
      ...(out ? { folder: out.grant } : {}),
      ...(onWorkers && queue.trim() ? { queue: queue.trim(), ...(storage.trim() ? { storage: storage.trim() } : {}), ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}) } : {}),
    }),
    [postIds, allStores, storeIds, sizes, video, zip, out, onWorkers, queue, storage, endpoint],
  );
  const { zip: _zip, folder: _folder, out: _out, queue: _queue, storage: _storage, endpoint: _endpoint, ...planInput } = selection;
  const planKey = JSON.stringify(planInput);
  // "Some stores" with none chosen is nothing to export (an empty store list would mean every store to the core).
  const noStores = !allStores && storeIds.length === 0;
  useEffect(() => {
    if (postIds === undefined || noStores) return;
    let live = true;
    const timer = setTimeout(() => {
      api('export.plan', JSON.parse(planKey) as typeof planInput)
        .then((p) => live && setPlan({ plan: p, for: planKey }))
        .catch((error) => live && setPlan({ error, for: planKey }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [planKey, postIds, noStores]);

  const storeName = (id: string) => stores.data?.find((s) => s.id === id)?.storeName ?? id;
  const current = plan.for === planKey && !noStores;
  const p = noStores ? { stores: 0, variants: 0, posters: 0, videos: 0, qr: 0, posts: [], empty: [], refused: [] } : plan.plan;
  const nothing = noStores || (!!p && (p.variants === 0 || (postIds?.length ?? 0) === 0));

  return (
    <div className="page">
      <PageHeader title={t('export.title')} subtitle={t('export.subtitle')} />
      {posts.data?.length === 0 || stores.data?.filter((s) => s.active).length === 0 ? (
        <EmptyState
          title={t('export.emptyTitle')}
          hint={t('export.emptyHint')}
          action={
            <Space>
              <Button onClick={() => void go({ screen: 'stores' })}>{t('nav.stores')}</Button>
              <Button type="primary" onClick={() => void go({ screen: 'posts' })}>
                {t('nav.posts')}
              </Button>
            </Space>
          }
        />
      ) : running ? (
        <ExportRun selection={running} storeName={storeName} onDone={() => setRunning(null)} onPublish={() => setPublishRequest((n) => n + 1)} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card size="small" className="form-card">
              <Form layout="vertical">
                <Form.Item label={t('export.posts')} extra={t('export.postsHint')}>
                  <Checkbox.Group
                    className="export-posts"
                    value={postIds}
                    onChange={(v) => setPostIds(v as string[])}
                    options={(posts.data ?? [])
                      .filter((x) => x.status !== 'archived')
                      .map((x) => {
                        const v = validityAt(x, now);
                        return {
                          value: x.id,
                          disabled: v === 'expired',
                          label: (
                            <span>
                              {x.title} {v !== 'valid' && <Tag color={v === 'expired' ? 'red' : 'gold'}>{t(v === 'expired' ? 'export.postsExpired' : 'export.postsNotStarted')}</Tag>}
                            </span>
                          ),
                        };
                      })}
                    data-testid="export-posts"
                  />
                </Form.Item>
                <Form.Item label={t('export.stores')}>
                  <Radio.Group value={allStores} onChange={(e) => setAllStores(e.target.value)}>
                    <Radio value={true}>{t('export.allStores', { n: activeStores.length })}</Radio>
                    <Radio value={false} data-testid="export-some-stores">
                      {t('export.someStores')}
                    </Radio>
                  </Radio.Group>
                  {!allStores && (
                    <Select
                      mode="multiple"
                      className="export-stores"
                      aria-label={t('export.someStores')}
                      value={storeIds}
                      onChange={setStoreIds}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={activeStores.map((s) => ({ value: s.id, label: `${s.storeName} · ${s.ownerName}` }))}
                      data-testid="export-stores"
                    />
                  )}
                </Form.Item>
                <Form.Item label={t('export.sizes')}>
                  <Checkbox.Group value={sizes} onChange={(v) => setSizes(v as string[])} options={POSTER_SIZES.map((s) => ({ value: s, label: s.replace('x', ':') }))} />
                </Form.Item>
                <Form.Item label={t('export.video')} extra={t('export.videoHint')}>
                  <Switch checked={video} onChange={setVideo} aria-label={t('export.video')} data-testid="export-video" />
                </Form.Item>
                {desktop && (
                  <Form.Item label={t('export.out')}>
                    <Space wrap>
                      <Typography.Text code={!!out} type={out ? undefined : 'secondary'} data-testid="export-out-choice">
                        {out?.path ?? t('export.outDefault')}
                      </Typography.Text>
                      <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void pickOut()} data-testid="export-pick-folder">
                        {t('export.outPick')}
                      </Button>
                      {out && (
                        <Button size="small" type="link" onClick={() => setOut(undefined)}>
                          {t('export.outReset')}
                        </Button>
                      )}
                    </Space>
                  </Form.Item>
                )}
                <Form.Item>
                  <Checkbox checked={zip} onChange={(e) => setZip(e.target.checked)}>
                    {t('export.zip')}
                  </Checkbox>
                </Form.Item>
                <Form.Item label={t('export.workers')} extra={t('export.workersHint')}>
                  <Switch checked={onWorkers} onChange={setOnWorkers} aria-label={t('export.workers')} data-testid="export-workers" />
                </Form.Item>
                {onWorkers && (
                  <>
                    <Form.Item label={t('export.queue')} required>
                      <Input value={queue} onChange={(e) => setQueue(e.target.value)} placeholder="redis://10.0.0.5:6379" aria-label={t('export.queue')} data-testid="export-queue" />
                    </Form.Item>
                    <Form.Item label={t('export.storage')} extra={t('export.storageHint')}>
                      <Space.Compact block>
                        <Input value={storage} onChange={(e) => setStorage(e.target.value)} placeholder="s3://bucket/prefix" aria-label={t('export.storage')} data-testid="export-storage" />
                        <Input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://minio.example:9000" aria-label={t('export.endpoint')} data-testid="export-endpoint" />
                      </Space.Compact>
                    </Form.Item>
                  </>
                )}
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('export.plan')} className="form-card" data-testid="export-plan" data-current={current || noStores ? 'yes' : 'no'} aria-busy={!current && !noStores}>
              {plan.error !== undefined && current && <ErrorNotice error={plan.error} />}
              {p && (
                <Space direction="vertical" style={{ width: '100%' }} size="middle">
                  <Row gutter={8}>
                    <Col span={6}>
                      <Statistic title={t('export.plan.stores')} value={p.stores} />
                    </Col>
                    <Col span={6}>
                      <Statistic title={t('export.plan.variants')} value={p.variants} />
                    </Col>
                    <Col span={6}>
                      <Statistic title={t('export.plan.posters')} value={p.posters} />
                    </Col>
                    <Col span={6}>
                      <Statistic title={t('export.plan.videos')} value={p.videos} />
                    </Col>
                  </Row>
                  {p.refused.length > 0 && (
                    <Alert
                      type="error"
                      showIcon
                      message={t('export.refusedTitle', { n: p.refused.length })}
                      description={
                        <>
                          <Typography.Paragraph type="secondary">{t('export.refusedHint')}</Typography.Paragraph>
                          <RefusedList refused={p.refused} testId="export-plan-refused" />
                        </>
                      }
                    />
                  )}
                  {p.empty.length > 0 && <Alert type="info" showIcon message={p.empty.map((e) => t('export.emptyStore', { store: storeName(e.store), reason: say({ message: e.reason, code: e.code }) })).join('；')} />}
                  {nothing && <Alert type="warning" showIcon message={t('export.nothing')} />}
                </Space>
              )}
              <Button
                type="primary"
                size="large"
                block
                icon={<CloudDownloadOutlined />}
                disabled={!p || nothing || (!allStores && storeIds.length === 0) || (onWorkers && !queue.trim())}
                onClick={() => {
                  setRunning(selection);
                  // The folder's grant is used up by this export: the next one asks again (or uses packs/).
                  setOut(undefined);
                }}
                className="export-start"
                data-testid="export-start"
              >
                {t('export.start')}
              </Button>
              <Typography.Paragraph type="secondary" className="export-note">
                {t('export.subtitle')}
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      )}
      <PublishPanel request={publishRequest} onChanged={() => setLinksVersion((n) => n + 1)} />
      <PortalPanel key={linksVersion} />
    </div>
  );
}
