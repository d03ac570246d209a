import { shanghaiDate } from '../shared/domain/shanghai-time';

/**
 * Rule profiles: every number of the CME rules as versioned data, chosen by jurisdiction and
 * credit year, each citing the seed it comes from (../shared/seeds, DOMAIN.md R1–R17). The domain
 * reads numbers from here; it holds no jurisdiction `if`s of its own.
 */

export interface Cited<T> {
  value: T;
  source: string;
}

export interface RuleProfile {
  id: string;
  version: number;
  /** ISO 3166-2 codes; `CN` is the national fallback. */
  jurisdictions: readonly string[];
  /** Credit years (inclusive) this profile governs. */
  fromYear: number;
  toYear: number;
  /** The credit year named N starts on this month/day of year N-1 when `startsPreviousYear`. */
  creditYearStart: Cited<{ month: number; day: number; startsPreviousYear: boolean }>;
  /** R13: sessions a national project may hold in one year. */
  nationalProjectSessionsPerYearMax: Cited<number>;
  /** R14: days after a session within which the execution report is due. */
  reportDueDays: Cited<number>;
  /** R14: days after a report is filed within which the committee reviews it. */
  reviewDueDays: Cited<number>;
  /**
   * R14: how far ahead a session is filed (备案) or published, by which projects; a session
   * scheduled later is recorded and flagged, and where `creditsNotEntered` its credits are not
   * entered. Each entry cites its seed; a jurisdiction lists only what its own seed (or a national
   * rule) says.
   */
  sessionFiling: Cited<SessionFilingRule>[];
  /** R12: the share of a project that may change; more is flagged on the report. */
  projectChangeShareMax: Cited<string>;
  nonProject: {
    /** R11: internal training, 1 credit per N hours … */
    trainingHoursPerCredit: Cited<string>;
    /** … at most this many credits per project (per person). */
    trainingCreditsPerProjectMax: Cited<string>;
    /** R11: special training of at least N months in the year counts as the whole year … */
    specialTrainingFullYearMonths: Cited<number>;
    specialTrainingFullYearCredits: Cited<string>;
    /** … otherwise 1 credit per day (≥ 6 h), at most this many a year. */
    specialTrainingCreditsPerDay: Cited<string>;
    specialTrainingCreditsPerYearMax: Cited<string>;
    /** R11: verifiable self-study, needs a plan approved at the start of the year. */
    selfStudyCreditsPerYearMax: Cited<string>;
    /** R11: papers, credits for authors ranked 1–3 (corresponding author counts as first). */
    publicationCredits: Cited<{ sci: [string, string, string]; core: [string, string, string] }>;
  };
  /** R4: bases on which a person is deemed qualified for a year. */
  exemptionBases: Cited<readonly ExemptionBasis[]>;
  /** Yearly minimums: credits, and study hours where the profile sets them. */
  minimum: Cited<{ credits: string; hours: string | null }>;
  /** R2: Category I/II minimums and the share one may supplement the other; null where no split. */
  categorySplit: Cited<{
    categoryIMin: string;
    categoryIIMin: string;
    supplementShareMax: string;
    waivedForGrassroots: boolean;
  }> | null;
  /** R10: public-subject minimum by title level; grassroots staff may be exempt. */
  publicSubjectMin: Cited<{
    byTitle: Record<'junior' | 'intermediate' | 'senior' | 'none', string>;
    grassrootsExempt: boolean;
  }> | null;
  /** R6: credits in job-related professional subjects. */
  professionalMin: Cited<string> | null;
  /** R6: public : other hours, in principle (reported, not a verdict). */
  publicHoursShare: Cited<string> | null;
  /** R6: the annual audit (学分审验) is due by this date after the credit year ends; null where the seeds say nothing. */
  auditDueBy: Cited<{ month: number; day: number }> | null;
  /** R7: the share of a year's projects a committee spot-checks. */
  spotCheckRate: Cited<{ min: string; max: string; default: string }>;
  /** R8: compliance-rate targets, by title group (fractions). */
  complianceTargets: Cited<{ intermediateOrSenior: string; junior: string }>;
}

export interface SessionFilingRule {
  /** R14 code of the flag: filed late with the venue's committee, published late, … */
  code: 'filed-late' | 'published-late' | 'outside-organizer-filed-late';
  /** The projects it concerns: by level, and (optionally) only organizers based elsewhere. */
  levels: readonly ('national' | 'provincial' | 'municipal')[];
  outsideOrganizersOnly: boolean;
  ahead: { days: number } | { months: number };
  /** Under this rule a session filed late is not filed, and its credits are not entered. */
  creditsNotEntered: boolean;
}

