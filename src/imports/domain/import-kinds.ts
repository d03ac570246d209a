/**
 * What can be imported from a file, and the columns of each kind. Pure data: the CLI, the upload
 * route, the templates and the README all read these tables. A header matches a column by its
 * Chinese name, its English name or any alias, ignoring case, spaces, `_`, `-` and a trailing
 * `(…)`/`（…）` note, so both a Chinese and an English spreadsheet are accepted.
 */

import { type Message, msg } from '../../shared/domain/messages';

export const importKinds = ['persons', 'activities', 'attendance', 'credits'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportColumn {
  /** The field the row gives to the command (the API's request field where there is one). */
  field: string;
  zh: string;
  en: string;
  aliases?: readonly string[];
  required: boolean;
  /** What the cell holds, for the template's second line and the README. */
  description: string;
  example: string;
}

const idNumber: ImportColumn = {
  field: 'idNumber',
  zh: '身份证号',
  en: 'ID number',
  aliases: ['idNumber', '身份证号码', '证件号码'],
  required: false,
  description: '18-character resident ID number (GB 11643); or give personId',
  example: '330102198001010014',
};
const personId: ImportColumn = {
  field: 'personId',
  zh: '人员编号',
  en: 'person id',
  aliases: ['personId'],
  required: false,
  description: 'the ledger person id (UUID); or give the ID number',
  example: '',
};

export const importColumns: Record<ImportKind, readonly ImportColumn[]> = {
  persons: [
    { ...idNumber, required: true, description: '18-character resident ID number (GB 11643)' },
    {
      field: 'name',
      zh: '姓名',
      en: 'name',
      required: true,
      description: 'full name',
      example: '王芳',
    },
    {
      field: 'profession',
      zh: '职业',
      en: 'profession',
      required: true,
      description: 'physician, nurse, pharmacist, technician, tcm or village-doctor',
      example: 'physician',
    },
    {
      field: 'titleLevel',
      zh: '职称级别',
      en: 'title level',
      aliases: ['titleLevel', '职称'],
      required: true,
      description: 'junior, intermediate, senior or none',
      example: 'intermediate',
    },
    {
      field: 'specialty',
      zh: '专业',
      en: 'specialty',
      required: true,
      description: 'specialty',
      example: 'cardiology',
    },
    {
      field: 'jurisdiction',
      zh: '辖区',
      en: 'jurisdiction',
      required: false,
      description: 'ISO 3166-2 code such as CN-ZJ; defaults to the import’s --jurisdiction',
      example: 'CN-ZJ',
    },
    {
      field: 'grassroots',
      zh: '基层',
      en: 'grassroots',
      required: true,
      description: 'works at a grassroots institution: 是/否 or true/false',
      example: '否',
    },
    {
      field: 'employerId',
      zh: '用人单位编号',
      en: 'employer id',
      aliases: ['employerId'],
      required: false,
      description: 'the employing organization’s opaque id',
      example: 'employer-zj-hospital-3',
    },
  ],
  activities: [
    {
      field: 'kind',
      zh: '活动类型',
      en: 'kind',
      required: true,
      description:
        'project, internal-training, advanced-study, mentorship, degree-education, special-training, self-study or publication',
      example: 'project',
    },
    {
      field: 'code',
      zh: '项目编号',
      en: 'code',
      aliases: ['project code'],
      required: false,
      description: 'project code (项目编号), required for projects',
      example: '2026-04-01-123(国)',
    },
    {
      field: 'title',
      zh: '项目名称',
      en: 'title',
      aliases: ['活动名称'],
      required: true,
      description: 'title',
      example: '心血管疾病诊疗新进展',
    },
    {
      field: 'level',
      zh: '级别',
      en: 'level',
      required: true,
      description: 'national, provincial, municipal or unit',
      example: 'national',
    },
    {
      field: 'category',
      zh: '学分类别',
      en: 'category',
      required: false,
      description: 'I or II where the jurisdiction still splits them',
      example: 'I',
    },
    {
      field: 'subject',
      zh: '科目',
      en: 'subject',
      required: true,
      description: 'public or professional',
      example: 'professional',
    },
    {
      field: 'format',
      zh: '形式',
      en: 'format',
      required: true,
      description: 'in-person or remote',
      example: 'in-person',
    },
    {
      field: 'credits',
      zh: '学分',
      en: 'credits',
      required: true,
      description: 'credits, exact decimal',
      example: '10',
    },
    {
      field: 'hours',
      zh: '学时',
      en: 'hours',
      required: true,
      description: 'study hours, exact decimal',
      example: '20',
    },
    {
      field: 'jurisdiction',
      zh: '辖区',
      en: 'jurisdiction',
      required: false,
      description: 'ISO 3166-2 code; defaults to the import’s --jurisdiction',
      example: 'CN-ZJ',
    },
    {
      field: 'organizerId',
      zh: '主办单位编号',
      en: 'organizer id',
      aliases: ['organizerId'],
      required: true,
      description: 'the organizing unit’s opaque id',
      example: 'org-zj-hospital-1',
    },
    {
      field: 'sessionsDeclared',
      zh: '申报期次',
      en: 'sessions declared',
      aliases: ['sessionsDeclared'],
      required: false,
      description:
        'sessions a year declared at application; required for a national project (1–6, R13)',
      example: '2',
    },
    {
      field: 'startsAt',
      zh: '开始时间',
      en: 'session starts at',
      aliases: ['startsAt'],
      required: false,
      description: 'with endsAt and location: also schedule a session (instant with offset)',
      example: '2026-05-10T08:30:00+08:00',
    },
    {
      field: 'endsAt',
      zh: '结束时间',
      en: 'session ends at',
      aliases: ['endsAt'],
      required: false,
      description: 'end of that session',
      example: '2026-05-10T17:30:00+08:00',
    },
    {
      field: 'location',
      zh: '举办地点',
      en: 'location',
      required: false,
      description: 'venue of that session',
      example: '杭州市 报告厅',
    },
  ],
  attendance: [
    {
      field: 'sessionId',
      zh: '期次编号',
      en: 'session id',
      aliases: ['sessionId'],
      required: true,
      description: 'the session id the ledger gave when the session was scheduled',
      example: '',
    },
    idNumber,
    personId,
    {
      field: 'scannedAt',
      zh: '签到时间',
      en: 'scanned at',
      aliases: ['scannedAt'],
      required: true,
      description: 'instant with offset, e.g. 2026-05-10T08:41:07+08:00',
      example: '2026-05-10T08:41:07+08:00',
    },
    {
      field: 'method',
      zh: '签到方式',
      en: 'method',
      required: false,
      description: 'id-card, qr or manual (default manual: a paper roster)',
      example: 'manual',
    },
    {
      field: 'deviceId',
      zh: '设备编号',
      en: 'device id',
      aliases: ['deviceId'],
      required: false,
      description: 'the reader’s opaque id (default roster-import)',
      example: 'gate-1',
    },
  ],
  credits: [
    idNumber,
    personId,
    {
      field: 'sourceSystem',
      zh: '来源系统',
      en: 'source system',
      aliases: ['sourceSystem'],
      required: true,
      description: 'the previous platform, e.g. zj-cme-2015',
      example: 'zj-cme-2015',
    },
    {
      field: 'sourceRecordId',
      zh: '原记录编号',
      en: 'source record id',
      aliases: ['sourceRecordId'],
      required: true,
      description: 'the record’s id in that system (with the system, the credit’s identity)',
      example: 'R-2021-000412',
    },
    {
      field: 'activityTitle',
      zh: '项目名称',
      en: 'activity title',
      aliases: ['activityTitle', 'title'],
      required: true,
      description: 'what the credit was for',
      example: '急危重症护理',
    },
    {
      field: 'activityCode',
      zh: '项目编号',
      en: 'activity code',
      aliases: ['activityCode', 'code'],
      required: false,
      description: 'project code in the source system',
      example: '2021-04-01-077(省)',
    },
    {
      field: 'kind',
      zh: '活动类型',
      en: 'kind',
      required: true,
      description: 'as for activities (project, internal-training, …)',
      example: 'project',
    },
    {
      field: 'level',
      zh: '级别',
      en: 'level',
      required: true,
      description: 'national, provincial, municipal or unit',
      example: 'provincial',
    },
    {
      field: 'category',
      zh: '学分类别',
      en: 'category',
      required: false,
      description: 'I or II where the year split them',
      example: 'I',
    },
    {
      field: 'subject',
      zh: '科目',
      en: 'subject',
      required: true,
      description: 'public or professional',
      example: 'professional',
    },
    {
      field: 'format',
      zh: '形式',
      en: 'format',
      required: false,
      description: 'in-person or remote (default in-person)',
      example: 'in-person',
    },
    {
      field: 'amount',
      zh: '学分',
      en: 'credits',
      aliases: ['amount'],
      required: true,
      description: 'credits as the ledger counts them, exact decimal (0 < x ≤ 25)',
      example: '6',
    },
    {
      field: 'hours',
      zh: '学时',
      en: 'hours',
      required: false,
      description: 'study hours, exact decimal',
      example: '12',
    },
    {
      field: 'originalAmount',
      zh: '原始学分',
      en: 'original amount',
      aliases: ['originalAmount'],
      required: false,
      description: 'the amount as the source recorded it, kept verbatim (default: credits)',
      example: '6.0',
    },
    {
      field: 'earnedAt',
      zh: '获得日期',
      en: 'earned at',
      aliases: ['earnedAt', '授予日期'],
      required: true,
      description: 'when it was earned: a date (Asia/Shanghai) or an instant with offset',
      example: '2021-06-30',
    },
    {
      field: 'sourceRecordedAt',
      zh: '原登记日期',
      en: 'source recorded at',
      aliases: ['sourceRecordedAt'],
      required: false,
      description: 'when the source system recorded it, kept verbatim',
      example: '2021-07-02',
    },
  ],
};

/** Header text → comparable key: case, spaces, `_`, `-` and a trailing note in brackets ignored. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[\s_\-*]/g, '')
    .toLowerCase();
}

/** Each header's column (by index), or the headers that name no column / name one twice. */
export function mapHeaders(
  kind: ImportKind,
  headers: readonly string[],
): { fields: (string | null)[]; problems: { column: string; message: Message }[] } {
  const byKey = new Map<string, string>();
  for (const column of importColumns[kind])
    for (const name of [column.field, column.zh, column.en, ...(column.aliases ?? [])])
      byKey.set(headerKey(name), column.field);
  const problems: { column: string; message: Message }[] = [];
  const seen = new Set<string>();
  const fields = headers.map((header) => {
    if (header.trim() === '') return null;
    const field = byKey.get(headerKey(header)) ?? null;
    if (!field)
      problems.push({
        column: header,
        message: msg('import.unknown-column', { header, kind }),
      });
    else if (seen.has(field)) {
      problems.push({ column: header, message: msg('import.repeated-column', { header }) });
      return null;
    } else seen.add(field);
    return field;
  });
  for (const column of importColumns[kind])
    if (column.required && !seen.has(column.field))
      problems.push({
        column: `${column.zh} / ${column.en}`,
        message: msg('import.missing-column', { zh: column.zh, en: column.en }),
      });
  return { fields, problems };
}

/** Display name of a field's column, Chinese first. */
export function columnName(kind: ImportKind, field: string): string {
  const column = importColumns[kind].find((c) => c.field === field);
  return column ? `${column.zh} / ${column.en}` : field;
}
