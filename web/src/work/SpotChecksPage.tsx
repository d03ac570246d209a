import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
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
import { formatShanghai } from '../time';
import type { Paged } from '../types';
import { useLoad } from '../useLoad';
import { defaultJurisdiction, JurisdictionYear } from './JurisdictionYear';
import { lines, redrawProblem } from './logic';
import { seedSourceLabel, strataLabel, subjectLabel, useWorkT } from './messages';

interface Member {
  id: string;
  title: string | null;
  code: string | null;
  organizerId: string | null;
  result: 'pass' | 'fail' | null;
  findingReason: string | null;
  failed: string[];
}
interface Draw {
  spotCheckId: string;
  subject: string;
  rate: string;
  strata: string[];
  reason: string | null;
  seedSource: string;
  seed: string;
  populationCount: number;
  drawnAt: string;
  drawnBy: string | null;
  findings: number;
  sample: Member[];
}

const strataOf: Record<string, string[]> = {
  projects: ['level', 'organizer'],
  persons: ['titleLevel', 'grassroots'],
};

/** Committee: draw a spot-check sample (rate, strata, reason for a redraw), record findings, verify a draw. */
export default function SpotChecksPage() {
  const t = useWorkT();
  const { message } = App.useApp();
  const [jurisdiction, setJurisdiction] = useState(defaultJurisdiction);
  const [year, setYear] = useState(2026);
  const draws = useLoad(
    async (j: string, y: number) =>
      (await api<Paged<Draw>>(`/spot-checks?jurisdiction=${j}&year=${y}&pageSize=100`)).body,
  );
  const [subject, setSubject] = useState<'projects' | 'persons'>('projects');
  const [rate, setRate] = useState('0.08');
  const [strata, setStrata] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [drawError, setDrawError] = useState<string | null>(null);
  const [finding, setFinding] = useState<{ draw: Draw; member: Member } | null>(null);
  const [verdicts, setVerdicts] = useState<Record<string, boolean>>({});
  useEffect(() => {
    void draws.run(jurisdiction, year);
  }, []);
  const drawsSoFar = draws.data?.total ?? 0;

  const draw = async () => {
    const problem = redrawProblem(drawsSoFar, reason);
    setDrawError(problem);
    if (problem) return;
    try {
      const { body } = await api<{ spotCheckId: string; selected: string[] }>('/spot-checks', {
        method: 'POST',
        body: {
          jurisdiction,
          year,
          subject,
          rate: rate.trim(),
          strata,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      });
      void message.success(`已抽取 ${body.spotCheckId}：样本 ${body.selected.length} 个`);
      setReason('');
      void draws.run(jurisdiction, year);
    } catch (e) {
      setDrawError((e as Error).message);
    }
  };
  const verify = async (d: Draw) => {
    try {
      const { body } = await api<{ matches: boolean }>(
        `/spot-checks/${d.spotCheckId}/verification`,
      );
      setVerdicts((v) => ({ ...v, [d.spotCheckId]: body.matches }));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('spotChecks')}</Typography.Title>
      <JurisdictionYear
        jurisdiction={jurisdiction}
        year={year}
        onChange={(j, y) => {
          setJurisdiction(j);
          setYear(y);
        }}
        onSearch={() => void draws.run(jurisdiction, year)}
      />
      <Card title={t('drawTitle')}>
        <Form layout="vertical" onFinish={() => void draw()} style={{ maxWidth: 640 }}>
          <Form.Item label={t('subject')}>
            <Radio.Group
              value={subject}
              onChange={(e) => {
                setSubject(e.target.value as 'projects' | 'persons');
                setStrata([]);
                setRate(e.target.value === 'persons' ? '0.05' : '0.08');
              }}
              options={['projects', 'persons'].map((s) => ({ value: s, label: subjectLabel[s] }))}
            />
          </Form.Item>
          <Form.Item label={t('rate')} htmlFor="draw-rate">
            <Input
              id="draw-rate"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item label={t('strata')} htmlFor="draw-strata">
            <Select
              id="draw-strata"
              mode="multiple"
              value={strata}
              onChange={setStrata}
              options={strataOf[subject].map((s) => ({ value: s, label: strataLabel[s] }))}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item
            label={t('redrawReason')}
            htmlFor="draw-reason"
            extra={drawsSoFar > 0 ? t('redrawHint') : undefined}
          >
            <Input.TextArea
              id="draw-reason"
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
          {drawError && (
            <Alert
              type="error"
              showIcon
              message={drawError}
              role="alert"
              style={{ marginBottom: 12 }}
            />
          )}
          <Button type="primary" htmlType="submit">
            {t('draw')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={draws.error} />
      <Typography.Title level={3}>
        {t('draws')}（{drawsSoFar}）
      </Typography.Title>
      {(draws.data?.items ?? []).map((d) => (
        <Card key={d.spotCheckId} title={d.spotCheckId} data-testid={`draw-${d.spotCheckId}`}>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('subject')}>
              {label(subjectLabel, d.subject)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rate')}>{d.rate}</Descriptions.Item>
            <Descriptions.Item label={t('strata')}>
              {d.strata.map((s) => label(strataLabel, s)).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('population')}>{d.populationCount}</Descriptions.Item>
            <Descriptions.Item label={t('drawnAt')}>{formatShanghai(d.drawnAt)}</Descriptions.Item>
            <Descriptions.Item label={t('drawnBy')}>{d.drawnBy}</Descriptions.Item>
            <Descriptions.Item label={t('seedSource')}>
              {label(seedSourceLabel, d.seedSource)}
            </Descriptions.Item>
            <Descriptions.Item label={t('redrawReason')} span={2}>
              {d.reason ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '8px 0' }}>
            <Button size="small" onClick={() => void verify(d)}>
              {t('verifyDraw')}
            </Button>
            {verdicts[d.spotCheckId] !== undefined && (
              <Typography.Text
                data-testid="draw-verification"
                type={verdicts[d.spotCheckId] ? undefined : 'danger'}
              >
                {verdicts[d.spotCheckId] ? t('drawMatches') : t('drawDiffers')}
              </Typography.Text>
            )}
          </Space>
          <DataTable<Member>
            caption={`${t('sample')}（${d.sample.length}）`}
            rows={d.sample}
            rowKey="id"
            exportName={`spot-check-${d.spotCheckId}`}
            columns={[
              { title: d.subject === 'persons' ? t('name') : t('title'), dataIndex: 'title' },
              ...(d.subject === 'persons'
                ? []
                : [
                    { title: t('code'), dataIndex: 'code' },
                    { title: t('organizer'), dataIndex: 'organizerId' },
                  ]),
              {
                title: t('finding'),
                key: 'result',
                render: (_: unknown, m: Member) =>
                  m.result === null ? (
                    <Tag>{t('noFinding')}</Tag>
                  ) : m.result === 'pass' ? (
                    <Tag color="#237804">{t('pass')}</Tag>
                  ) : (
                    <Tag color="#c41d1f">{t('fail')}</Tag>
                  ),
              },
              {
                title: t('findingReason'),
                key: 'reason',
                render: (_: unknown, m: Member) =>
                  [m.findingReason, ...m.failed].filter(Boolean).join('；'),
              },
              ...(d.subject === 'projects'
                ? [
                    {
                      title: t('actions'),
                      key: 'actions',
                      render: (_: unknown, m: Member) =>
                        m.result === null ? (
                          <Button
                            size="small"
                            aria-label={`${t('recordFinding')} ${m.title ?? ''}`}
                            onClick={() => setFinding({ draw: d, member: m })}
                          >
                            {t('recordFinding')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
            exportColumns={[
              { header: t('title'), value: (m) => m.title },
              { header: t('code'), value: (m) => m.code },
              { header: t('organizer'), value: (m) => m.organizerId },
              {
                header: t('finding'),
                value: (m) =>
                  m.result === null ? t('noFinding') : m.result === 'pass' ? t('pass') : t('fail'),
              },
              {
                header: t('findingReason'),
                value: (m) => [m.findingReason, ...m.failed].filter(Boolean).join('；'),
              },
              { header: '编号', value: (m) => m.id },
            ]}
          />
        </Card>
      ))}
      {finding && (
        <FindingModal
          draw={finding.draw}
          member={finding.member}
          onClose={(recorded) => {
            setFinding(null);
            if (recorded) void draws.run(jurisdiction, year);
          }}
        />
      )}
    </Space>
  );
}

function FindingModal(props: { draw: Draw; member: Member; onClose: (recorded: boolean) => void }) {
  const t = useWorkT();
  const { message } = App.useApp();
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [reason, setReason] = useState('');
  const [failed, setFailed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await api(`/spot-checks/${props.draw.spotCheckId}/findings`, {
        method: 'POST',
        body: {
          activityId: props.member.id,
          result,
          reason: reason.trim(),
          ...(result === 'fail' && lines(failed).length ? { failed: lines(failed) } : {}),
        },
      });
      void message.success(
        `${props.member.title ?? ''}：${result === 'pass' ? t('pass') : t('fail')}`,
      );
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={`${t('recordFinding')}：${props.member.title ?? props.member.id}`}
      okText={t('recordFinding')}
      okButtonProps={{ disabled: reason.trim().length < 8 }}
      onOk={() => void save()}
      onCancel={() => props.onClose(false)}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={result}
          onChange={(e) => setResult(e.target.value as 'pass' | 'fail')}
          options={[
            { value: 'pass', label: t('pass') },
            { value: 'fail', label: t('fail') },
          ]}
        />
        <label htmlFor="finding-reason">{`${t('findingReason')}（至少 8 个字）`}</label>
        <Input.TextArea
          id="finding-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {result === 'fail' && (
          <>
            <label htmlFor="finding-failed">{t('failedItems')}</label>
            <Input.TextArea
              id="finding-failed"
              rows={3}
              value={failed}
              onChange={(e) => setFailed(e.target.value)}
            />
          </>
        )}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Space>
    </Modal>
  );
}
