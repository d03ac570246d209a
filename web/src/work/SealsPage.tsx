import {
  Alert,
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Verdict } from '../components/Verdict';
import { label, verdictLabel } from '../labels';
import { formatShanghai } from '../time';
import type { Paged } from '../types';
import { useLoad } from '../useLoad';
import { defaultJurisdiction, JurisdictionYear } from './JurisdictionYear';
import { useWorkT } from './messages';

interface Seal {
  jurisdiction: string;
  year: number;
  sealedAt: string;
  position: string;
  people: number;
  verdicts: { compliant: number; exempt: number; short: number; 'out-of-scope': number };
  verdictsDigest: string;
  dueBy: string | null;
  late: boolean;
}
interface Change {
  personId: string;
  name: string | null;
  idNumber: string | null;
  verdictAtSeal: string;
  countedAtSeal: string;
  verdictNow: string;
  countedNow: string;
}

/** Committee: seal a credit year (学分审验) and see what changed after the seal, by name. */
export default function SealsPage() {
  const t = useWorkT();
  const { message } = App.useApp();
  const [jurisdiction, setJurisdiction] = useState(defaultJurisdiction);
  const seals = useLoad(
    async (j: string) =>
      (await api<Paged<Seal>>(`/year-audits?jurisdiction=${j}&pageSize=100`)).body,
  );
  const [selected, setSelected] = useState<Seal | null>(null);
  const changes = useLoad(
    async (s: Seal) =>
      (await api<Paged<Change>>(`/year-audits/${s.jurisdiction}/${s.year}/changes?pageSize=100`))
        .body,
  );
  const [sealYear, setSealYear] = useState(2026);
  const [sealError, setSealError] = useState<string | null>(null);
  const open = (s: Seal) => {
    setSelected(s);
    void changes.run(s);
  };
  useEffect(() => {
    void seals.run(jurisdiction).then((page) => {
      if (page?.items[0]) open(page.items[0]);
    });
  }, []);

  const seal = async () => {
    setSealError(null);
    try {
      const { body } = await api<Seal>('/year-audits', {
        method: 'POST',
        body: { jurisdiction, year: sealYear },
      });
      void message.success(`已封存 ${body.jurisdiction} ${body.year}：${body.people} 人`);
      const page = await seals.run(jurisdiction);
      const sealed = page?.items.find((s) => s.year === sealYear);
      if (sealed) open(sealed);
    } catch (e) {
      setSealError((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('seals')}</Typography.Title>
      <JurisdictionYear
        jurisdiction={jurisdiction}
        onChange={(j) => setJurisdiction(j)}
        onSearch={() => void seals.run(jurisdiction)}
      />
      <Card title={t('sealYear')}>
        <Form layout="inline">
          <Form.Item label={t('year')} htmlFor="seal-year">
            <InputNumber
              id="seal-year"
              value={sealYear}
              min={2000}
              max={2100}
              onChange={(v) => setSealYear(v ?? 2026)}
            />
          </Form.Item>
          <Popconfirm title={t('sealConfirm')} onConfirm={() => void seal()} okText={t('sealYear')}>
            <Button type="primary">{t('sealYear')}</Button>
          </Popconfirm>
        </Form>
        {sealError && (
          <Alert type="error" showIcon message={sealError} role="alert" style={{ marginTop: 12 }} />
        )}
      </Card>
      <ErrorAlert error={seals.error} />
      <DataTable<Seal>
        caption={`${t('seals')} · ${jurisdiction}`}
        rows={seals.data?.items ?? []}
        loading={seals.loading}
        rowKey="year"
        exportName={`year-seals-${jurisdiction}`}
        columns={[
          { title: t('year'), dataIndex: 'year' },
          { title: t('sealedAt'), dataIndex: 'sealedAt', render: formatShanghai },
          { title: t('people'), dataIndex: 'people' },
          {
            title: t('compliant'),
            key: 'c',
            render: (_: unknown, s: Seal) => s.verdicts.compliant,
          },
          { title: t('exempt'), key: 'e', render: (_: unknown, s: Seal) => s.verdicts.exempt },
          { title: t('short'), key: 's', render: (_: unknown, s: Seal) => s.verdicts.short },
          {
            title: t('outOfScope'),
            key: 'o',
            render: (_: unknown, s: Seal) => s.verdicts['out-of-scope'],
          },
          {
            title: t('status'),
            dataIndex: 'late',
            render: (late: boolean) =>
              late ? <Tag color="#c41d1f">{t('late')}</Tag> : <Tag>按期</Tag>,
          },
          {
            title: t('postSeal'),
            key: 'open',
            render: (_: unknown, s: Seal) => (
              <Button
                size="small"
                aria-label={`${t('postSeal')} ${s.year}`}
                onClick={() => open(s)}
              >
                {t('postSeal')}
              </Button>
            ),
          },
        ]}
        exportColumns={[
          { header: t('year'), value: (s) => s.year },
          { header: `${t('sealedAt')}（北京时间）`, value: (s) => formatShanghai(s.sealedAt) },
          { header: t('people'), value: (s) => s.people },
          { header: t('compliant'), value: (s) => s.verdicts.compliant },
          { header: t('exempt'), value: (s) => s.verdicts.exempt },
          { header: t('short'), value: (s) => s.verdicts.short },
          { header: t('outOfScope'), value: (s) => s.verdicts['out-of-scope'] },
          { header: t('late'), value: (s) => (s.late ? '是' : '否') },
          { header: t('digest'), value: (s) => s.verdictsDigest },
          { header: '日志位置', value: (s) => s.position },
        ]}
      />
      {selected && (
        <Card
          title={`${t('postSeal')} · ${selected.jurisdiction} ${selected.year}`}
          data-testid="post-seal"
        >
          <Typography.Paragraph>
            {t('sealedAt')}：{formatShanghai(selected.sealedAt)}；{t('digest')}：
            <Typography.Text code>{selected.verdictsDigest.slice(0, 16)}…</Typography.Text>
          </Typography.Paragraph>
          <ErrorAlert error={changes.error} />
          <DataTable<Change>
            caption={`${t('postSeal')}（${changes.data?.total ?? 0}）`}
            rows={changes.data?.items ?? []}
            loading={changes.loading}
            rowKey="personId"
            exportName={`post-seal-${selected.jurisdiction}-${selected.year}`}
            columns={[
              { title: t('name'), dataIndex: 'name' },
              { title: t('idNumber'), dataIndex: 'idNumber' },
              {
                title: t('verdictAtSeal'),
                dataIndex: 'verdictAtSeal',
                render: (v: string) => <Verdict verdict={v} />,
              },
              { title: t('countedAtSeal'), dataIndex: 'countedAtSeal' },
              {
                title: t('verdictNow'),
                dataIndex: 'verdictNow',
                render: (v: string) => <Verdict verdict={v} />,
              },
              { title: t('countedNow'), dataIndex: 'countedNow' },
            ]}
            exportColumns={[
              { header: t('name'), value: (c) => c.name },
              { header: t('idNumber'), value: (c) => c.idNumber },
              { header: t('verdictAtSeal'), value: (c) => label(verdictLabel, c.verdictAtSeal) },
              { header: t('countedAtSeal'), value: (c) => c.countedAtSeal },
              { header: t('verdictNow'), value: (c) => label(verdictLabel, c.verdictNow) },
              { header: t('countedNow'), value: (c) => c.countedNow },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
