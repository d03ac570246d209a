import { App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n';
import { creditStatusLabel, label } from '../labels';
import { loadSession } from '../session';
import { formatShanghai } from '../time';
import type { Credit, Paged } from '../types';
import { useLoad } from '../useLoad';
import { untilMore } from '../work/reload';

interface CreditPage extends Credit {
  person: { personId: string; name: string | null; idNumber: string | null };
  activity: { title: string; code: string | null } | null;
  corrections: { correctionId: string; status: string; reason: string }[];
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

/** Admin: a credit's page with revoke / adjust (with a reason); held corrections to approve or reject. */
export default function AdminPage() {
  const t = useT();
  const { message } = App.useApp();
  const jurisdiction =
    (loadSession()?.jurisdictions ?? ['CN-ZJ']).find((j) => j !== 'CN') ?? 'CN-ZJ';
  const [creditId, setCreditId] = useState(
    () => new URLSearchParams(window.location.search).get('credit') ?? '',
  );
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const credit = useLoad(
    async (id: string) => (await api<CreditPage>(`/credits/${encodeURIComponent(id)}`)).body,
  );
  const queue = useLoad(
    async () =>
      (
        await api<Paged<QueuedCorrection>>(
          `/corrections?jurisdiction=${jurisdiction}&status=awaiting-approval&pageSize=100`,
        )
      ).body,
  );
  useEffect(() => {
    void queue.run();
    if (creditId) void credit.run(creditId);
  }, []);

  const correct = async (kind: 'revocation' | 'adjustment') => {
    setResult(null);
    try {
      const body = kind === 'revocation' ? { reason } : { amount, reason };
      const { status } = await api(`/credits/${creditId}/${kind}`, { method: 'POST', body });
      setResult(
        status === 202
          ? '更正已提交，等待第二位管理员审批（held for a second admin）'
          : '更正已生效（recorded）',
      );
      void credit.run(creditId);
      // A held correction joins the queue once the projections have followed the log.
      if (status === 202) void untilMore(queue.data?.total ?? 0, () => queue.run());
      else void queue.run();
    } catch (e) {
      setResult((e as Error).message);
    }
  };
  const decide = async (c: QueuedCorrection, decision: 'approval' | 'rejection') => {
    try {
      await api(`/credits/${c.creditId}/corrections/${c.correctionId}/${decision}`, {
        method: 'POST',
        body:
          decision === 'rejection'
            ? { reason: '证据不足，维持原学分（insufficient evidence）' }
            : {},
      });
      void message.success(decision === 'approval' ? '已批准' : '已驳回');
      void queue.run();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('admin')}</Typography.Title>
      <Card title={t('creditId')}>
        <Form layout="inline" onFinish={() => void credit.run(creditId.trim())}>
          <Form.Item label={t('creditId')} htmlFor="creditId">
            <Input
              id="creditId"
              value={creditId}
              onChange={(e) => setCreditId(e.target.value)}
              style={{ width: 440 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
        </Form>
        <ErrorAlert error={credit.error} />
        {credit.data && (
          <>
            <Descriptions
              size="small"
              bordered
              column={2}
              style={{ marginTop: 12 }}
              data-testid="credit"
            >
              <Descriptions.Item label={t('name')}>{credit.data.person.name}</Descriptions.Item>
              <Descriptions.Item label={t('idNumber')}>
                {credit.data.person.idNumber}
              </Descriptions.Item>
              <Descriptions.Item label={t('activity')}>
                {credit.data.activity
                  ? `${credit.data.activity.title}${credit.data.activity.code ? `（${credit.data.activity.code}）` : ''}`
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('amount')}>{credit.data.amount}</Descriptions.Item>
              <Descriptions.Item label={t('status')}>
                <Tag>{label(creditStatusLabel, credit.data.status)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="获得时间">
                {formatShanghai(credit.data.earnedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('reasons')} span={2}>
                {credit.data.reasons.join('；') || '—'}
              </Descriptions.Item>
            </Descriptions>
            <Form layout="vertical" style={{ marginTop: 16, maxWidth: 640 }}>
              <Form.Item label={`${t('reason')}（至少 8 个字）`} htmlFor="reason">
                <Input.TextArea
                  id="reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  rows={2}
                />
              </Form.Item>
              <Form.Item label={t('newAmount')} htmlFor="amount">
                <Input
                  id="amount"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Space>
                <Button danger onClick={() => void correct('revocation')}>
                  {t('revoke')}
                </Button>
                <Button onClick={() => void correct('adjustment')}>{t('adjust')}</Button>
              </Space>
            </Form>
            {result && (
              <Typography.Paragraph
                strong
                style={{ marginTop: 12 }}
                data-testid="correction-result"
              >
                {result}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>
      <Card title={t('correctionsAwaiting')}>
        <ErrorAlert error={queue.error} />
        <DataTable<QueuedCorrection>
          caption={t('correctionsAwaiting')}
          rows={queue.data?.items ?? []}
          loading={queue.loading}
          rowKey="correctionId"
          exportName={`corrections-${jurisdiction}`}
          columns={[
            { title: t('name'), dataIndex: 'name' },
            {
              title: '更正',
              key: 'change',
              render: (_: unknown, c: QueuedCorrection) =>
                c.change.kind === 'revoke'
                  ? `撤销 ${c.creditAmount ?? ''} 学分`
                  : `调整为 ${c.change.amount ?? ''}`,
            },
            { title: t('reason'), dataIndex: 'reason' },
            { title: '申请人', dataIndex: 'requestedBy' },
            {
              title: '需审批原因',
              dataIndex: 'heldBecause',
              render: (h: string[]) => h.join('；'),
            },
            {
              title: '操作',
              key: 'decide',
              render: (_: unknown, c: QueuedCorrection) => (
                <Space>
                  <Button size="small" type="primary" onClick={() => void decide(c, 'approval')}>
                    {t('approve')}
                  </Button>
                  <Button size="small" danger onClick={() => void decide(c, 'rejection')}>
                    {t('reject')}
                  </Button>
                </Space>
              ),
            },
          ]}
          exportColumns={[
            { header: '更正编号', value: (c) => c.correctionId },
            { header: t('name'), value: (c) => c.name },
            { header: '更正', value: (c) => JSON.stringify(c.change) },
            { header: t('reason'), value: (c) => c.reason },
            { header: '申请人', value: (c) => c.requestedBy },
          ]}
        />
      </Card>
    </Space>
  );
}
