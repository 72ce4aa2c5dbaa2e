import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Popconfirm, Segmented, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { errorText, useApi } from '../../app/useApi';
import { useI18n } from '../../i18n';
import { AddSlotModal } from './AddSlotModal';
import { dayOf, step, viewDays } from './dates';

type PlanList = MethodOutput<'plan.list'>;
type Slot = PlanList['slots'][number];
type Group = MethodOutput<'groups.list'>[number];

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 日历: rows are group types, columns days; slots are dragged to another day or group type; broken caps are red. */
export function CalendarScreen() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'week' | 'month'>('week');
  // The week (or month) shown: one the user stepped to, else the studio's today (China time, from
  // the server) — not this computer's date, which may already be tomorrow or still yesterday there.
  const [picked, setAnchor] = useState<Dayjs | undefined>();
  const [studioToday, setStudioToday] = useState<string>();
  const anchor = useMemo(() => picked ?? (studioToday ? dayjs(studioToday) : dayjs()), [picked, studioToday]);
  const days = useMemo(() => viewDays(mode, anchor), [mode, anchor]);
  const plan = useApi('plan.list', { from: days[0], to: days[days.length - 1] });
  const groups = useApi('groups.list', {});
  const posts = useApi('posts.list', {});
  const [adding, setAdding] = useState<{ group: Group; day: string } | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);

  const p = plan.data;
  useEffect(() => {
    if (p?.today) setStudioToday(p.today);
  }, [p?.today]);
  const severityOf = useMemo(() => {
    const m = new Map<string, 'error' | 'warning'>();
    for (const f of p?.findings ?? []) for (const id of f.slots) if (m.get(id) !== 'error') m.set(id, f.severity);
    return m;
  }, [p]);
  const cellKey = (group: string, day: string) => `${group}|${day}`;
  const byCell = useMemo(() => {
    const m = new Map<string, Slot[]>();
    for (const s of p?.slots ?? []) m.set(cellKey(s.group, s.at.slice(0, 10)), [...(m.get(cellKey(s.group, s.at.slice(0, 10))) ?? []), s]);
    return m;
  }, [p]);
  const perDayBroken = useMemo(() => new Set((p?.findings ?? []).filter((f) => f.ruleId === 'cadence.per_day').flatMap((f) => f.slots.map((id) => p!.slots.find((s) => s.id === id)).filter(Boolean).map((s) => cellKey(s!.group, s!.at.slice(0, 10))))), [p]);

  const move = async (id: string, group: string, day: string) => {
    const slot = p?.slots.find((s) => s.id === id);
    if (!slot || (slot.group === group && slot.at.startsWith(day))) return;
    const at = `${day} ${slot.at.slice(11)}`;
    try {
      await api('plan.move', { id, at, group });
      message.success(t('calendar.moved', { at }));
    } catch (err) {
      message.error(errorText(err, t));
    }
    await plan.reload();
  };
  const remove = async (id: string) => {
    try {
      await api('plan.remove', { id });
    } catch (err) {
      message.error(errorText(err, t));
    }
    await plan.reload();
  };
  const onDrop = (e: DragEvent, group: string, day: string) => {
    e.preventDefault();
    setDragOver(null);
    const id = e.dataTransfer.getData('text/x-shequn-slot');
    if (id) void move(id, group, day);
  };
  const capText = (g: string) => {
    const c = p?.caps[g];
    if (!c) return '';
    const parts = [
      c.perDay !== null && t('calendar.capDay', { n: c.perDay }),
      c.perWeek !== null && t('calendar.capWeek', { n: c.perWeek }),
      c.perMonth !== null && t('calendar.capMonth', { n: c.perMonth === 'days' ? t('calendar.monthDays') : c.perMonth }),
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('calendar.noCap');
  };
  const title = mode === 'week' ? `${days[0]} – ${days[6]}` : anchor.format(lang === 'zh' ? 'YYYY年M月' : 'MMMM YYYY');
  const wd = lang === 'zh' ? WEEKDAYS_ZH : WEEKDAYS_EN;

  const actions = (
    <Space wrap>
      <Segmented value={mode} onChange={(v) => setMode(v as 'week' | 'month')} options={[{ value: 'week', label: t('calendar.week') }, { value: 'month', label: t('calendar.month') }]} data-testid="calendar-mode" />
      <Button icon={<LeftOutlined />} aria-label={t('calendar.prev')} onClick={() => setAnchor(step(mode, anchor, -1))} />
      <Button onClick={() => setAnchor(undefined)}>{t('calendar.today')}</Button>
      <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => setAnchor(step(mode, anchor, 1))} />
      <Typography.Text strong className="calendar-range">{title}</Typography.Text>
    </Space>
  );
  return (
    <div className="page calendar-screen">
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} extra={actions} />
      {(plan.error || groups.error) && <ErrorNotice error={plan.error ?? groups.error} onRetry={() => void (plan.reload(), groups.reload())} />}
      {(!p || !groups.data) && !plan.error && <Spin className="screen-spin" />}
      {p && groups.data && (
        <>
          <div className={`calendar-grid calendar-${mode}`} style={{ gridTemplateColumns: mode === 'week' ? `180px repeat(7, minmax(120px, 1fr))` : `128px repeat(${days.length}, minmax(30px, 1fr))` }} role="grid" aria-label={title} data-testid="calendar-grid">
            <Row>
            <div className="calendar-corner" role="columnheader">{t('calendar.group')}</div>
            {days.map((d) => {
              const dj = dayOf(d);
              return (
                <div key={d} role="columnheader" className={`calendar-day${d === p.today ? ' is-today' : ''}${dj.day() === 0 || dj.day() === 6 ? ' is-weekend' : ''}`}>
                  {mode === 'week' ? `${wd[dj.day()]} ${dj.format('M/D')}` : dj.format('D')}
                </div>
              );
            })}
            </Row>
            {groups.data.map((g) => (
              <Row key={g.id}>
                <div className="calendar-group" role="rowheader">
                  <Typography.Text strong>{g.name}</Typography.Text>
                  <Typography.Text type="secondary" className="calendar-caps">{capText(g.id)}</Typography.Text>
                </div>
                {days.map((d) => {
                  const key = cellKey(g.id, d);
                  const slots = byCell.get(key) ?? [];
                  const broken = perDayBroken.has(key);
                  return (
                    <div
                      key={key}
                      role="gridcell"
                      data-cell={key}
                      className={`calendar-cell${broken ? ' is-broken' : ''}${dragOver === key ? ' is-over' : ''}${d < p.today ? ' is-past' : ''}`}
                      onDragOver={(e) => (e.preventDefault(), setDragOver(key))}
                      onDragLeave={() => setDragOver((k) => (k === key ? null : k))}
                      onDrop={(e) => onDrop(e, g.id, d)}
                    >
                      {slots.map((s) => (
                        <SlotChip key={s.id} slot={s} compact={mode === 'month'} severity={severityOf.get(s.id)} findings={p.findings.filter((f) => f.slots.includes(s.id))} onRemove={() => void remove(s.id)} />
                      ))}
                      <Tooltip title={t('calendar.addTo', { group: g.name, day: d })}>
                        <Button type="text" size="small" className="calendar-add" icon={<PlusOutlined />} aria-label={t('calendar.addTo', { group: g.name, day: d })} onClick={() => setAdding({ group: g, day: d })} />
                      </Tooltip>
                    </div>
                  );
                })}
              </Row>
            ))}
          </div>
          <Card size="small" title={p.findings.length ? t('calendar.findings', { n: p.findings.length }) : t('calendar.noFindings')} className="calendar-findings" data-testid="calendar-findings">
            {p.findings.length > 0 && (
              <List
                size="small"
                dataSource={p.findings}
                renderItem={(f) => (
                  <List.Item>
                    <Tag color={f.severity === 'error' ? 'red' : 'gold'}>{f.ruleId}</Tag>
                    {lang === 'zh' ? f.message.zh : f.message.en}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </>
      )}
      {adding && posts.data && (
        <AddSlotModal
          group={adding.group}
          day={adding.day}
          posts={posts.data.filter((x) => x.status !== 'archived' && (!x.groupTypes.length || x.groupTypes.includes(adding.group.id)))}
          onClose={() => setAdding(null)}
          onAdded={(findings) => {
            setAdding(null);
            if (findings.length) message.warning(lang === 'zh' ? findings[0]!.message.zh : findings[0]!.message.en);
            void plan.reload();
          }}
        />
      )}
      {adding && !posts.data && <Alert type="info" message="…" />}
    </div>
  );
}

/** The cells of one group type's row (a grid row needs no element of its own: `display: contents`). */
function Row({ children }: { children: React.ReactNode }) {
  return (
    <div role="row" className="calendar-row">
      {children}
    </div>
  );
}

function SlotChip({ slot, compact, severity, findings, onRemove }: { slot: Slot; compact: boolean; severity?: 'error' | 'warning'; findings: PlanList['findings']; onRemove(): void }) {
  const { t, lang } = useI18n();
  const time = slot.at.slice(11);
  const tip = (
    <div>
      <div>
        {slot.at} · {slot.groupName}
      </div>
      <div>{slot.title}</div>
      {findings.map((f) => (
        <div key={f.ruleId + f.message.en} className="calendar-tip-finding">
          ⚠ {lang === 'zh' ? f.message.zh : f.message.en}
        </div>
      ))}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <div
        className={`slot-chip${severity ? ` is-${severity}` : ''}`}
        draggable
        onDragStart={(e) => {
          e.dataTransfer.setData('text/x-shequn-slot', slot.id);
          e.dataTransfer.effectAllowed = 'move';
        }}
        data-slot={slot.id}
        data-severity={severity ?? 'ok'}
      >
        <span className="slot-time">{time}</span>
        {!compact && <span className="slot-title">{slot.title}</span>}
        {!compact && (
          <Popconfirm title={t('calendar.remove')} onConfirm={onRemove} okText={t('common.yes')} cancelText={t('common.no')}>
            <button type="button" className="slot-remove" aria-label={`${t('calendar.remove')} ${slot.title} ${slot.at}`}>
              ×
            </button>
          </Popconfirm>
        )}
      </div>
    </Tooltip>
  );
}
