import { Alert, App, Button, Input, InputNumber, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { label, titleLevelLabel } from '../labels';
import type { Session } from '../session';
import { formatShanghai } from '../time';
import { untilMore } from './reload';
import { useLoad } from '../useLoad';
import { useWorkT } from './messages';

interface StaffPlan {
  personId: string;
  name: string | null;
  idNumber: string | null;
  profession: string;
  titleLevel: string;
  approved: boolean;
  approvedAt: string | null;
  plan: string | null;
}
interface StaffPlans {
  total: number;
  year: number;
  approvedCount: number;
  items: StaffPlan[];
}

/** Employer: the staff's self-study plans of a year (R11: approved at the start of the year). */
export default function SelfStudyPlansPage({ session }: { session: Session | null }) {
  const t = useWorkT();
  const { message } = App.useApp();
  const org = session?.org ?? '';
  const jurisdiction = session?.jurisdictions[0] ?? 'CN-ZJ';
  const [year, setYear] = useState(2026);
  const plans = useLoad(async (y: number) => {
    // Every page: the unit approves plans for all of its staff.
    const all: StaffPlan[] = [];
    for (let page = 1; ; page += 1) {
      const { body } = await api<StaffPlans>(
        `/self-study-plans?jurisdiction=${jurisdiction}&employer=${encodeURIComponent(org)}&year=${y}&page=${page}&pageSize=100`,
      );
      all.push(...body.items);
      if (all.length >= body.total || body.items.length === 0) return { ...body, items: all };
    }
  });
  useEffect(() => {
    void plans.run(year);
  }, [year]);
  const [show, setShow] = useState<'all' | 'missing' | 'approved'>('all');
  const rows = (plans.data?.items ?? []).filter(
    (p) => show === 'all' || (show === 'approved') === p.approved,
  );
  const [approving, setApproving] = useState<StaffPlan | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const approve = async () => {
    const person = approving;
    if (!person) return;
    try {
      await api(`/persons/${person.personId}/self-study-plans`, {
        method: 'POST',
        body: { year, plan: text.trim() },
      });
      void message.success(`${person.name ?? ''}：${year} ${t('planApproved')}`);
      setApproving(null);
      // The count reads the person-directory projection, a moment behind the write.
      void untilMore(
        plans.data?.approvedCount ?? 0,
        () => plans.run(year),
        (p) => p.approvedCount,
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('plans')} · {org}
      </Typography.Title>
      <Space>
        <label htmlFor="plans-year">{t('year')}</label>
        <InputNumber
          id="plans-year"
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => setYear(v ?? 2026)}
        />
        <Typography.Text data-testid="plans-summary">
          {t('plansSummary')}：{plans.data?.approvedCount ?? 0} / {plans.data?.total ?? 0} 人
        </Typography.Text>
      </Space>
      <Radio.Group
        value={show}
        onChange={(e) => setShow(e.target.value as typeof show)}
        options={[
          { value: 'all', label: '全部' },
          { value: 'missing', label: t('planMissing') },
          { value: 'approved', label: t('planApproved') },
        ]}
        optionType="button"
      />
      <ErrorAlert error={plans.error} />
      <DataTable<StaffPlan>
        caption={`${t('staff')}（${year}）`}
        rows={rows}
        loading={plans.loading}
        rowKey="personId"
        exportName={`self-study-plans-${org}-${year}`}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('idNumber'), dataIndex: 'idNumber' },
          {
            title: t('titleLevel'),
            dataIndex: 'titleLevel',
            render: (v: string) => label(titleLevelLabel, v),
          },
          {
            title: t('status'),
            dataIndex: 'approved',
            render: (a: boolean) =>
              a ? <Tag color="#237804">{t('planApproved')}</Tag> : <Tag>{t('planMissing')}</Tag>,
          },
          { title: t('approvedAt'), dataIndex: 'approvedAt', render: formatShanghai },
          { title: t('plan'), dataIndex: 'plan' },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, p: StaffPlan) =>
              p.approved ? null : (
                <Button
                  size="small"
                  aria-label={`${t('approvePlan')} ${p.name ?? ''}`}
                  onClick={() => {
                    setText('');
                    setError(null);
                    setApproving(p);
                  }}
                >
                  {t('approvePlan')}
                </Button>
              ),
          },
        ]}
        exportColumns={[
          { header: t('name'), value: (p) => p.name },
          { header: t('idNumber'), value: (p) => p.idNumber },
          { header: t('titleLevel'), value: (p) => label(titleLevelLabel, p.titleLevel) },
          {
            header: t('status'),
            value: (p) => (p.approved ? t('planApproved') : t('planMissing')),
          },
          { header: `${t('approvedAt')}（北京时间）`, value: (p) => formatShanghai(p.approvedAt) },
          { header: t('plan'), value: (p) => p.plan },
        ]}
      />
      <Modal
        open={approving !== null}
        title={`${t('approvePlan')}：${approving?.name ?? ''}（${year}）`}
        okText={t('approvePlan')}
        okButtonProps={{ disabled: text.trim().length < 8 }}
        onOk={() => void approve()}
        onCancel={() => setApproving(null)}
      >
        <label htmlFor="plan-text">{`${t('plan')}（至少 8 个字）`}</label>
        <Input.TextArea
          id="plan-text"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {error && (
          <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 12 }} />
        )}
      </Modal>
    </Space>
  );
}
