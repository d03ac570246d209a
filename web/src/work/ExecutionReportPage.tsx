import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { loadSession } from '../session';
import { formatShanghai } from '../time';
import type { FoundActivity, Paged } from '../types';
import { useLoad } from '../useLoad';
import { flagWords, isShare, type ReportForm, reportBody } from './logic';
import { teacherTitleLabel, useWorkT } from './messages';

interface Report {
  hoursTaught: string;
  submittedAt: string;
  late: boolean;
  daysAfterSession: number;
  dueBy?: string;
  reviewDueBy?: string;
  evaluationLevels?: number[];
  flags?: { rule: string; code: string }[];
}
interface SessionStatus {
  attendees: number;
  report: Report | null;
  review: { dueBy: string; overdue: boolean } | null;
  decision: {
    decision: 'approved' | 'rejected';
    creditsPerAttendee?: string;
    reason?: string;
  } | null;
}
interface SessionRow {
  sessionId: string;
  title: string;
  code: string | null;
  startsAt: string;
  location: string;
  hours: string;
  status: SessionStatus | null;
}

/** Organizer: the execution report (执行情况报告) of each session, with its filing flags (R12, R14, R17). */
export default function ExecutionReportPage() {
  const t = useWorkT();
  const { message } = App.useApp();
  const session = loadSession();
  const jurisdiction = session?.jurisdictions[0] ?? 'CN-ZJ';
  const rows = useLoad(async () => {
    const { body } = await api<Paged<FoundActivity>>(
      `/activities?jurisdiction=${jurisdiction}&organizer=${encodeURIComponent(session?.org ?? '')}&pageSize=100`,
    );
    const list: SessionRow[] = [];
    for (const a of body.items)
      for (const s of a.sessions) {
        const status = (await api<SessionStatus>(`/sessions/${s.sessionId}/attendance`)).body;
        list.push({
          sessionId: s.sessionId,
          title: a.title,
          code: a.code,
          startsAt: s.startsAt,
          location: s.location,
          hours: a.hours,
          status,
        });
      }
    // Sessions still needing their report first, then those awaiting review, then decided ones.
    const rank = (r: SessionRow) => (r.status?.decision ? 2 : r.status?.report ? 1 : 0);
    return list.sort((a, b) => rank(a) - rank(b) || a.startsAt.localeCompare(b.startsAt));
  });
  useEffect(() => {
    void rows.run();
  }, []);
  const [sessionId, setSessionId] = useState<string | undefined>();
  const [form, setForm] = useState<ReportForm>({
    hoursTaught: '',
    submittedAt: '',
    evaluationLevels: [1, 2, 3],
    teachersChangedShare: '',
    contentChangedShare: '',
  });
  const [filed, setFiled] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selected = rows.data?.find((r) => r.sessionId === sessionId);
  const shown = filed ?? selected?.status?.report ?? null;

  const submit = async () => {
    setError(null);
    if (!isShare(form.teachersChangedShare) || !isShare(form.contentChangedShare))
      return setError('变更比例须为 0 到 1 之间的小数，例如 0.25');
    try {
      const { body } = await api<Report>(`/sessions/${sessionId}/report`, {
        method: 'POST',
        body: reportBody({ ...form, submittedAt: new Date().toISOString() }),
      });
      setFiled(body);
      void message.success(`${selected?.title ?? ''}：${t('reportFiled')}`);
      void rows.run();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const statusOf = (r: SessionRow) =>
    r.status?.decision
      ? r.status.decision.decision === 'approved'
        ? '已通过'
        : '已驳回'
      : r.status?.report
        ? '待审核'
        : t('reportMissing');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('reports')} · {session?.org}
      </Typography.Title>
      <ErrorAlert error={rows.error} />
      <DataTable<SessionRow>
        caption={t('reports')}
        rows={rows.data ?? []}
        loading={rows.loading}
        rowKey="sessionId"
        exportName={`execution-reports-${session?.org ?? ''}`}
        pageSize={10}
        columns={[
          { title: t('title'), dataIndex: 'title' },
          { title: t('code'), dataIndex: 'code' },
          { title: t('startsAt'), dataIndex: 'startsAt', render: formatShanghai },
          {
            title: t('attendees'),
            key: 'n',
            render: (_: unknown, r: SessionRow) => r.status?.attendees ?? 0,
          },
          { title: t('status'), key: 'status', render: (_: unknown, r: SessionRow) => statusOf(r) },
          {
            title: t('filingFlags'),
            key: 'flags',
            render: (_: unknown, r: SessionRow) =>
              flagWords(r.status?.report?.flags).join('；') ||
              (r.status?.report ? t('noFlags') : ''),
          },
          {
            title: t('actions'),
            key: 'open',
            render: (_: unknown, r: SessionRow) => (
              <Button
                size="small"
                aria-label={`${t('reports')} ${r.title}`}
                onClick={() => {
                  setSessionId(r.sessionId);
                  setFiled(null);
                  setError(null);
                  setForm((f) => ({ ...f, hoursTaught: r.hours }));
                }}
              >
                {r.status?.report ? '查看' : t('submitReport')}
              </Button>
            ),
          },
        ]}
        exportColumns={[
          { header: t('title'), value: (r) => r.title },
          { header: t('code'), value: (r) => r.code },
          { header: `${t('startsAt')}（北京时间）`, value: (r) => formatShanghai(r.startsAt) },
          { header: t('attendees'), value: (r) => r.status?.attendees ?? 0 },
          { header: t('status'), value: (r) => statusOf(r) },
          { header: t('filingFlags'), value: (r) => flagWords(r.status?.report?.flags).join('；') },
          { header: t('submittedAt'), value: (r) => formatShanghai(r.status?.report?.submittedAt) },
        ]}
      />
      {selected && (
        <Card
          title={`${t('reports')}：${selected.title} · ${formatShanghai(selected.startsAt)}`}
          data-testid="report-card"
        >
          {shown ? (
            <Descriptions size="small" column={2} data-testid="filed-report">
              <Descriptions.Item label={t('hoursTaught')}>{shown.hoursTaught}</Descriptions.Item>
              <Descriptions.Item label={t('submittedAt')}>
                {formatShanghai(shown.submittedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('dueBy')}>
                {formatShanghai(shown.dueBy)}
              </Descriptions.Item>
              <Descriptions.Item label={t('reviewDueBy')}>
                {formatShanghai(shown.reviewDueBy)}
              </Descriptions.Item>
              <Descriptions.Item label={t('daysAfter')}>{shown.daysAfterSession}</Descriptions.Item>
              <Descriptions.Item label={t('evaluationLevels')}>
                {(shown.evaluationLevels ?? []).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={t('filingFlags')} span={2}>
                {shown.late && <Tag color="#c41d1f">{t('reportLate')}</Tag>}
                {flagWords(shown.flags).join('；') || t('noFlags')}
              </Descriptions.Item>
              {selected.status?.decision && (
                <Descriptions.Item label={t('decision')} span={2}>
                  {selected.status.decision.decision === 'approved'
                    ? `已通过，${t('creditsPerAttendee')} ${selected.status.decision.creditsPerAttendee ?? ''}`
                    : `已驳回：${selected.status.decision.reason ?? ''}`}
                </Descriptions.Item>
              )}
            </Descriptions>
          ) : (
            <Form layout="vertical" onFinish={() => void submit()} style={{ maxWidth: 640 }}>
              <Form.Item
                label={`${t('hoursTaught')}（计划 ${selected.hours}）`}
                htmlFor="report-hours"
              >
                <Input
                  id="report-hours"
                  value={form.hoursTaught}
                  onChange={(e) => setForm({ ...form, hoursTaught: e.target.value })}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Form.Item label={`${t('evaluationLevels')}（项目须包含 1–3 级）`}>
                <Checkbox.Group
                  value={form.evaluationLevels}
                  onChange={(v) => setForm({ ...form, evaluationLevels: v as number[] })}
                  options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n, label: `${n} 级` }))}
                />
              </Form.Item>
              <Space wrap>
                <Form.Item label={t('teachersChanged')} htmlFor="report-teachers">
                  <Input
                    id="report-teachers"
                    value={form.teachersChangedShare}
                    onChange={(e) => setForm({ ...form, teachersChangedShare: e.target.value })}
                    style={{ width: 120 }}
                  />
                </Form.Item>
                <Form.Item label={t('contentChanged')} htmlFor="report-content">
                  <Input
                    id="report-content"
                    value={form.contentChangedShare}
                    onChange={(e) => setForm({ ...form, contentChangedShare: e.target.value })}
                    style={{ width: 120 }}
                  />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item label={t('replacedTitle')} htmlFor="report-replaced">
                  <Select
                    id="report-replaced"
                    allowClear
                    value={form.replacedTitle}
                    onChange={(v: string | undefined) => setForm({ ...form, replacedTitle: v })}
                    options={Object.entries(teacherTitleLabel).map(([value, text]) => ({
                      value,
                      label: text,
                    }))}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Form.Item label={t('replacementTitle')} htmlFor="report-replacement">
                  <Select
                    id="report-replacement"
                    allowClear
                    value={form.replacementTitle}
                    onChange={(v: string | undefined) => setForm({ ...form, replacementTitle: v })}
                    options={Object.entries(teacherTitleLabel).map(([value, text]) => ({
                      value,
                      label: text,
                    }))}
                    style={{ width: 160 }}
                  />
                </Form.Item>
              </Space>
              {error && (
                <Alert
                  type="error"
                  showIcon
                  message={error}
                  role="alert"
                  style={{ marginBottom: 12 }}
                />
              )}
              <Button type="primary" htmlType="submit" disabled={!form.hoursTaught.trim()}>
                {t('submitReport')}
              </Button>
            </Form>
          )}
        </Card>
      )}
    </Space>
  );
}
