import { Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n';
import { useLoad } from '../useLoad';

interface Verification {
  certificateId: string;
  authentic: boolean;
  valid: boolean;
  year: number;
  issuedAtPosition: string;
  countedCredits?: { issued: string; now: string };
  reason: string;
}

/** Anyone: is a certificate authentic, and does it still hold? (No sign-in needed.) */
export default function VerifyPage() {
  const t = useT();
  const params = useParams();
  const navigate = useNavigate();
  const [id, setId] = useState(params.certificateId ?? '');
  const check = useLoad(
    async (certificateId: string) =>
      (
        await api<Verification>(`/certificates/${encodeURIComponent(certificateId)}/verification`, {
          auth: false,
        })
      ).body,
  );
  useEffect(() => {
    if (params.certificateId) void check.run(params.certificateId);
  }, [params.certificateId]);
  const v = check.data;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('verify')}</Typography.Title>
      <Card>
        <Form layout="inline" onFinish={() => navigate(`/verify/${id.trim()}`)}>
          <Form.Item label={t('certificateId')} htmlFor="certificateId">
            <Input
              id="certificateId"
              value={id}
              onChange={(e) => setId(e.target.value)}
              style={{ width: 560 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('checkCertificate')}
          </Button>
        </Form>
        <ErrorAlert
          error={
            check.error
              ? check.error.startsWith('未找到')
                ? t('notAuthentic')
                : check.error
              : null
          }
        />
      </Card>
      {v && (
        <div data-testid="verification-result">
          <Result
            status={v.authentic && v.valid ? 'success' : v.authentic ? 'warning' : 'error'}
            title={v.authentic ? (v.valid ? t('authentic') : t('revokedSince')) : t('notAuthentic')}
            subTitle={
              v.countedCredits
                ? `${v.year} 年度 · 签发时学分 ${v.countedCredits.issued}，现在 ${v.countedCredits.now} · ${v.reason}`
                : v.reason
            }
          />
        </div>
      )}
    </Space>
  );
}
