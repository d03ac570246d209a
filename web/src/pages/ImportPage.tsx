import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { apiBlob, ApiError, apiUpload } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { download } from '../export';
import { useT } from '../i18n';
import { importKindLabel, importStatusColor, importStatusLabel, label } from '../labels';
import { loadSession, type Role } from '../session';

type Kind = 'persons' | 'activities' | 'attendance' | 'credits';

interface ReportRow {
  row: number;
  status: string;
  column: string | null;
  rule: string | null;
  message: string;
  ids: Record<string, string>;
  events: string[];
}
interface ImportReport {
  batchId: string;
  kind: Kind;
  fileName: string;
  jurisdiction: string;
  dryRun: boolean;
  acceptValid: boolean;
  recorded: boolean;
  outcome: string;
  rowCount: number;
  summary: Record<string, number>;
  fileProblems: { column: string; message: string }[];
  rows: ReportRow[];
}
type Line = ReportRow & { key: string };

/** What each role may upload here (the API's policy decides in the end). */
const kindsOf: Partial<Record<Role, Kind[]>> = {
  committee: ['persons', 'activities', 'attendance', 'credits'],
  organizer: ['attendance'],
};

/** Organizers (attendance rosters) and committees (every kind): template, 预检, report, 导入. */
export default function ImportPage() {
  const t = useT();
  const session = loadSession();
  const jurisdiction = session?.jurisdictions[0] ?? 'CN';
  const kinds = [...new Set((session?.roles ?? []).flatMap((r) => kindsOf[r] ?? []))];
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'attendance');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [acceptValid, setAcceptValid] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = files[0]?.originFileObj;

  const query = (dryRun: boolean, format = 'json') =>
    `/imports/${kind}?jurisdiction=${encodeURIComponent(jurisdiction)}&dryRun=${dryRun}` +
    `&acceptValid=${acceptValid}&report=${format}`;
  const form = () => {
    const body = new FormData();
    if (file) body.append('file', file, file.name);
    return body;
  };
  const guarded = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const run = (dryRun: boolean) =>
    guarded(async () => {
      // 422: rows refused, nothing recorded — the answer is still the report.
      const { body } = await apiUpload<ImportReport>(query(dryRun), form(), [422]);
      setReport(body);
    });
  const template = (format: 'csv' | 'xlsx') =>
    guarded(async () =>
      download(
        await apiBlob(`/imports/templates/${kind}?format=${format}`),
        `${kind}-template.${format}`,
      ),
    );
  const reportFile = (format: 'csv' | 'xlsx') =>
    guarded(async () =>
      download(
        await apiBlob(query(true, format), { method: 'POST', form: form() }),
        `${kind}-report.${format}`,
      ),
    );

  const refused = (report?.summary.refused ?? 0) + (report?.fileProblems.length ?? 0);
  const checked = report?.dryRun === true;
  const lines: Line[] = [
    ...(report?.fileProblems ?? []).map((p, i) => ({
      key: `file-${i}`,
      row: 1,
      status: 'refused',
      column: p.column,
      rule: 'header',
      message: p.message,
      ids: {},
      events: [],
    })),
    ...(report?.rows ?? []).map((r) => ({ ...r, key: `row-${r.row}` })),
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {t('imports')} · {jurisdiction}
      </Typography.Title>
      <Card title="1. 选择类型与文件（Choose the kind and the file）">
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="import-kind">导入类型</label>
          <Select
            id="import-kind"
            style={{ width: 320 }}
            value={kind}
            onChange={(k: Kind) => {
              setKind(k);
              setReport(null);
            }}
            options={kinds.map((k) => ({
              value: k,
              label: `${label(importKindLabel, k)}（${k}）`,
            }))}
          />
          <Space wrap>
            <span>下载模板：</span>
            <Button onClick={() => void template('csv')} disabled={busy}>
              模板 CSV
            </Button>
            <Button onClick={() => void template('xlsx')} disabled={busy}>
              模板 Excel
            </Button>
          </Space>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setReport(null);
            }}
          >
            <Button>选择文件（CSV 或 Excel）</Button>
          </Upload>
        </Space>
      </Card>
      <Card title="2. 预检与导入（Check, then import）">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button type="primary" onClick={() => void run(true)} disabled={!file || busy}>
              预检
            </Button>
            <Checkbox checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)}>
              只导入有效行（拒绝的行不记录）
            </Checkbox>
            <Button
              type="primary"
              onClick={() => void run(false)}
              disabled={!file || busy || !checked || (refused > 0 && !acceptValid)}
            >
              导入
            </Button>
          </Space>
          {checked && refused > 0 && !acceptValid && (
            <Alert
              type="warning"
              showIcon
              message={`有 ${refused} 行被拒绝：请修改文件后重新预检，或勾选"只导入有效行"`}
            />
          )}
          <ErrorAlert error={error} />
        </Space>
      </Card>
      {report && (
        <Card title={report.dryRun ? '预检报告（Dry-run report）' : '导入结果（Import report）'}>
          <Space direction="vertical" style={{ width: '100%' }} data-testid="import-report">
            <Alert
              role="status"
              type={report.recorded ? 'success' : refused > 0 ? 'warning' : 'info'}
              showIcon
              message={
                report.dryRun
                  ? `预检完成：${report.rowCount} 行，将记录 ${report.summary['would-record'] ?? 0} 行，拒绝 ${refused} 行（未写入账本）`
                  : report.recorded
                    ? `导入完成：已记录 ${report.summary.recorded ?? 0} 行，已存在 ${report.summary['already-recorded'] ?? 0} 行`
                    : `未导入：拒绝 ${refused} 行，账本未记录任何一行`
              }
            />
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="文件">{report.fileName}</Descriptions.Item>
              <Descriptions.Item label="批次">{report.batchId}</Descriptions.Item>
            </Descriptions>
            <Space wrap>
              <span>下载预检报告：</span>
              <Button size="small" onClick={() => void reportFile('csv')} disabled={!file || busy}>
                报告 CSV
              </Button>
              <Button size="small" onClick={() => void reportFile('xlsx')} disabled={!file || busy}>
                报告 Excel
              </Button>
            </Space>
            <DataTable<Line>
              caption={`${label(importKindLabel, report.kind)} · ${report.fileName}`}
              rows={lines}
              rowKey="key"
              exportName={`${report.kind}-${report.dryRun ? 'dry-run' : 'import'}`}
              columns={[
                { title: '行号', dataIndex: 'row' },
                {
                  title: '结果',
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={importStatusColor[s] ?? 'default'}>
                      {label(importStatusLabel, s)}
                    </Tag>
                  ),
                },
                { title: '列', dataIndex: 'column' },
                { title: '规则', dataIndex: 'rule' },
                { title: '说明', dataIndex: 'message' },
                {
                  title: '编号',
                  key: 'ids',
                  render: (_: unknown, r: Line) =>
                    Object.entries(r.ids)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(' '),
                },
              ]}
              exportColumns={[
                { header: '行号 row', value: (r) => r.row },
                { header: '结果 status', value: (r) => label(importStatusLabel, r.status) },
                { header: '列 column', value: (r) => r.column },
                { header: '规则 rule', value: (r) => r.rule },
                { header: '说明 message', value: (r) => r.message },
                {
                  header: '编号 ids',
                  value: (r) =>
                    Object.entries(r.ids)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(' '),
                },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