export const exemptionBasisValues = [
  'residency-training',
  'specialist-training',
  'assistant-gp-training',
  'advanced-study-6-months',
  'science-award-leader',
  'covid-19-frontline',
] as const;
export type ExemptionBasis = (typeof exemptionBasisValues)[number];

const calendarYear = {
  value: { month: 1, day: 1, startsPreviousYear: false },
  source: 'national practice: credit year = calendar year (000 §三 "当年度")',
};

const nonProject2024: RuleProfile['nonProject'] = {
  trainingHoursPerCredit: { value: '3', source: '003 细则 (五) 内部培训: 参加者每3小时授予1学分' },
  trainingCreditsPerProjectMax: { value: '5', source: '003 细则 (五): 每个项目最多不超过5学分' },
  specialTrainingFullYearMonths: {
    value: 3,
    source: '003 细则 (六) 专项培训: 当年累计时间满3个月',
  },
  specialTrainingFullYearCredits: {
    value: '25',
    source: '003 细则 (六): 视为完成当年继续医学教育25学分',
  },
  specialTrainingCreditsPerDay: {
    value: '1',
    source: '003 细则 (六): 按每天 (不少于6小时) 授予1学分',
  },
  specialTrainingCreditsPerYearMax: { value: '15', source: '003 细则 (六): 最多不超过15学分' },
  selfStudyCreditsPerYearMax: {
    value: '10',
    source: '003 细则 (七) 可验证自学: 当年最多不超过10学分',
  },
  publicationCredits: {
    value: { sci: ['25', '15', '10'], core: ['15', '10', '5'] },
    source: '003 细则 (八) 1. 发表学术论文: SCI 25、15、10; 中文核心 15、10、5',
  },
};

const publicSubject2024 = {
  value: {
    byTitle: { junior: '10', intermediate: '5', senior: '3', none: '0' },
    grassrootsExempt: true,
  },
  source:
    '003 细则 二: 公需科目 初级不低于10学分、中级不低于5学分、高级不低于3学分; 基层(含乡村医生)不做最低要求',
};
const minimum2024 = {
  value: { credits: '25', hours: '90' },
  source: '003 第十八条; 国卫办科教发〔2024〕20号: 每年不低于25学分 (不少于90学时)',
};
const complianceTargets = {
  value: { intermediateOrSenior: '0.95', junior: '0.90' },
  source:
    '001 (五): 中高级达标率95%以上, 初级90%以上 (渝东北、渝东南 90%/85%); the only targets in the seeds, used where none other is published',
};

const nationalFiling: Cited<SessionFilingRule> = {
  value: {
    code: 'filed-late',
    levels: ['national'],
    outsideOrganizersOnly: false,
    ahead: { days: 14 },
    creditsNotEntered: false,
  },
  source:
    '002: 申办单位须在项目举办2周前将项目编号、项目名称、办班通知、日程等相关资料报项目举办地省级继续医学教育委员会备案',
};

const common = {
  auditDueBy: null,
  spotCheckRate: {
    value: { min: '0.06', max: '0.10', default: '0.08' },
    source:
      '001 (二十二): 国家级、市级继续医学教育项目实施情况按当年公布项目总数的6%~10%…进行抽查评估',
  },
  nationalProjectSessionsPerYearMax: { value: 6, source: '004 §六.6: 国家级项目每年举办不超过6期' },
  reportDueDays: { value: 14, source: '004 §六.4; 002: 项目结束后2周内报送执行情况' },
  reviewDueDays: { value: 14, source: '002: 审核单位在收到申办单位汇报执行情况 2 周内予以审核' },
  sessionFiling: [nationalFiling],
  projectChangeShareMax: { value: '0.3', source: '004 §六.4: 授课教师和内容变更不超过30%' },
  complianceTargets,
  exemptionBases: {
    value: exemptionBasisValues.filter((b) => b !== 'covid-19-frontline'),
    source:
      '000 §三: 住院医师规范化培训、专科医师规范化培训、助理全科医生培训、进修半年以上、省级以上科技奖励项目负责人 视为完成当年学分',
  },
};

