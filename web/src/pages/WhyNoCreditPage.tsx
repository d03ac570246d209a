import { Alert, Button, Card, Descriptions, Form, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { ActivityFinder, PersonFinder, type PickedSession } from '../components/Finders';
import { ErrorAlert } from '../components/ErrorAlert';
import { eventLabel, label, roleLabel } from '../labels';
import { endOfShanghaiDay, formatShanghai } from '../time';
import type { FoundPerson, TraceStep } from '../types';
import { useLoad } from '../useLoad';

/** What each answer of the 学分未到账 trace means, in Chinese (the server's English below it). */
export const creditStateLabel: Record<
  string,
  { text: string; type: 'success' | 'info' | 'warning' | 'error' }
> = {
  'no-scan': {
    text: '无签到记录：本场次没有此人的扫码签到，请举办单位核对签到记录',
    type: 'error',
  },
  'report-not-filed': { text: '举办单位尚未提交执行报告，报告通过后才授予学分', type: 'warning' },
  'report-pending': { text: '执行报告已提交，等待继续医学教育委员会审核', type: 'info' },
  'report-rejected': { text: '执行报告被委员会驳回', type: 'error' },
  'project-annulled': { text: '项目已被撤销（作废）', type: 'error' },
  'not-filed': { text: '场次备案逾期：未备案，学分不予登记', type: 'error' },
  'grant-pending': { text: '执行报告已通过，学分授予正在处理（无需任何人操作）', type: 'info' },
  'annulment-pending': { text: '项目已作废，学分作废正在处理（无需任何人操作）', type: 'info' },
  'verification-pending': { text: '远程学分等待省级委员会核验', type: 'info' },
  'verification-rejected': { text: '远程学分核验未通过', type: 'error' },
  revoked: { text: '学分已被撤销', type: 'error' },
  annulled: { text: '学分已作废，不再计入', type: 'error' },
  counted: { text: '学分已计入', type: 'success' },
};

interface SessionTrace {
  personId: string;
  sessionId: string;
  asOf: string | null;
  state: string;
  explanation: string;
  creditId: string | null;
  steps: (TraceStep & { streamId: string })[];
}

/** Auditor: 学分未到账 — why a person who attended a session has no counted credit (yet). */
export default function WhyNoCreditPage() {
  const [person, setPerson] = useState<FoundPerson | null>(null);
  const [picked, setPicked] = useState<PickedSession | null>(null);
  const [asOfDate, setAsOfDate] = useState('');
  const [asOfError, setAsOfError] = useState<string | null>(null);
  const trace = useLoad(
    async (personId: string, sessionId: string, asOf: string | null) =>
      (
        await api<SessionTrace>(
          `/persons/${personId}/sessions/${encodeURIComponent(sessionId)}/trace${
            asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''
          }`,
        )
      ).body,
  );
  const ask = () => {
    if (!person || !picked) return;
    let asOf: string | null = null;
    if (asOfDate) {
      asOf = endOfShanghaiDay(asOfDate);
      setAsOfError(asOf ? null : '截至日期格式应为 YYYY-MM-DD（as of: YYYY-MM-DD）');
      if (!asOf) return;
    }
    void trace.run(person.personId, picked.session.sessionId, asOf);
  };
  const state = trace.data ? creditStateLabel[trace.data.state] : undefined;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>学分未到账（Why no credit）</Typography.Title>
      <Card title="1. 人员（Person）">
        {person ? (
          <Space>
            <span data-testid="picked-person">
              {person.name ?? '（已删除）'} · {person.idNumber} · <code>{person.personId}</code>
            </span>
            <Button size="small" onClick={() => setPerson(null)}>
              重新选择
            </Button>
          </Space>
        ) : (
          <PersonFinder onPick={setPerson} pickLabel="选择" />
        )}
      </Card>
      <Card title="2. 项目场次（Activity session）">
        {picked ? (
          <Space>
            <span data-testid="picked-session">
              {picked.activity.title}（{picked.activity.code ?? '无编号'}）·{' '}
              {formatShanghai(picked.session.startsAt)} · {picked.session.location}
            </span>
            <Button size="small" onClick={() => setPicked(null)}>
              重新选择
            </Button>
          </Space>
        ) : (
          <ActivityFinder onPick={setPicked} />
        )}
      </Card>
      <Card title="3. 查询（Ask）">
        <Form layout="inline" onFinish={ask}>
          <Form.Item label="截至日期（北京时间当日结束）" htmlFor="why-as-of">
            <Input
              id="why-as-of"
              placeholder="2026-11-30"
              value={asOfDate}
              onChange={(e) => setAsOfDate(e.target.value)}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            disabled={!person || !picked}
            loading={trace.loading}
          >
            查询原因
          </Button>
        </Form>
        <ErrorAlert error={asOfError ?? trace.error} />
      </Card>
      {trace.data && person && picked && (
        <Card
          title={`${person.name ?? '（已删除）'} · ${picked.activity.title}`}
          data-testid="why-no-credit"
          extra={
            <Button size="small" onClick={() => window.print()}>
              打印
            </Button>
          }
        >
          <Alert
            type={state?.type ?? 'info'}
            showIcon
            data-testid="credit-state"
            message={state?.text ?? trace.data.state}
            description={
              // The ledger's own words, in the console's language (it sends Accept-Language).
              <span>
                {trace.data.explanation}（{trace.data.state}）
              </span>
            }
          />
          <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label="人员">
              {person.name ?? '（已删除）'}（<code>{trace.data.personId}</code>）
            </Descriptions.Item>
            <Descriptions.Item label="场次">
              {picked.activity.title} · {formatShanghai(picked.session.startsAt)}（
              <code>{trace.data.sessionId}</code>）
            </Descriptions.Item>
            <Descriptions.Item label="学分编号">
              {trace.data.creditId ? <code>{trace.data.creditId}</code> : '（尚无）'}
            </Descriptions.Item>
            <Descriptions.Item label="截至">
              {trace.data.asOf ? formatShanghai(trace.data.asOf) : '当前（now）'}
            </Descriptions.Item>
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            items={trace.data.steps.map((s) => ({
              children: (
                <div data-testid="why-step">
                  <strong>{label(eventLabel, s.type)}</strong>（{s.type}）
                  <div>
                    操作人：{s.actor ?? '—'}（{label(roleLabel, s.role ?? '')}）
                    {s.reason ? ` · 原因：${s.reason}` : ''}
                  </div>
                  <div>
                    发生时间：{formatShanghai(s.occurredAt)} · 记录时间：
                    {formatShanghai(s.recordedAt)}
                  </div>
                  <div>
                    日志位置：{s.position} · 哈希：<code>{s.hash.slice(0, 16)}…</code>
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
