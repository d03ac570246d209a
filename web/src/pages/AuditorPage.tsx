import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { creditColumns } from '../components/creditColumns';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { JurisdictionPicker } from '../components/JurisdictionPicker';
import { Verdict } from '../components/Verdict';
import { useT } from '../i18n';
import {
  creditStatusLabel,
  eventLabel,
  kindLabel,
  label,
  roleLabel,
  subjectLabel,
  titleLevelLabel,
} from '../labels';
import { loadSession } from '../session';
import { endOfShanghaiDay, formatShanghai } from '../time';
import type { Credit, FoundPerson, Paged, PersonYear, TraceStep } from '../types';
import { useLoad } from '../useLoad';

interface Trace {
  creditId: string;
  asOf: string | null;
  steps: TraceStep[];
}
interface Verification {
  ok: boolean;
  streams: number;
  events: number;
  firstBreak: unknown;
  digest: { position: string; root: string };
}

/** Auditor: person → year (verdict, reasons, profile) → credit trace as of a date; log verification. */
export default function AuditorPage() {
  const t = useT();
  const jurisdictions = loadSession()?.jurisdictions ?? [];
  const [jurisdiction, setJurisdiction] = useState(
    jurisdictions[0] === 'CN' ? 'CN-ZJ' : jurisdictions[0],
  );
  const [idNumber, setIdNumber] = useState('');
  const [year, setYear] = useState(2026);
  const [asOfDate, setAsOfDate] = useState('');
  const [asOfError, setAsOfError] = useState<string | null>(null);
  const persons = useLoad(
    async (j: string, id: string, y: number) =>
      (
        await api<Paged<FoundPerson>>(
          `/persons?jurisdiction=${j}&idNumber=${encodeURIComponent(id)}&year=${y}`,
        )
      ).body,
  );
  const personYear = useLoad(async (personId: string, y: number, asOf: string | null) => {
    const q = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
    const [yearBody, credits] = await Promise.all([
      api<PersonYear>(`/persons/${personId}/years/${y}${q}`),
      api<{ credits: Credit[] }>(`/persons/${personId}/credits?year=${y}`),
    ]);
    return { year: yearBody.body, credits: credits.body.credits };
  });
  const trace = useLoad(
    async (creditId: string, asOf: string | null) =>
      (
        await api<Trace>(
          `/credits/${creditId}/trace${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
        )
      ).body,
  );
  const verification = useLoad(async () => (await api<Verification>('/audit/verification')).body);

  const asOf = (): string | null | undefined => {
    if (!asOfDate) return null;
    const instant = endOfShanghaiDay(asOfDate);
    setAsOfError(instant ? null : '截至日期格式应为 YYYY-MM-DD（as of: YYYY-MM-DD）');
    return instant ?? undefined;
  };
  const search = async () => {
    const at = asOf();
    if (at === undefined) return;
    trace.setData(null);
    personYear.setData(null);
    const found = await persons.run(jurisdiction, idNumber.trim(), year);
    const person = found?.items[0];
    if (person) await personYear.run(person.personId, year, at);
  };
  const person = persons.data?.items[0];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('auditor')}</Typography.Title>
      <Card title={t('search')}>
        <Form layout="inline" onFinish={() => void search()}>
          <Form.Item label={t('region')} htmlFor="jurisdiction">
            <JurisdictionPicker id="jurisdiction" value={jurisdiction} onChange={setJurisdiction} />
          </Form.Item>
          <Form.Item label={t('idNumber')} htmlFor="idNumber">
            <Input
              id="idNumber"
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              style={{ width: 220 }}
              autoComplete="off"
            />
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
          <Form.Item label={`${t('asOf')}（北京时间当日结束）`} htmlFor="asOf">
            <Input
              id="asOf"
              placeholder="2026-11-30"
              value={asOfDate}
              onChange={(e) => setAsOfDate(e.target.value)}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={persons.loading}>
            {t('search')}
          </Button>
        </Form>
        <ErrorAlert error={asOfError ?? persons.error ?? personYear.error} />
        {persons.data && persons.data.total === 0 && (
          <Typography.Paragraph>
            未找到此身份证号的人员（no such person in {jurisdiction}）
          </Typography.Paragraph>
        )}
      </Card>

      {person && personYear.data && (
        <Card
          title={`${person.name ?? '（已删除）'} · ${year} ${t('year')}`}
          data-testid="person-year"
        >
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label={t('name')}>{person.name}</Descriptions.Item>
            <Descriptions.Item label={t('idNumber')}>{person.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t('titleLevel')}>
              {label(titleLevelLabel, person.titleLevel)}
            </Descriptions.Item>
            <Descriptions.Item label={t('verdict')}>
              <Verdict verdict={personYear.data.year.verdict} />
            </Descriptions.Item>
            <Descriptions.Item label={t('counted')}>
              {personYear.data.year.counted.credits}
            </Descriptions.Item>
            <Descriptions.Item label={t('hours')}>
              {personYear.data.year.counted.hours}
            </Descriptions.Item>
            <Descriptions.Item label={t('pending')}>
              {personYear.data.year.pending.credits}
            </Descriptions.Item>
            <Descriptions.Item label={t('profile')}>
              {personYear.data.year.profile}
            </Descriptions.Item>
            <Descriptions.Item label={t('asOf')}>
              {personYear.data.year.asOf
                ? formatShanghai(personYear.data.year.asOf)
                : '当前（now）'}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('category')} I / II`}>
              {personYear.data.year.counted.byCategory.I ?? '0'} /{' '}
              {personYear.data.year.counted.byCategory.II ?? '0'}
            </Descriptions.Item>
            <Descriptions.Item label={`${subjectLabel.public} / ${subjectLabel.professional}`}>
              {personYear.data.year.counted.bySubject.public ?? '0'} /{' '}
              {personYear.data.year.counted.bySubject.professional ?? '0'}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header={<strong>{t('reasons')}</strong>}
            dataSource={personYear.data.year.reasons.length ? personYear.data.year.reasons : ['—']}
            renderItem={(r) => <List.Item>{r}</List.Item>}
          />
          <DataTable<Credit>
            caption={t('credits')}
            rows={personYear.data.credits}
            rowKey="creditId"
            exportName={`credits-${person.personId}-${year}`}
            columns={[
              ...creditColumns(t),
              {
                title: t('trace'),
                key: 'trace',
                render: (_: unknown, c: Credit) => (
                  <Button
                    size="small"
                    onClick={() => {
                      const at = asOf();
                      if (at !== undefined) void trace.run(c.creditId, at);
                    }}
                  >
                    {t('trace')}
                  </Button>
                ),
              },
            ]}
            exportColumns={[
              { header: '学分编号', value: (c) => c.creditId },
              { header: t('amount'), value: (c) => c.amount },
              { header: t('status'), value: (c) => label(creditStatusLabel, c.status) },
              { header: '类型', value: (c) => label(kindLabel, c.kind) },
              { header: t('subject'), value: (c) => label(subjectLabel, c.subject) },
              { header: '获得时间（北京时间）', value: (c) => formatShanghai(c.earnedAt) },
              { header: '计算', value: (c) => c.calculation },
              { header: t('reasons'), value: (c) => c.reasons.join('；') },
            ]}
          />
        </Card>
      )}

      <ErrorAlert error={trace.error} />
      {trace.data && (
        <Card
          title={`${t('trace')} · ${trace.data.creditId}`}
          data-testid="trace"
          extra={
            <Button size="small" onClick={() => window.print()}>
              {t('print')}
            </Button>
          }
        >
          <Typography.Paragraph>
            {t('asOf')}：{trace.data.asOf ? formatShanghai(trace.data.asOf) : '当前（now）'}
          </Typography.Paragraph>
          <Timeline
            items={trace.data.steps.map((s) => ({
              children: (
                <div data-testid="trace-step">
                  <strong>{label(eventLabel, s.type)}</strong>（{s.type}）
                  <div>
                    {t('actor')}：{s.actor}（{label(roleLabel, s.role)}）
                    {s.reason ? ` · ${t('reason')}：${s.reason}` : ''}
                  </div>
                  <div>
                    {t('occurredAt')}：{formatShanghai(s.occurredAt)} · {t('recordedAt')}：
                    {formatShanghai(s.recordedAt)}
                  </div>
                  <div>
                    {t('position')}：{s.globalPosition} · {t('hash')}：
                    <code>{s.hash.slice(0, 16)}…</code>
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      )}

      <Card title={t('verifyLog')}>
        <Button onClick={() => void verification.run()} loading={verification.loading}>
          {t('verifyLog')}
        </Button>
        <ErrorAlert error={verification.error} />
        {verification.data && (
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            data-testid="verification"
          >
            <Descriptions.Item label={t('verdict')}>
              {verification.data.ok
                ? t('logIntact')
                : `${t('logBroken')}：${JSON.stringify(verification.data.firstBreak)}`}
            </Descriptions.Item>
            <Descriptions.Item label="事件数 / 流数">
              {verification.data.events} / {verification.data.streams}
            </Descriptions.Item>
            <Descriptions.Item label="摘要（Merkle root）">
              <code>{verification.data.digest.root}</code> @ {verification.data.digest.position}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </Space>
  );
}