export const ruleProfiles: readonly RuleProfile[] = [
  {
    id: 'national-2019',
    version: 1,
    jurisdictions: ['CN'],
    fromYear: 2000,
    toYear: 2023,
    creditYearStart: calendarYear,
    ...common,
    exemptionBases: {
      value: exemptionBasisValues,
      source: common.exemptionBases.source + '; 002 (2020): 新冠肺炎疫情防控一线人员 视为合格',
    },
    nonProject: nonProject2024,
    minimum: {
      value: { credits: '25', hours: null },
      source: '全继委发〔2006〕11号 (not in the seeds): 每年不少于25学分',
    },
    categorySplit: {
      value: {
        categoryIMin: '10',
        categoryIIMin: '15',
        supplementShareMax: '0.5',
        waivedForGrassroots: true,
      },
      source:
        'minimums: 全继委发〔2006〕11号 (not in the seeds: Ⅰ类5–10、Ⅱ类15–20, the upper Ⅰ and lower Ⅱ taken); supplement: 000 §三 所补充比例不得超过该类别学分总值的50%; grassroots waiver: 000 §三 (R3)',
    },
    publicSubjectMin: null,
    professionalMin: null,
    publicHoursShare: null,
  },
  {
    id: 'national-2024',
    version: 1,
    jurisdictions: ['CN'],
    fromYear: 2024,
    toYear: 9999,
    creditYearStart: calendarYear,
    ...common,
    nonProject: nonProject2024,
    minimum: minimum2024,
    categorySplit: null,
    publicSubjectMin: publicSubject2024,
    professionalMin: null,
    publicHoursShare: null,
  },
  {
    id: 'zhejiang-2024',
    version: 1,
    jurisdictions: ['CN-ZJ'],
    fromYear: 2024,
    toYear: 9999,
    creditYearStart: calendarYear,
    ...common,
    nonProject: nonProject2024,
    minimum: { ...minimum2024, source: '003 第十八条: 每年所获得学分不低于25学分 (不少于90学时)' },
    categorySplit: null,
    publicSubjectMin: publicSubject2024,
    professionalMin: null,
    publicHoursShare: null,
  },
  {
    id: 'chongqing-2017',
    version: 1,
    jurisdictions: ['CN-CQ'],
    fromYear: 2000,
    toYear: 9999,
    creditYearStart: {
      value: { month: 11, day: 1, startsPreviousYear: true },
      source: '001 (十六): 学分年度为上一年11月1日至当年10月31日',
    },
    ...common,
    nonProject: nonProject2024,
    minimum: {
      value: { credits: '25', hours: '80' },
      source: '001 (十六): 每年累计不少于80学时, 学分数不低于25学分',
    },
    categorySplit: null,
    publicSubjectMin: null,
    professionalMin: {
      value: '15',
      source: '001 (十六): 与岗位密切相关专业继续医学教育应不少于15个学分',
    },
    publicHoursShare: {
      value: '0.1667',
      source: '001 (十六): 公需科目与其他科目培训学时分配比例原则上为1:5',
    },
    auditDueBy: {
      value: { month: 11, day: 30 },
      source: '001 (十六): 每年11月30日前完成学分审验工作',
    },
    sessionFiling: [
      nationalFiling,
      {
        value: {
          code: 'published-late',
          levels: ['national', 'municipal'],
          outsideOrganizersOnly: false,
          ahead: { days: 7 },
          creditsNotEntered: false,
        },
        source:
          '001 (十四): 重庆市内国家级、市级继续医学教育项目单位应在举办前一周在市继续医学教育服务管理平台公布项目举办日期和举办地点',
      },
      {
        value: {
          code: 'outside-organizer-filed-late',
          levels: ['national'],
          outsideOrganizersOnly: true,
          ahead: { months: 1 },
          creditsNotEntered: true,
        },
        source:
          '001 (十八): 外省市来渝举办国家级继续医学教育项目，须提前1个月…报市继续医学教育委员会认定备案…否则不予备案和学分录入管理',
      },
    ],
  },
];

/** The profile family of a jurisdiction (its own, else the national one). */
function familyOf(jurisdiction: string): RuleProfile[] {
  const own = ruleProfiles.filter((p) => p.jurisdictions.includes(jurisdiction));
  return own.length > 0 ? own : ruleProfiles.filter((p) => p.jurisdictions.includes('CN'));
}

/** The credit year an instant belongs to in a jurisdiction, in Asia/Shanghai time (R1, R6). */
export function creditYearOf(jurisdiction: string, instant: Date): number {
  const { year, month, day } = shanghaiDate(instant);
  const start = familyOf(jurisdiction)[0].creditYearStart.value;
  if (!start.startsPreviousYear) return year;
  const onOrAfterStart = month > start.month || (month === start.month && day >= start.day);
  return onOrAfterStart ? year + 1 : year;
}

export function profileFor(jurisdiction: string, creditYear: number): RuleProfile {
  const family = familyOf(jurisdiction);
  const profile = family.find((p) => creditYear >= p.fromYear && creditYear <= p.toYear);
  if (profile) return profile;
  // A year outside every range: the national profile that governs it.
  return (
    ruleProfiles.find(
      (p) => p.jurisdictions.includes('CN') && creditYear >= p.fromYear && creditYear <= p.toYear,
    ) ?? family[0]
  );
}
