import { Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLoad } from '../useLoad';

interface LedgerDigest {
  algorithm: string;
  position: string | null;
  root: string;
  streams: number;
  events: number;
}

/** A log position as the API writes it: "commit:prepare". */
export const logPositionPattern = /^\d{1,20}:\d{1,20}$/;

/**
 * Auditor: 日志摘要 — the Merkle root over every stream's head at a chosen log position (default:
 * now). Recomputed for a published position, the same root shows the history was not changed.
 */
export default function DigestPage() {
  const [position, setPosition] = useState('');
  const [formatError, setFormatError] = useState<string | null>(null);
  const [published, setPublished] = useState('');
  const digest = useLoad(
    async (at: string) =>
      (await api<LedgerDigest>(`/audit/digest${at ? `?position=${encodeURIComponent(at)}` : ''}`))
        .body,
  );
  const ask = () => {
    const at = position.trim();
    if (at && !logPositionPattern.test(at)) {
      setFormatError(
        '日志位置格式应为 “提交号:准备号”，例如 7412:1041（position: commit:prepare）',
      );
      return;
    }
    setFormatError(null);
    void digest.run(at);
  };
  const compared = published.trim() && digest.data ? published.trim() === digest.data.root : null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>日志摘要（Log digest）</Typography.Title>
      <Card title="指定日志位置（Position）">
        <Form layout="inline" onFinish={ask}>
          <Form.Item label="日志位置（留空为当前）" htmlFor="digest-position">
            <Input
              id="digest-position"
              placeholder="7412:1041"
              value={position}
              onChange={(e) => setPosition(e.target.value)}
              style={{ width: 200 }}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item label="已公布的摘要（可选，用于比对）" htmlFor="digest-published">
            <Input
              id="digest-published"
              value={published}
              onChange={(e) => setPublished(e.target.value)}
              style={{ width: 320 }}
              autoComplete="off"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={digest.loading}>
            计算摘要
          </Button>
        </Form>
        <ErrorAlert error={formatError ?? digest.error} />
      </Card>
      {digest.data && (
        <Card title="摘要（Merkle root）" data-testid="digest">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="日志位置">
              {digest.data.position ?? '（空日志）'}
            </Descriptions.Item>
            <Descriptions.Item label="摘要根">
              <code data-testid="digest-root">{digest.data.root}</code>
            </Descriptions.Item>
            <Descriptions.Item label="流数 / 事件数">
              {digest.data.streams} / {digest.data.events}
            </Descriptions.Item>
            <Descriptions.Item label="算法">{digest.data.algorithm}</Descriptions.Item>
            {compared !== null && (
              <Descriptions.Item label="与已公布摘要比对">
                <span data-testid="digest-compared">
                  {compared
                    ? '一致：该位置之前的历史未被改动'
                    : '不一致：该位置之前的历史与公布时不同'}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
