import { excel } from './excel';
import { importColumns, type ImportKind } from './domain/import-kinds';
import type { ImportReport, RowOutcome } from './importer';
import { type Language, type Message, render } from '../shared/domain/messages';

export type ReportFormat = 'csv' | 'xlsx';

const statusText: Record<string, string> = {
  'would-record': '将记录 would record',
  recorded: '已记录 recorded',
  'already-recorded': '已存在 already recorded',
  refused: '拒绝 refused',
  'not-recorded': '未记录 not recorded',
};

const reportHeader = [
  '行号 row',
  '结果 status',
  '列 column',
  '规则 rule',
  '说明 message',
  '编号 ids',
  '事件 events',
];

/** The report with its messages as text: what the API answers and the report file shows. */
export type ImportReportText = Omit<ImportReport, 'outcome' | 'fileProblems' | 'rows'> & {
  outcome: string;
  fileProblems: { column: string; message: string }[];
  rows: (Omit<RowOutcome, 'message'> & { message: string })[];
};

/** Chinese first, then English (files and the CLI, read by anyone). */
const bothLanguages = (message: Message): string => {
  const zh = render(message, 'zh');
  const en = render(message, 'en');
  return zh === en ? en : `${zh} — ${en}`;
};

/** The report in the caller's language, or in both (`'both'`: files and the CLI). */
export function reportText(report: ImportReport, language: Language | 'both'): ImportReportText {
  const text = (message: Message) =>
    language === 'both' ? bothLanguages(message) : render(message, language);
  return {
    ...report,
    outcome: text(report.outcome),
    fileProblems: report.fileProblems.map((p) => ({ ...p, message: text(p.message) })),
    rows: report.rows.map((r) => ({ ...r, message: text(r.message) })),
  };
}

function reportRows(report: ImportReportText): string[][] {
  const fileLines = report.fileProblems.map((p) => [
    '1',
    statusText.refused,
    p.column,
    'header',
    p.message,
    '',
    '',
  ]);
  return [
    ...fileLines,
    ...report.rows.map((r) => [
      String(r.row),
      statusText[r.status] ?? r.status,
      r.column ?? '',
      r.rule ?? '',
      r.message,
      Object.entries(r.ids)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      r.events.join(' '),
    ]),
  ];
}

const csvCell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
/** UTF-8 with a BOM, so that Excel opens the Chinese text correctly. */
const csvText = (lines: string[][]) =>
  `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** The dry-run / import report as a file the user opens: one line per row, with the reason. */
export async function reportFile(report: ImportReportText, format: ReportFormat): Promise<Buffer> {
  const summary = [
    ['文件 file', report.fileName],
    ['SHA-256', report.sha256],
    ['批次 batch', report.batchId],
    ['结果 outcome', report.outcome],
  ];
  if (format === 'csv')
    return Buffer.from(csvText([...summary, [], reportHeader, ...reportRows(report)]), 'utf8');
  const workbook = new (excel().Workbook)();
  const sheet = workbook.addWorksheet('报告 report');
  for (const line of summary) sheet.addRow(line);
  sheet.addRow([]);
  sheet.addRow(reportHeader).font = { bold: true };
  for (const line of reportRows(report)) sheet.addRow(line);
  sheet.columns.forEach((column, i) => (column.width = [8, 14, 22, 12, 70, 50, 30][i] ?? 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The template of a kind: the header line (Chinese names, the English ones in brackets, which
 * the import ignores) and one example line. CSV in UTF-8 with BOM, or XLSX with a notes sheet.
 */
export async function templateFile(kind: ImportKind, format: ReportFormat): Promise<Buffer> {
  const columns = importColumns[kind];
  const header = columns.map((c) => `${c.zh}(${c.en})`);
  const example = columns.map((c) => c.example);
  if (format === 'csv') return Buffer.from(csvText([header, example]), 'utf8');
  const workbook = new (excel().Workbook)();
  const sheet = workbook.addWorksheet(kind);
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((column) => (column.width = 24));
  const notes = workbook.addWorksheet('说明 notes');
  notes.addRow(['列 column', '必填 required', '说明 description']).font = { bold: true };
  for (const c of columns)
    notes.addRow([`${c.zh}(${c.en})`, c.required ? '是 yes' : '否 no', c.description]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const contentTypes: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
