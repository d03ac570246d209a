import { Button, Card, Descriptions, InputNumber, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';

/** The verification page's address as a QR code (qrcode, loaded with the certificate only). */
async function qrFor(url: string): Promise<string> {
  const QRCode = await import('qrcode');
  return QRCode.toDataURL(url, { margin: 1, width: 160 });
}
import { Link } from 'react-router-dom';
import { api } from '../api';
import { CertificatePdfButton } from '../components/CertificatePdfButton';
import { creditColumns } from '../components/creditColumns';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Verdict } from '../components/Verdict';
import { useT } from '../i18n';
import { creditStatusLabel, kindLabel, label } from '../labels';
import type { Session } from '../session';
import { formatShanghai } from '../time';
import type { Credit, PersonYear } from '../types';
import { useLoad } from '../useLoad';

interface Certificate {
  certificateId: string;
  issuedAt: string;
  position: string;
  digestRoot: string;
  name: string | null;
  idNumber: string | null;
  year: number;
  profile: string;
  verdict: string;
  countedCredits: string;
  countedHours: string;
}

/** Professional: own years and credits with status and reasons; the certificate as a printable page. */
export default function ProfessionalPage({ session }: { session: Session | null }) {
  const t = useT();
  const personId = session?.person ?? '';
  const [year, setYear] = useState(2026);
  const data = useLoad(async (y: number) => {
    const [py, credits] = await Promise.all([
      api<PersonYear>(`/persons/${personId}/years/${y}`),
      api<{ credits: Credit[] }>(`/persons/${personId}/credits?year=${y}`),
    ]);
    return { year: py.body, credits: credits.body.credits };
  });
  const certificate = useLoad(
    async (y: number) =>
      (await api<Certificate>(`/persons/${personId}/years/${y}/certificate`)).body,
  );
  const [qr, setQr] = useState<string | null>(null);
  const verifyUrl = certificate.data
    ? `${window.location.origin}/verify/${certificate.data.certificateId}`
    : null;
  useEffect(() => {
    setQr(null);
    if (verifyUrl) void qrFor(verifyUrl).then(setQr);
  }, [verifyUrl]);
  useEffect(() => {
    void data.run(year);
  }, [year]);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('professional')}</Typography.Title>
      <Space>
        <label htmlFor="year">{t('year')}</label>
        <InputNumber
          id="year"
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => setYear(v ?? 2026)}
        />
      </Space>
      <ErrorAlert error={data.error} />
      {data.data && (
        <Card title={`${year} ${t('year')}`} data-testid="my-year">
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label={t('verdict')}>
              <Verdict verdict={data.data.year.verdict} />
            </Descriptions.Item>
            <Descriptions.Item label={t('counted')}>
              {data.data.year.counted.credits}
            </Descriptions.Item>
            <Descriptions.Item label={t('hours')}>{data.data.year.counted.hours}</Descriptions.Item>
            <Descriptions.Item label={t('pending')}>
              {data.data.year.pending.credits}
            </Descriptions.Item>
            <Descriptions.Item label={t('profile')}>{data.data.year.profile}</Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header={<strong>{t('reasons')}</strong>}
            dataSource={data.data.year.reasons.length ? data.data.year.reasons : ['—']}
            renderItem={(r) => <List.Item>{r}</List.Item>}
          />
          <DataTable<Credit>
            caption={t('credits')}
            rows={data.data.credits}
            rowKey="creditId"
            exportName={`my-credits-${year}`}
            columns={[...creditColumns(t)]}
            exportColumns={[
              { header: t('amount'), value: (c) => c.amount },
              { header: t('status'), value: (c) => label(creditStatusLabel, c.status) },
              { header: '类型', value: (c) => label(kindLabel, c.kind) },
              { header: '获得时间（北京时间）', value: (c) => formatShanghai(c.earnedAt) },
              { header: t('reasons'), value: (c) => c.reasons.join('；') },
            ]}
          />
          <Button
            type="primary"
            onClick={() => void certificate.run(year)}
            style={{ marginTop: 12 }}
          >
            {t('certificate')}
          </Button>
        </Card>
      )}
      <ErrorAlert error={certificate.error} />
      {certificate.data && (
        <Card
          title={`${t('certificate')} · ${certificate.data.year}`}
          data-testid="certificate"
          extra={
            <Space>
              <CertificatePdfButton personId={personId} year={certificate.data.year} />
              <Button size="small" onClick={() => window.print()}>
                {t('print')}
              </Button>
            </Space>
          }
        >
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('name')}>{certificate.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('idNumber')}>{certificate.data.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t('verdict')}>
              <Verdict verdict={certificate.data.verdict} />
            </Descriptions.Item>
            <Descriptions.Item label={t('counted')}>
              {certificate.data.countedCredits}
            </Descriptions.Item>
            <Descriptions.Item label={t('hours')}>
              {certificate.data.countedHours}
            </Descriptions.Item>
            <Descriptions.Item label={t('profile')}>{certificate.data.profile}</Descriptions.Item>
            <Descriptions.Item label="签发时间">
              {formatShanghai(certificate.data.issuedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('position')}>{certificate.data.position}</Descriptions.Item>
            <Descriptions.Item label={t('certificateId')} span={2}>
              <code>{certificate.data.certificateId}</code>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {qr && (
              <img
                src={qr}
                width={160}
                height={160}
                alt={`验证二维码：${verifyUrl}`}
                data-testid="certificate-qr"
                style={{ float: 'right' }}
              />
            )}
            任何人都可以验证此证书：
            <Link to={`/verify/${certificate.data.certificateId}`}>
              {window.location.origin}/verify/{certificate.data.certificateId}
            </Link>
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}
