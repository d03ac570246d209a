import { Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Verdict } from '../components/Verdict';
import { useT } from '../i18n';
import { label, titleLevelLabel, verdictLabel } from '../labels';
import type { Session } from '../session';
import type { FoundPerson, Paged } from '../types';
import { useLoad } from '../useLoad';

/** Employer: the unit's staff with each person's year status — who is short and what is missing. */
export default function EmployerPage({ session }: { session: Session | null }) {
  const t = useT();
  const org = session?.org ?? '';
  const jurisdiction = session?.jurisdictions[0] ?? 'CN-ZJ';
  const [year, setYear] = useState(2026);
  const staff = useLoad(async (y: number) => {
    // Every page of the staff list, so that the export is the whole unit.
    const all: FoundPerson[] = [];
    for (let page = 1; ; page += 1) {
      const { body } = await api<Paged<FoundPerson>>(
        `/persons?jurisdiction=${jurisdiction}&employer=${encodeURIComponent(org)}&year=${y}&page=${page}&pageSize=100`,
      );
      all.push(...body.items);
      if (all.length >= body.total || body.items.length === 0) return all;
    }
  });
  useEffect(() => {
    void staff.run(year);
  }, [year]);
  const [filter, setFilter] = useState('');
  const all = staff.data ?? [];
  const rows = filter.trim()
    ? all.filter(
        (p) => (p.name ?? '').includes(filter.trim()) || (p.idNumber ?? '').includes(filter.trim()),
      )
    : all;
  const short = all.filter((p) => p.year?.verdict === 'short').length;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('employer')} · {org}
      </Typography.Title>
      <Space>
        <label htmlFor="year">{t('year')}</label>
        <InputNumber
          id="year"
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => setYear(v ?? 2026)}
        />
        <Typography.Text data-testid="staff-summary">
          共 {all.length} 人，{short} 人未达标
        </Typography.Text>
        <label htmlFor="filter">按姓名或身份证号筛选</label>
        <Input
          id="filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          allowClear
          style={{ width: 200 }}
        />
      </Space>
      <ErrorAlert error={staff.error} />
      <DataTable<FoundPerson>
        caption={`${t('staff')}（${year}）`}
        rows={rows}
        loading={staff.loading}
        rowKey="personId"
        exportName={`staff-${org}-${year}`}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('idNumber'), dataIndex: 'idNumber' },
          {
            title: t('titleLevel'),
            dataIndex: 'titleLevel',
            render: (v: string) => label(titleLevelLabel, v),
          },
          {
            title: t('verdict'),
            key: 'verdict',
            render: (_: unknown, p: FoundPerson) => <Verdict verdict={p.year?.verdict} />,
          },
          {
            title: t('counted'),
            key: 'credits',
            render: (_: unknown, p: FoundPerson) => p.year?.countedCredits ?? '0',
          },
          {
            title: t('hours'),
            key: 'hours',
            render: (_: unknown, p: FoundPerson) => p.year?.countedHours ?? '0',
          },
          {
            title: '缺少什么',
            key: 'missing',
            render: (_: unknown, p: FoundPerson) => p.year?.reasons.join('；') ?? '',
          },
        ]}
        exportColumns={[
          { header: t('name'), value: (p) => p.name },
          { header: t('idNumber'), value: (p) => p.idNumber },
          { header: t('titleLevel'), value: (p) => label(titleLevelLabel, p.titleLevel) },
          { header: t('verdict'), value: (p) => label(verdictLabel, p.year?.verdict) },
          { header: t('counted'), value: (p) => p.year?.countedCredits },
          { header: t('hours'), value: (p) => p.year?.countedHours },
          { header: '缺少什么', value: (p) => p.year?.reasons.join('；') },
        ]}
      />
    </Space>
  );
}
