import { Button, Card, Form, InputNumber, Space, Statistic, Tabs, Typography, App } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { JurisdictionPicker } from '../components/JurisdictionPicker';
import { useT } from '../i18n';
import { label, regionLabel, titleLevelLabel } from '../labels';
import { loadSession } from '../session';
import { formatShanghai } from '../time';
import type { Paged } from '../types';
import { useLoad } from '../useLoad';

// ECharts is loaded with this screen's chart only, never with the first page.
const ComplianceChart = lazy(() => import('../components/ComplianceChart'));

interface Counts {
  people: number;
  compliant: number;
  exempt: number;
  short: number;
  rate: string;
}
interface Group {
  titleLevel: string;
  region: string | null;
  people: number;
  compliant: number;
  exempt: number;
  short: number;
  rate: string;
  target: string | null;
  meetsTarget: boolean | null;
}
interface Compliance {
  jurisdiction: string;
  year: number;
  overall: { people: number; compliant: number; exempt: number; short: number; rate: string };
  groups: Group[];
  byGrassroots: (Counts & { grassroots: boolean })[];
  targets: { source: string };
}
interface QueuedCredit {
  creditId: string;
  personId: string;
  name: string | null;
  amount: string;
  activityTitle: string | null;
  activityCode: string | null;
  earnedAt: string;
}
interface QueuedCorrection {
  correctionId: string;
  creditId: string;
  name: string | null;
  change: { kind: string; amount?: string };
  reason: string;
  requestedBy: string;
  heldBecause: string[];
  creditAmount: string | null;
}

const pct = (rate: string) => `${(Number(rate) * 100).toFixed(1)}%`;
/** Title levels from the highest down, then by region: how a committee reads its table. */
const titleOrder = ['senior', 'intermediate', 'junior', 'none'];
const byTitle = (groups: Group[]) =>
  [...groups].sort(
    (a, b) =>
      titleOrder.indexOf(a.titleLevel) - titleOrder.indexOf(b.titleLevel) ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );
const groupName = (g: Group) =>
  `${label(titleLevelLabel, g.titleLevel)}${g.region ? `·${label(regionLabel, g.region)}` : ''}`;

