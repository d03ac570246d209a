import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { label } from '../labels';
import type { FoundPerson, Paged } from '../types';
import { useLoad } from '../useLoad';
import { defaultJurisdiction, JurisdictionYear } from './JurisdictionYear';
import { exemptionBasisLabel, useWorkT } from './messages';
import { untilMore } from './reload';

interface Exemption {
  exemptionId: string;
  personId: string;
  name: string | null;
  idNumber: string | null;
  year: number;
  basis: string;
  evidence: string;
  revoked: string | null;
}

/** Committee: exemptions of a jurisdiction-year by name (R4), and granting one to a person found by ID number. */
export default function ExemptionsPage() {
  const t = useWorkT();
  const { message } = App.useApp();
  const [jurisdiction, setJurisdiction] = useState(defaultJurisdiction);
  const [year, setYear] = useState(2026);
  const list = useLoad(
    async (j: string, y: number) =>
      (await api<Paged<Exemption>>(`/exemptions?jurisdiction=${j}&year=${y}&pageSize=100`)).body,
  );
  useEffect(() => {
    void list.run(jurisdiction, year);
  }, []);
  const [idNumber, setIdNumber] = useState('');
  const [person, setPerson] = useState<FoundPerson | null>(null);
  const [basis, setBasis] = useState<string>('advanced-study-6-months');
  const [evidence, setEvidence] = useState('');
  const [grantYear, setGrantYear] = useState(2026);
  const [error, setError] = useState<string | null>(null);

  const find = async () => {
    setError(null);
    setPerson(null);
    try {
      const { body } = await api<Paged<FoundPerson>>(
        `/persons?jurisdiction=${jurisdiction}&idNumber=${encodeURIComponent(idNumber.trim().toUpperCase())}&year=${grantYear}`,
      );
      if (body.items.length === 0) setError(`未找到：${jurisdiction} 没有此身份证号的人员`);
      else setPerson(body.items[0]);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const grant = async () => {
    if (!person) return;
    try {
      await api(`/persons/${person.personId}/exemptions`, {
        method: 'POST',
        body: { year: grantYear, basis, evidence: evidence.trim() },
      });
      void message.success(`${person.name ?? ''}：${label(exemptionBasisLabel, basis)}`);
      setEvidence('');
      setPerson(null);
      setIdNumber('');
      void untilMore(list.data?.total ?? 0, () => list.run(jurisdiction, year));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('exemptions')}</Typography.Title>
      <Card title={t('grantExemption')}>
        <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
          <Form layout="inline" onFinish={() => void find()}>
            <Form.Item label={t('idNumber')} htmlFor="exemption-id">
              <Input
                id="exemption-id"
                value={idNumber}
                onChange={(e) => setIdNumber(e.target.value)}
                style={{ width: 220 }}
              />
            </Form.Item>
            <Form.Item label={t('year')} htmlFor="exemption-year">
              <InputNumber
                id="exemption-year"
                value={grantYear}
                min={2000}
                max={2100}
                onChange={(v) => setGrantYear(v ?? 2026)}
              />
            </Form.Item>
            <Button htmlType="submit">{t('find')}</Button>
          </Form>
          {person && (
            <Form layout="vertical" onFinish={() => void grant()}>
              <Typography.Paragraph data-testid="exemption-person">
                {t('person')}：<strong>{person.name}</strong>（{person.idNumber}）
              </Typography.Paragraph>
              <Form.Item label={t('basis')} htmlFor="exemption-basis">
                <Select
                  id="exemption-basis"
                  value={basis}
                  onChange={setBasis}
                  options={Object.entries(exemptionBasisLabel).map(([value, text]) => ({
                    value,
                    label: text,
                  }))}
                />
              </Form.Item>
              <Form.Item label={`${t('evidence')}（至少 4 个字）`} htmlFor="exemption-evidence">
                <Input
                  id="exemption-evidence"
                  value={evidence}
                  onChange={(e) => setEvidence(e.target.value)}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={evidence.trim().length < 4}>
                {t('grantExemption')}
              </Button>
            </Form>
          )}
          {error && <Alert type="error" showIcon message={error} role="alert" />}
        </Space>
      </Card>
      <JurisdictionYear
        jurisdiction={jurisdiction}
        year={year}
        onChange={(j, y) => {
          setJurisdiction(j);
          setYear(y);
        }}
        onSearch={() => void list.run(jurisdiction, year)}
      />
      <ErrorAlert error={list.error} />
      <DataTable<Exemption>
        caption={`${t('exemptions')}（${list.data?.total ?? 0}）`}
        rows={list.data?.items ?? []}
        loading={list.loading}
        rowKey="exemptionId"
        exportName={`exemptions-${jurisdiction}-${year}`}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('idNumber'), dataIndex: 'idNumber' },
          { title: t('year'), dataIndex: 'year' },
          {
            title: t('basis'),
            dataIndex: 'basis',
            render: (b: string) => label(exemptionBasisLabel, b),
          },
          { title: t('evidence'), dataIndex: 'evidence' },
          {
            title: t('status'),
            dataIndex: 'revoked',
            render: (r: string | null) =>
              r === null ? <Tag color="#0b5cad">{t('active')}</Tag> : `${t('revoked')}：${r}`,
          },
        ]}
        exportColumns={[
          { header: t('name'), value: (e) => e.name },
          { header: t('idNumber'), value: (e) => e.idNumber },
          { header: t('year'), value: (e) => e.year },
          { header: t('basis'), value: (e) => label(exemptionBasisLabel, e.basis) },
          { header: t('evidence'), value: (e) => e.evidence },
          {
            header: t('status'),
            value: (e) => (e.revoked === null ? t('active') : `${t('revoked')}：${e.revoked}`),
          },
        ]}
      />
    </Space>
  );
}
