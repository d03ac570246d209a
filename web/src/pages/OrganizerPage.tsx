import { Alert, Card, Input, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n';
import { kindLabel, label } from '../labels';
import { loadSession } from '../session';
import { formatShanghai } from '../time';
import type { FoundActivity, Paged } from '../types';
import { useLoad } from '../useLoad';

interface Attendance {
  attendees: number;
  duplicateScans: number;
}
type ActivityRow = FoundActivity & { sessionCount: number };

/** Organizer: own activities and sessions; attendance by ID number typed by a card or QR reader (Enter submits). */
export default function OrganizerPage() {
  const t = useT();
  const session = loadSession();
  const jurisdiction = session?.jurisdictions[0] ?? 'CN-ZJ';
  const activities = useLoad(
    async () =>
      (
        await api<Paged<FoundActivity>>(
          `/activities?jurisdiction=${jurisdiction}&organizer=${session?.org ?? ''}&pageSize=100`,
        )
      ).body,
  );
  const [sessionId, setSessionId] = useState<string | undefined>();
  const [scan, setScan] = useState('');
  const [answer, setAnswer] = useState<{ type: 'success' | 'info' | 'error'; text: string } | null>(
    null,
  );
  const attendance = useLoad(
    async (id: string) => (await api<Attendance>(`/sessions/${id}/attendance`)).body,
  );
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    void activities.run();
  }, []);

  const sessions = (activities.data?.items ?? []).flatMap((a) =>
    a.sessions.map((s) => ({ ...s, title: a.title, code: a.code })),
  );
  const submit = async () => {
    const idNumber = scan.trim().toUpperCase();
    setScan('');
    if (!sessionId || !idNumber) return;
    try {
      const { status, body } = await api<{ duplicate: boolean; attendanceId: string }>(
        `/sessions/${sessionId}/attendance`,
        {
          method: 'POST',
          body: {
            idNumber,
            method: 'id-card',
            scannedAt: new Date().toISOString(),
            deviceId: 'web-console',
          },
        },
      );
      const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
      setAnswer(
        status === 200 || body.duplicate
          ? { type: 'info', text: `${t('repeatScan')}：${masked}` }
          : { type: 'success', text: `${t('firstScan')}：${masked}` },
      );
      void attendance.run(sessionId);
    } catch (e) {
      setAnswer({ type: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
    input.current?.focus();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('organizer')} · {session?.org}
      </Typography.Title>
      <ErrorAlert error={activities.error} />
      <DataTable<ActivityRow>
        caption={t('activities')}
        rows={(activities.data?.items ?? []).map((a) => ({
          ...a,
          sessionCount: a.sessions.length,
        }))}
        loading={activities.loading}
        rowKey="activityId"
        exportName={`activities-${session?.org ?? ''}`}
        pageSize={10}
        columns={[
          { title: '项目名称', dataIndex: 'title' },
          { title: '项目编号', dataIndex: 'code' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => label(kindLabel, k) },
          { title: t('credits'), dataIndex: 'credits' },
          { title: t('hours'), dataIndex: 'hours' },
          { title: t('sessions'), dataIndex: 'sessionCount' },
          {
            title: '开始时间',
            key: 'start',
            render: (_: unknown, a: FoundActivity) => formatShanghai(a.sessions[0]?.startsAt),
          },
          {
            title: t('status'),
            dataIndex: 'annulled',
            render: (x: string | null) => (x ? `已作废：${x}` : '有效'),
          },
        ]}
        exportColumns={[
          { header: '项目名称', value: (a) => a.title },
          { header: '项目编号', value: (a) => a.code },
          { header: t('credits'), value: (a) => a.credits },
          { header: t('hours'), value: (a) => a.hours },
          { header: t('sessions'), value: (a) => a.sessions.length },
          { header: '开始时间（北京时间）', value: (a) => formatShanghai(a.sessions[0]?.startsAt) },
        ]}
      />
      <Card title={t('attendance')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="session">{t('sessions')}</label>
          <Select
            id="session"
            style={{ width: 520 }}
            value={sessionId}
            placeholder="选择场次"
            onChange={(id: string) => {
              setSessionId(id);
              setAnswer(null);
              void attendance.run(id);
              setTimeout(() => input.current?.focus(), 0);
            }}
            options={sessions.map((s) => ({
              value: s.sessionId,
              label: `${s.title}${s.code ? `（${s.code}）` : ''} · ${formatShanghai(s.startsAt)} · ${s.location}`,
            }))}
          />
          <label htmlFor="scan">{t('scanHere')}</label>
          <Input
            id="scan"
            ref={(el) => {
              input.current = el?.input ?? null;
            }}
            value={scan}
            disabled={!sessionId}
            onChange={(e) => setScan(e.target.value)}
            onPressEnter={() => void submit()}
            autoComplete="off"
            style={{ width: 320 }}
          />
          {answer && (
            <Alert
              type={answer.type}
              showIcon
              message={answer.text}
              data-testid="scan-answer"
              role="status"
            />
          )}
          {attendance.data && (
            <Typography.Paragraph data-testid="attendance-count">
              已签到 {attendance.data.attendees} 人，重复扫描 {attendance.data.duplicateScans} 次
            </Typography.Paragraph>
          )}
        </Space>
      </Card>
    </Space>
  );
}
