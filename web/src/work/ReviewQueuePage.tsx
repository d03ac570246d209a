import { App, Button, Input, Modal, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatShanghai } from '../time';
import { useLoad } from '../useLoad';
import { defaultJurisdiction, JurisdictionYear } from './JurisdictionYear';
import { decisionWords, flagWords } from './logic';
import { useWorkT } from './messages';

interface ReviewItem {
  sessionId: string;
  activityId: string;
  title: string | null;
  code: string | null;
  organizerId: string | null;
  creditYear: number;
  submittedAt: string;
  reviewDueBy: string;
  overdue: boolean;
  reportLate: boolean;
  flags: { rule: string; code: string }[];
}
interface ReviewQueue {
  jurisdiction: string;
  awaiting: number;
  overdue: number;
  items: ReviewItem[];
}

/** Committee: execution reports awaiting review, overdue first (R14), approved or rejected in place. */
export default function ReviewQueuePage() {
  const t = useWorkT();
  const { message } = App.useApp();
  const [jurisdiction, setJurisdiction] = useState(defaultJurisdiction);
  const queue = useLoad(
    async (j: string) =>
      (await api<ReviewQueue>(`/work-queues/reviews?jurisdiction=${j}&limit=500`)).body,
  );
  const [rejecting, setRejecting] = useState<ReviewItem | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  // Decided here: the queue reads a projection that follows the log a moment later, so a decided
  // report leaves the list at once rather than on the next reload.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    void queue.run(jurisdiction);
  }, []);

  const decide = async (item: ReviewItem, decision: 'approve' | 'reject', why?: string) => {
    try {
      const { body } = await api<Parameters<typeof decisionWords>[0]>(
        `/sessions/${item.sessionId}/report/decision`,
        { method: 'POST', body: why ? { decision, reason: why } : { decision } },
      );
      const words = `${item.title ?? item.sessionId}：${decisionWords(body)}`;
      setOutcome(words);
      setDecided((d) => new Set([...d, item.sessionId]));
      void message.success(words);
      void queue.run(jurisdiction);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('reviews')}</Typography.Title>
      <JurisdictionYear
        jurisdiction={jurisdiction}
        onChange={(j) => setJurisdiction(j)}
        onSearch={() => void queue.run(jurisdiction)}
      />
      <ErrorAlert error={queue.error} />
      <Space size="large">
        <Statistic title={t('awaiting')} value={queue.data?.awaiting ?? 0} />
        <Statistic title={t('overdueCount')} value={queue.data?.overdue ?? 0} />
      </Space>
      {outcome && (
        <Typography.Paragraph data-testid="review-outcome" role="status">
          {outcome}
        </Typography.Paragraph>
      )}
      <DataTable<ReviewItem>
        caption={t('reviewsTitle')}
        rows={(queue.data?.items ?? []).filter((r) => !decided.has(r.sessionId))}
        loading={queue.loading}
        rowKey="sessionId"
        exportName={`reviews-${jurisdiction}`}
        columns={[
          { title: t('title'), dataIndex: 'title' },
          { title: t('code'), dataIndex: 'code' },
          { title: t('organizer'), dataIndex: 'organizerId' },
          { title: t('year'), dataIndex: 'creditYear' },
          { title: t('submittedAt'), dataIndex: 'submittedAt', render: formatShanghai },
          { title: t('reviewDueBy'), dataIndex: 'reviewDueBy', render: formatShanghai },
          {
            title: t('status'),
            key: 'overdue',
            render: (_: unknown, r: ReviewItem) => (
              <Space size={4} wrap>
                {r.overdue ? <Tag color="#c41d1f">{t('overdue')}</Tag> : <Tag>{t('onTime')}</Tag>}
                {r.reportLate && <Tag color="#ad4e00">{t('reportLate')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('flags'),
            key: 'flags',
            render: (_: unknown, r: ReviewItem) => flagWords(r.flags).join('；') || '—',
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, r: ReviewItem) => (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  aria-label={`${t('approve')} ${r.title ?? ''}`}
                  onClick={() => void decide(r, 'approve')}
                >
                  {t('approve')}
                </Button>
                <Button
                  size="small"
                  danger
                  aria-label={`${t('reject')} ${r.title ?? ''}`}
                  onClick={() => {
                    setReason('');
                    setRejecting(r);
                  }}
                >
                  {t('reject')}
                </Button>
              </Space>
            ),
          },
        ]}
        exportColumns={[
          { header: t('title'), value: (r) => r.title },
          { header: t('code'), value: (r) => r.code },
          { header: t('organizer'), value: (r) => r.organizerId },
          { header: t('year'), value: (r) => r.creditYear },
          {
            header: `${t('submittedAt')}（北京时间）`,
            value: (r) => formatShanghai(r.submittedAt),
          },
          {
            header: `${t('reviewDueBy')}（北京时间）`,
            value: (r) => formatShanghai(r.reviewDueBy),
          },
          { header: t('overdue'), value: (r) => (r.overdue ? '是' : '否') },
          { header: t('reportLate'), value: (r) => (r.reportLate ? '是' : '否') },
          { header: t('flags'), value: (r) => flagWords(r.flags).join('；') },
          { header: '场次编号', value: (r) => r.sessionId },
        ]}
      />
      <Modal
        title={`${t('rejectReason')}：${rejecting?.title ?? ''}`}
        open={rejecting !== null}
        okText={t('reject')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 8 }}
        onCancel={() => setRejecting(null)}
        onOk={() => {
          const item = rejecting;
          setRejecting(null);
          if (item) void decide(item, 'reject', reason.trim());
        }}
      >
        <label htmlFor="reject-reason">{t('reasonHint')}</label>
        <Input.TextArea
          id="reject-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
        />
      </Modal>
    </Space>
  );
}