/** Committee: the compliance dashboard and the work queues of a jurisdiction-year. */
export default function CommitteePage() {
  const t = useT();
  const { message } = App.useApp();
  const jurisdictions = loadSession()?.jurisdictions ?? [];
  const [jurisdiction, setJurisdiction] = useState(
    jurisdictions[0] === 'CN' ? 'CN-ZJ' : jurisdictions[0],
  );
  const [year, setYear] = useState(2026);
  const stats = useLoad(async (j: string, y: number) => {
    const [now, before] = await Promise.all([
      api<Compliance>(`/statistics/compliance?jurisdiction=${j}&year=${y}`),
      api<Compliance>(`/statistics/compliance?jurisdiction=${j}&year=${y - 1}`),
    ]);
    return { now: now.body, before: before.body };
  });
  const remote = useLoad(
    async (j: string) =>
      (
        await api<Paged<QueuedCredit>>(
          `/credits?jurisdiction=${j}&status=awaiting-verification&pageSize=100`,
        )
      ).body,
  );
  const corrections = useLoad(
    async (j: string) =>
      (
        await api<Paged<QueuedCorrection>>(
          `/corrections?jurisdiction=${j}&status=awaiting-approval&pageSize=100`,
        )
      ).body,
  );
  const load = (j = jurisdiction, y = year) => {
    void stats.run(j, y);
    void remote.run(j);
    void corrections.run(j);
  };
  useEffect(() => load(), []);
  const decide = async (creditId: string, decision: 'verify' | 'reject') => {
    try {
      await api(`/credits/${creditId}/verification`, {
        method: 'POST',
        body:
          decision === 'verify'
            ? { decision }
            : { decision, reason: '无学习记录证明（no proof of study）' },
      });
      void message.success(decision === 'verify' ? '已核验通过' : '已驳回');
      void remote.run(jurisdiction);
      void stats.run(jurisdiction, year);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const s = stats.data?.now;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('committee')}</Typography.Title>
      <Form layout="inline" onFinish={() => load()}>
        <Form.Item label={t('region')} htmlFor="jurisdiction">
          <JurisdictionPicker id="jurisdiction" value={jurisdiction} onChange={setJurisdiction} />
        </Form.Item>
        <Form.Item label={t('year')} htmlFor="year">
          <InputNumber
            id="year"
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => setYear(v ?? 2026)}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('search')}
        </Button>
      </Form>
      <ErrorAlert error={stats.error} />
      {s && (
        <Card title={`${t('dashboard')} · ${s.jurisdiction} ${s.year}`} data-testid="dashboard">
          <Space size="large" wrap>
            <Statistic title={`${t('complianceRate')}（${s.year}）`} value={pct(s.overall.rate)} />
            {stats.data?.before && stats.data.before.overall.people > 0 && (
              <Statistic
                title={`${t('complianceRate')}（${s.year - 1}）`}
                value={pct(stats.data.before.overall.rate)}
              />
            )}
            <Statistic title="人数" value={s.overall.people} />
            <Statistic title={t('compliant')} value={s.overall.compliant} />
            <Statistic title={t('short')} value={s.overall.short} />
            <Statistic title={t('exempt')} value={s.overall.exempt} />
          </Space>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <ComplianceChart
              title={`${t('complianceRate')}与${t('target')}（按职称、地区）`}
              groups={byTitle(s.groups).map((g) => ({
                label: groupName(g),
                rate: Number(g.rate),
                target: g.target === null ? null : Number(g.target),
              }))}
            />
          </Suspense>
          <DataTable<Group & { key: string }>
            caption={`${t('complianceRate')}（按职称、地区）`}
            rows={byTitle(s.groups).map((g) => ({
              ...g,
              key: `${g.titleLevel}:${g.region ?? ''}`,
            }))}
            rowKey="key"
            exportName={`compliance-${s.jurisdiction}-${s.year}`}
            columns={[
              {
                title: t('titleLevel'),
                key: 'group',
                render: (_: unknown, g: Group) => groupName(g),
              },
              { title: '人数', dataIndex: 'people' },
              { title: t('compliant'), dataIndex: 'compliant' },
              { title: t('short'), dataIndex: 'short' },
              { title: t('exempt'), dataIndex: 'exempt' },
              { title: t('complianceRate'), dataIndex: 'rate', render: pct },
              {
                title: t('target'),
                dataIndex: 'target',
                render: (v: string | null) => (v === null ? '—' : pct(v)),
              },
            ]}
            exportColumns={[
              { header: t('titleLevel'), value: (g) => groupName(g) },
              { header: '人数', value: (g) => g.people },
              { header: t('compliant'), value: (g) => g.compliant },
              { header: t('short'), value: (g) => g.short },
              { header: t('exempt'), value: (g) => g.exempt },
              { header: t('complianceRate'), value: (g) => g.rate },
              { header: t('target'), value: (g) => g.target ?? '' },
            ]}
          />
          <DataTable<Counts & { grassroots: boolean; key: string }>
            caption={`${t('complianceRate')}（基层医疗卫生机构 / 其他）`}
            rows={s.byGrassroots.map((g) => ({ ...g, key: String(g.grassroots) }))}
            rowKey="key"
            exportName={`compliance-grassroots-${s.jurisdiction}-${s.year}`}
            columns={[
              {
                title: '机构',
                key: 'grassroots',
                render: (_: unknown, g: { grassroots: boolean }) =>
                  g.grassroots ? '基层医疗卫生机构 Grassroots' : '其他 Other',
              },
              { title: '人数', dataIndex: 'people' },
              { title: t('compliant'), dataIndex: 'compliant' },
              { title: t('short'), dataIndex: 'short' },
              { title: t('exempt'), dataIndex: 'exempt' },
              { title: t('complianceRate'), dataIndex: 'rate', render: pct },
            ]}
            exportColumns={[
              { header: '机构', value: (g) => (g.grassroots ? '基层' : '其他') },
              { header: '人数', value: (g) => g.people },
              { header: t('compliant'), value: (g) => g.compliant },
              { header: t('short'), value: (g) => g.short },
              { header: t('exempt'), value: (g) => g.exempt },
              { header: t('complianceRate'), value: (g) => g.rate },
            ]}
          />
          <Typography.Paragraph type="secondary">目标来源：{s.targets.source}</Typography.Paragraph>
        </Card>
      )}
      <Card title={t('queues')}>
        <Tabs
          items={[
            {
              key: 'remote',
              label: `${t('remoteAwaiting')}（${remote.data?.total ?? 0}）`,
              children: (
                <>
                  <ErrorAlert error={remote.error} />
                  <DataTable<QueuedCredit>
                    caption={t('remoteAwaiting')}
                    rows={remote.data?.items ?? []}
                    loading={remote.loading}
                    rowKey="creditId"
                    exportName={`remote-credits-${jurisdiction}`}
                    pageSize={10}
                    columns={[
                      { title: t('name'), dataIndex: 'name' },
                      { title: t('activity'), dataIndex: 'activityTitle' },
                      { title: '项目编号', dataIndex: 'activityCode' },
                      { title: t('amount'), dataIndex: 'amount' },
                      { title: '获得时间', dataIndex: 'earnedAt', render: formatShanghai },
                      {
                        title: '操作',
                        key: 'decide',
                        render: (_: unknown, c: QueuedCredit) => (
                          <Space>
                            <Button
                              size="small"
                              type="primary"
                              onClick={() => void decide(c.creditId, 'verify')}
                              aria-label={`${t('verifyCredit')} ${c.name ?? ''}`}
                            >
                              {t('verifyCredit')}
                            </Button>
                            <Button
                              size="small"
                              danger
                              onClick={() => void decide(c.creditId, 'reject')}
                              aria-label={`${t('rejectCredit')} ${c.name ?? ''}`}
                            >
                              {t('rejectCredit')}
                            </Button>
                          </Space>
                        ),
                      },
                    ]}
                    exportColumns={[
                      { header: '学分编号', value: (c) => c.creditId },
                      { header: t('name'), value: (c) => c.name },
                      { header: t('activity'), value: (c) => c.activityTitle },
                      { header: '项目编号', value: (c) => c.activityCode },
                      { header: t('amount'), value: (c) => c.amount },
                      { header: '获得时间（北京时间）', value: (c) => formatShanghai(c.earnedAt) },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'corrections',
              label: `${t('correctionsAwaiting')}（${corrections.data?.total ?? 0}）`,
              children: (
                <DataTable<QueuedCorrection>
                  caption={t('correctionsAwaiting')}
                  rows={corrections.data?.items ?? []}
                  rowKey="correctionId"
                  exportName={`corrections-${jurisdiction}`}
                  columns={[
                    { title: t('name'), dataIndex: 'name' },
                    {
                      title: '更正',
                      key: 'change',
                      render: (_: unknown, c: QueuedCorrection) =>
                        c.change.kind === 'revoke' ? '撤销' : `调整为 ${c.change.amount ?? ''}`,
                    },
                    { title: t('reason'), dataIndex: 'reason' },
                    { title: '申请人', dataIndex: 'requestedBy' },
                  ]}
                  exportColumns={[
                    { header: t('name'), value: (c) => c.name },
                    { header: '更正', value: (c) => JSON.stringify(c.change) },
                    { header: t('reason'), value: (c) => c.reason },
                    { header: '申请人', value: (c) => c.requestedBy },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
