import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { creditStatusLabel, kindLabel, label } from '../labels';
import type { Session } from '../session';
import { formatShanghai, todayInShanghai } from '../time';
import type { FoundPerson, Paged } from '../types';
import { useLoad } from '../useLoad';
import { shanghaiDateAt } from './logic';
import { untilMore } from './reload';
import { useWorkT } from './messages';

interface UnitActivity {
  activityId: string;
  title: string;
  code: string | null;
  kind: string;
  credits: string;
  hours: string;
  annulled: string | null;
}
interface UnitCredit {
  creditId: string;
  personId: string;
  name: string | null;
  activityId: string;
  activityTitle: string | null;
  kind: string;
  amount: string;
  status: string;
  earnedAt: string | null;
  creditYear: number;
}
interface UnitCredits extends Paged<UnitCredit> {
  activities: UnitActivity[];
  countedTotal: string;
}

/** Employer: internal training and other unit-granted credits — the unit's activities, the credits granted under them, and a grant. */
export default function UnitCreditsPage({ session }: { session: Session | null }) {
  const t = useWorkT();
  const { message } = App.useApp();
  const org = session?.org ?? '';
  const jurisdiction = session?.jurisdictions[0] ?? 'CN-ZJ';
  const [year, setYear] = useState(2026);
  const credits = useLoad(
    async (y: number) =>
      (
        await api<UnitCredits>(
          `/organizers/${encodeURIComponent(org)}/credits?jurisdiction=${jurisdiction}&year=${y}&pageSize=100`,
        )
      ).body,
  );
  const staff = useLoad(async () => {
    const all: FoundPerson[] = [];
    for (let page = 1; ; page += 1) {
      const { body } = await api<Paged<FoundPerson>>(
        `/persons?jurisdiction=${jurisdiction}&employer=${encodeURIComponent(org)}&page=${page}&pageSize=100`,
      );
      all.push(...body.items);
      if (all.length >= body.total || body.items.length === 0) return all;
    }
  });
  useEffect(() => {
    void credits.run(year);
  }, [year]);
  useEffect(() => {
    void staff.run();
  }, []);
  const [personId, setPersonId] = useState<string | undefined>();
  const [activityId, setActivityId] = useState<string | undefined>();
  const [hours, setHours] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(todayInShanghai());
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<string | null>(null);
  const activity = credits.data?.activities.find((a) => a.activityId === activityId);

  const grant = async () => {
    setError(null);
    const earnedAt = shanghaiDateAt(date);
    if (!earnedAt) return setError(`${t('earnedAt')}：请按 2026-06-30 的格式填写`);
    try {
      const { body } = await api<{ amount: string; status: string }>('/credits', {
        method: 'POST',
        body: {
          personId,
          activityId,
          earnedAt,
          evidence: evidence.trim(),
          ...(hours.trim() ? { hours: hours.trim() } : {}),
          ...(amount.trim() ? { amount: amount.trim() } : {}),
        },
      });
      const who = staff.data?.find((p) => p.personId === personId)?.name ?? '';
      void message.success(`${who}：${body.amount} 学分，${label(creditStatusLabel, body.status)}`);
      setEvidence('');
      void untilMore(credits.data?.total ?? 0, () => credits.run(year));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('unitCredits')} · {org}
      </Typography.Title>
      <Space size="large">
        <Space>
          <label htmlFor="unit-year">{t('year')}</label>
          <InputNumber
            id="unit-year"
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => setYear(v ?? 2026)}
          />
        </Space>
        <Statistic title={t('countedTotal')} value={credits.data?.countedTotal ?? '0'} />
      </Space>
      <ErrorAlert error={credits.error ?? staff.error} />
      <Card title={t('grantCredit')}>
        <Form layout="vertical" onFinish={() => void grant()} style={{ maxWidth: 640 }}>
          <Form.Item label={t('name')} htmlFor="grant-person">
            <Select
              id="grant-person"
              showSearch
              optionFilterProp="label"
              value={personId}
              onChange={setPersonId}
              options={(staff.data ?? []).map((p) => ({
                value: p.personId,
                label: `${p.name ?? ''}（${p.idNumber ?? ''}）`,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('activity')} htmlFor="grant-activity">
            <Select
              id="grant-activity"
              value={activityId}
              onChange={setActivityId}
              options={(credits.data?.activities ?? [])
                .filter((a) => a.kind !== 'project' && a.annulled === null)
                .map((a) => ({
                  value: a.activityId,
                  label: `${a.title}（${label(kindLabel, a.kind)}）`,
                }))}
            />
          </Form.Item>
          {activity && (
            <Typography.Paragraph type="secondary">
              {label(kindLabel, activity.kind)}：{activity.credits} 学分 / {activity.hours} 学时
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Form.Item label={`${t('hours')}（内部培训：每 3 学时 1 学分）`} htmlFor="grant-hours">
              <Input
                id="grant-hours"
                value={hours}
                onChange={(e) => setHours(e.target.value)}
                style={{ width: 120 }}
              />
            </Form.Item>
            <Form.Item label={`${t('amount')}（规则未定时填写）`} htmlFor="grant-amount">
              <Input
                id="grant-amount"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                style={{ width: 120 }}
              />
            </Form.Item>
            <Form.Item label={`${t('earnedAt')}（北京时间）`} htmlFor="grant-date">
              <Input
                id="grant-date"
                value={date}
                onChange={(e) => setDate(e.target.value)}
                style={{ width: 140 }}
              />
            </Form.Item>
          </Space>
          <Form.Item label={`${t('evidence')}（至少 4 个字）`} htmlFor="grant-evidence">
            <Input
              id="grant-evidence"
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
            />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              message={error}
              role="alert"
              style={{ marginBottom: 12 }}
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            disabled={!personId || !activityId || evidence.trim().length < 4}
          >
            {t('grantCredit')}
          </Button>
        </Form>
      </Card>
      <DataTable<UnitActivity>
        caption={t('unitActivities')}
        rows={credits.data?.activities ?? []}
        rowKey="activityId"
        exportName={`unit-activities-${org}`}
        columns={[
          { title: t('title'), dataIndex: 'title' },
          { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(kindLabel, k) },
          { title: t('amount'), dataIndex: 'credits' },
          { title: t('hours'), dataIndex: 'hours' },
          {
            title: t('status'),
            dataIndex: 'annulled',
            render: (a: string | null) => (a ? `已作废：${a}` : '有效'),
          },
        ]}
        exportColumns={[
          { header: t('title'), value: (a) => a.title },
          { header: t('kind'), value: (a) => label(kindLabel, a.kind) },
          { header: t('amount'), value: (a) => a.credits },
          { header: t('hours'), value: (a) => a.hours },
        ]}
      />
      <DataTable<UnitCredit>
        caption={`${t('unitCredits')}（${credits.data?.total ?? 0}）`}
        rows={credits.data?.items ?? []}
        loading={credits.loading}
        rowKey="creditId"
        exportName={`unit-credits-${org}-${year}`}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('activity'), dataIndex: 'activityTitle' },
          { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(kindLabel, k) },
          { title: t('amount'), dataIndex: 'amount' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'counted' ? '#237804' : s === 'revoked' ? '#c41d1f' : undefined}>
                {label(creditStatusLabel, s)}
              </Tag>
            ),
          },
          { title: t('earnedAt'), dataIndex: 'earnedAt', render: formatShanghai },
        ]}
        exportColumns={[
          { header: t('name'), value: (c) => c.name },
          { header: t('activity'), value: (c) => c.activityTitle },
          { header: t('kind'), value: (c) => label(kindLabel, c.kind) },
          { header: t('amount'), value: (c) => c.amount },
          { header: t('status'), value: (c) => label(creditStatusLabel, c.status) },
          { header: `${t('earnedAt')}（北京时间）`, value: (c) => formatShanghai(c.earnedAt) },
          { header: '学分编号', value: (c) => c.creditId },
        ]}
      />
    </Space>
  );
}
