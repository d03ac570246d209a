import { shanghaiDate } from '../shared/domain/shanghai-time';

/**
 * Rule profiles: every number of the CME rules as versioned data, chosen by jurisdiction and
 * credit year, each citing the seed it comes from (../shared/seeds, DOMAIN.md R1–R17). The domain
 * reads numbers from here; it holds no jurisdiction `if`s of its own.
 *
 * Profiles are layers. A national layer governs every jurisdiction for its years; a provincial
 * layer governs only its province and overrides the national fields it names (national rules apply
 * everywhere, a province's only there). `profileFor(jurisdiction, year)` resolves the two into one
 * profile whose `layers` name both with their versions. A field that is `null` says "no rule for
 * this here": the ledger then records what the granting body decided (`calc.by-decision`), and never
 * borrows another province's numbers.
 */

export interface Cited<T> {
  value: T;
  source: string;
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

/**
 * Bases on which a person is outside CME altogether (003 第四条 参加毕业后医学教育者除外:
 * residency and specialist standardized training): reported as out of scope, not exempt, and not
 * in a compliance rate's denominator.
 */
export const outOfScopeBases: readonly ExemptionBasis[] = [
  'residency-training',
  'specialist-training',
];
export const outOfScopeSource = '003 第四条: 继续医学教育对象…(参加毕业后医学教育者除外)';

export interface ExemptionRule {
  basis: ExemptionBasis;
  /** The credit years the basis applies to; null: every year of the profile. */
  years: readonly number[] | null;
  source: string;
}

/** Compliance-rate targets by title group (fractions), for one region or the whole jurisdiction. */
export interface ComplianceTarget {
  intermediateOrSenior: string;
  junior: string;
}

export const regions = ['cq-northeast', 'cq-southeast'] as const;
/** A development area where a profile sets its own targets (R8: 渝东北、渝东南). */
export type Region = (typeof regions)[number];

export interface NonProjectRules {
  /** R11: internal training, 1 credit per N hours, at most M per project (per person). */
  internalTraining: Cited<{ hoursPerCredit: string; creditsPerProjectMax: string }> | null;
  /**
   * R11: special training of at least N months in the year counts as the year's credits;
   * otherwise credits per day of at least H hours, at most M a year.
   */
  specialTraining: Cited<{
    fullYearMonths: number;
    fullYearCredits: string;
    creditsPerDay: string;
    hoursPerDayMin: string;
    creditsPerYearMax: string;
  }> | null;
  /** R11: verifiable self-study, needs a plan approved at the start of the year; a yearly cap. */
  selfStudy: Cited<{ creditsPerYearMax: string }> | null;
  /** R11: papers, credits for authors ranked 1–3 (corresponding author counts as first). */
  publication: Cited<{ sci: [string, string, string]; core: [string, string, string] }> | null;
}

export interface RuleProfile {
  /** The governing layer: the province's own where it has one, else the national one. */
  id: string;
  version: number;
  /** Every layer the profile is made of, national first, as `id@version`. */
  layers: readonly string[];
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
   * entered. A province's list replaces the national one, so it repeats the national rule.
   */
  sessionFiling: Cited<SessionFilingRule>[];
  /** R12: the share of a project that may change; more is flagged on the report. */
  projectChangeShareMax: Cited<string>;
  nonProject: NonProjectRules;
  /** R4: bases on which a person is deemed qualified for a year (national ones everywhere). */
  exemptionBases: readonly ExemptionRule[];
  /** Yearly minimums: credits, and study hours where the profile sets them. */
  minimum: Cited<{ credits: string; hours: string | null }>;
  /**
   * R2: Category I/II minimums and the share one may supplement the other; null where no split.
   * R3: for staff of county-level and lower institutions the province sets the requirement and
   * may drop the split (`waivedForCountyLevelOrBelow`).
   */
  categorySplit: Cited<{
    categoryIMin: string;
    categoryIIMin: string;
    supplementShareMax: string;
    waivedForCountyLevelOrBelow: boolean;
  }> | null;
  /** R10: public-subject minimum by title level; grassroots institutions' staff may be exempt. */
  publicSubjectMin: Cited<{
    byTitle: Record<'junior' | 'intermediate' | 'senior' | 'none', string>;
    grassrootsExempt: boolean;
  }> | null;
  /** R6: credits in job-related professional subjects. */
  professionalMin: Cited<string> | null;
  /** R6: public : other hours, in principle (reported, never a verdict). */
  publicToOtherHours: Cited<{ public: number; other: number }> | null;
  /** R6: the annual audit (学分审验) is due by this date after the credit year ends; null where the seeds say nothing. */
  auditDueBy: Cited<{ month: number; day: number }> | null;
  /** R7: the share of a year's projects a committee spot-checks; null: the committee states its rate. */
  spotCheckRate: Cited<{ min: string; max: string; default: string }> | null;
  /** R8: compliance-rate targets; null: no target unless configured. */
  complianceTargets: Cited<{
    all: ComplianceTarget;
    byRegion: Partial<Record<Region, ComplianceTarget>>;
  }> | null;
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

type LayerFields = Omit<RuleProfile, 'id' | 'version' | 'layers'>;

export interface ProfileLayer extends Partial<Omit<LayerFields, 'nonProject' | 'exemptionBases'>> {
  id: string;
  version: number;
  /** ISO 3166-2 codes; `CN` is the national layer, which applies everywhere. */
  jurisdictions: readonly string[];
  /** Credit years (inclusive) this layer governs. */
  fromYear: number;
  toYear: number;
  nonProject?: Partial<NonProjectRules>;
  /** Added to the national bases (a province cannot take a national basis away). */
  exemptionBases?: readonly ExemptionRule[];
}

const calendarYear = {
  value: { month: 1, day: 1, startsPreviousYear: false },
  source: 'national practice: credit year = calendar year (000 §三 "当年有效")',
};

const noNonProjectRules: NonProjectRules = {
  internalTraining: null,
  specialTraining: null,
  selfStudy: null,
  publication: null,
};

const nationalExemptions: readonly ExemptionRule[] = [
  ...(
    [
      'residency-training',
      'specialist-training',
      'assistant-gp-training',
      'advanced-study-6-months',
      'science-award-leader',
    ] as const
  ).map((basis) => ({
    basis,
    years: null,
    source:
      '000 §三: 参加住院医师规范化培训、专科医师规范化培训、助理全科医生培训、累计6个月及以上进修并考核合格者、担任省级及以上科技成果奖励项目负责人等人员，可视为当年继续医学教育合格',
  })),
  {
    basis: 'covid-19-frontline',
    years: [2020],
    source:
      '002 (全继委办发〔2020〕02号, national): 新冠肺炎疫情防控一线…参加疫情防控经历可视同完成当年继续教育学时学分',
  },
];

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

const nationalCommon = {
  creditYearStart: calendarYear,
  nationalProjectSessionsPerYearMax: { value: 6, source: '004 §六.6: 国家级项目每年举办不超过6期' },
  reportDueDays: { value: 14, source: '004 §六.4; 002: 项目举办结束后2周内报送项目执行情况' },
  reviewDueDays: { value: 14, source: '002: 审核单位在收到申办单位汇报执行情况 2 周内予以审核' },
  sessionFiling: [nationalFiling],
  projectChangeShareMax: { value: '0.3', source: '004 §六.4: 授课教师和内容变更不超过30%' },
  nonProject: noNonProjectRules,
  exemptionBases: nationalExemptions,
  publicSubjectMin: null,
  professionalMin: null,
  publicToOtherHours: null,
  auditDueBy: null,
  spotCheckRate: null,
  complianceTargets: null,
};

export const profileLayers: readonly ProfileLayer[] = [
  {
    id: 'national-2019',
    version: 2,
    jurisdictions: ['CN'],
    fromYear: 2000,
    toYear: 2023,
    ...nationalCommon,
    minimum: {
      value: { credits: '25', hours: null },
      source: '全继委发〔2006〕11号 (not in the seeds; DOMAIN.md): 每年不少于25学分',
    },
    categorySplit: {
      value: {
        categoryIMin: '10',
        categoryIIMin: '15',
        supplementShareMax: '0.5',
        waivedForCountyLevelOrBelow: true,
      },
      source:
        'minimums: 全继委发〔2006〕11号 (not in the seeds: Ⅰ类5–10、Ⅱ类15–20, the upper Ⅰ and lower Ⅱ taken); supplement: 000 §三 所补充比例不得超过该类别学分总值的50%; county level and below: 000 §三 (R3) 可不限于学分分类',
    },
  },
  {
    id: 'national-2024',
    version: 2,
    jurisdictions: ['CN'],
    fromYear: 2024,
    toYear: 9999,
    ...nationalCommon,
    minimum: {
      value: { credits: '25', hours: '90' },
      source:
        '国卫办科教发〔2024〕20号 (not in the seeds; DOMAIN.md): 每年不低于25学分 (不少于90学时); its public-subject minimums are not in the seeds',
    },
    categorySplit: null,
  },
  {
    id: 'zhejiang-2024',
    version: 2,
    jurisdictions: ['CN-ZJ'],
    fromYear: 2024,
    toYear: 9999,
    minimum: {
      value: { credits: '25', hours: '90' },
      source: '003 第十八条: 每年所获得学分不低于25学分 (不少于90学时)',
    },
    publicSubjectMin: {
      value: {
        byTitle: { junior: '10', intermediate: '5', senior: '3', none: '0' },
        grassrootsExempt: true,
      },
      source:
        '003 细则 二: 公需科目 初级不低于10学分、中级不低于5学分、高级不低于3学分; 基层医疗卫生机构的卫生专业技术人员(含乡村医生)不做最低要求',
    },
    nonProject: {
      internalTraining: {
        value: { hoursPerCredit: '3', creditsPerProjectMax: '5' },
        source: '003 细则 (五) 内部培训: 参加者每3小时授予1学分，每个项目最多不超过5学分',
      },
      specialTraining: {
        value: {
          fullYearMonths: 3,
          fullYearCredits: '25',
          creditsPerDay: '1',
          hoursPerDayMin: '6',
          creditsPerYearMax: '15',
        },
        source:
          '003 细则 (六) 专项培训: 当年累计时间满3个月，视为完成当年继续医学教育25学分；不足3个月，按每天(不少于6小时)授予1学分计算，最多不超过15学分',
      },
      selfStudy: {
        value: { creditsPerYearMax: '10' },
        source:
          '003 细则 (七) 可验证自学: 年初…自学计划…经用人单位审核同意…当年最多不超过10学分，由用人单位登记并授予',
      },
      publication: {
        value: { sci: ['25', '15', '10'], core: ['15', '10', '5'] },
        source:
          '003 细则 (八) 1. 发表学术论文: SCI收录期刊(25、15、10学分); 中文核心期刊(15、10、5学分)',
      },
    },
  },
  {
    id: 'chongqing-2017',
    version: 2,
    jurisdictions: ['CN-CQ'],
    fromYear: 2017,
    toYear: 9999,
    creditYearStart: {
      value: { month: 11, day: 1, startsPreviousYear: true },
      source: '001 (十六): 学分统计起止时间为上年度11月1日至本年度10月31日',
    },
    minimum: {
      value: { credits: '25', hours: '80' },
      source: '001 (十六): 每年接受继续教育的时间累计不少于80学时…学分数不低于25学分',
    },
    professionalMin: {
      value: '15',
      source: '001 (十六): 接受与岗位密切相关专业继续医学教育应不少于15个学分',
    },
    publicToOtherHours: {
      value: { public: 1, other: 5 },
      source: '001 (十六): 公需科目与其他科目培训学时分配比例原则上为1:5',
    },
    auditDueBy: {
      value: { month: 11, day: 30 },
      source: '001 (十六): 各区县、各单位每年11月30日前完成…学分审验工作',
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
    spotCheckRate: {
      value: { min: '0.06', max: '0.10', default: '0.08' },
      source:
        '001 (二十二): 我市国家级、市级继续医学教育项目实施情况按当年公布项目总数的6%~10%…进行抽查评估',
    },
    complianceTargets: {
      value: {
        all: { intermediateOrSenior: '0.95', junior: '0.90' },
        byRegion: {
          'cq-northeast': { intermediateOrSenior: '0.90', junior: '0.85' },
          'cq-southeast': { intermediateOrSenior: '0.90', junior: '0.85' },
        },
      },
      source:
        '001 (五): 到2020年…中高级专业技术人员年度学分达标率95%以上(渝东北、渝东南发展区不低于90%)，初级专业技术人员年度学分达标率90%以上(渝东北、渝东南发展区不低于85%)',
    },
  },
];

const governs = (layer: ProfileLayer, jurisdiction: string, creditYear: number) =>
  layer.jurisdictions.includes(jurisdiction) &&
  creditYear >= layer.fromYear &&
  creditYear <= layer.toYear;

function nationalLayer(creditYear: number): ProfileLayer {
  const found =
    profileLayers.find((l) => governs(l, 'CN', creditYear)) ??
    (creditYear < 2000 ? profileLayers[0] : profileLayers[1]);
  return found;
}

function provincialLayer(jurisdiction: string, creditYear: number): ProfileLayer | null {
  if (jurisdiction === 'CN') return null;
  return profileLayers.find((l) => governs(l, jurisdiction, creditYear)) ?? null;
}

const cache = new Map<string, RuleProfile>();

/** The profile of a jurisdiction's credit year: the national layer, then the province's own. */
export function profileFor(jurisdiction: string, creditYear: number): RuleProfile {
  const key = `${jurisdiction}:${creditYear}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const national = nationalLayer(creditYear);
  const own = provincialLayer(jurisdiction, creditYear);
  const resolved = resolve(national, own);
  cache.set(key, resolved);
  return resolved;
}

function resolve(national: ProfileLayer, own: ProfileLayer | null): RuleProfile {
  const pick = <K extends keyof LayerFields>(key: K): LayerFields[K] => {
    const mine = own?.[key as keyof ProfileLayer];
    return (mine !== undefined ? mine : national[key as keyof ProfileLayer]) as LayerFields[K];
  };
  const base = national as Required<ProfileLayer>;
  return {
    id: own?.id ?? national.id,
    version: own?.version ?? national.version,
    layers: [national, ...(own ? [own] : [])].map((l) => `${l.id}@${l.version}`),
    creditYearStart: pick('creditYearStart'),
    nationalProjectSessionsPerYearMax: pick('nationalProjectSessionsPerYearMax'),
    reportDueDays: pick('reportDueDays'),
    reviewDueDays: pick('reviewDueDays'),
    sessionFiling: pick('sessionFiling'),
    projectChangeShareMax: pick('projectChangeShareMax'),
    nonProject: { ...(base.nonProject as NonProjectRules), ...(own?.nonProject ?? {}) },
    exemptionBases: [...base.exemptionBases, ...(own?.exemptionBases ?? [])],
    minimum: pick('minimum'),
    categorySplit: pick('categorySplit'),
    publicSubjectMin: pick('publicSubjectMin'),
    professionalMin: pick('professionalMin'),
    publicToOtherHours: pick('publicToOtherHours'),
    auditDueBy: pick('auditDueBy'),
    spotCheckRate: pick('spotCheckRate'),
    complianceTargets: pick('complianceTargets'),
  };
}

/** The words a credit carries when its profile has no rule for it (R11 and the like). */
/** Whether a basis exempts (or puts out of scope) for a credit year under a profile (R4). */
export function exemptionRuleFor(
  profile: RuleProfile,
  basis: ExemptionBasis,
  creditYear: number,
): ExemptionRule | null {
  return (
    profile.exemptionBases.find(
      (b) => b.basis === basis && (b.years === null || b.years.includes(creditYear)),
    ) ?? null
  );
}

function startOf(jurisdiction: string, creditYear: number) {
  return profileFor(jurisdiction, creditYear).creditYearStart.value;
}

/** The credit year an instant belongs to in a jurisdiction, in Asia/Shanghai time (R1, R6). */
export function creditYearOf(jurisdiction: string, instant: Date): number {
  const { year, month, day } = shanghaiDate(instant);
  // Year `year + 1` claims the date when its profile starts it in the previous year by this date.
  const next = startOf(jurisdiction, year + 1);
  if (next.startsPreviousYear && (month > next.month || (month === next.month && day >= next.day)))
    return year + 1;
  return year;
}

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The first and last day of a jurisdiction's credit year (Asia/Shanghai dates), and the instant it
 * ends (exclusive): the start of the next credit year.
 */
export function creditYearBounds(
  jurisdiction: string,
  creditYear: number,
): { firstDay: IsoDate; lastDay: IsoDate; endsAt: Date; startsAt: Date } {
  // Pure in (jurisdiction, year) over the cached profiles; a year is assessed many times (every
  // written document of the person-years projection), and the Shanghai calendar through Intl is
  // the costly part. Callers get Dates of their own.
  const key = `${jurisdiction}:${creditYear}`;
  let bounds = boundsCache.get(key);
  if (!bounds) {
    bounds = computeCreditYearBounds(jurisdiction, creditYear);
    boundsCache.set(key, bounds);
  }
  return {
    firstDay: bounds.firstDay,
    lastDay: bounds.lastDay,
    startsAt: new Date(bounds.startsAt.getTime()),
    endsAt: new Date(bounds.endsAt.getTime()),
  };
}

const boundsCache = new Map<string, ReturnType<typeof computeCreditYearBounds>>();

function computeCreditYearBounds(
  jurisdiction: string,
  creditYear: number,
): { firstDay: IsoDate; lastDay: IsoDate; endsAt: Date; startsAt: Date } {
  const startInstant = (y: number) => {
    const s = startOf(jurisdiction, y);
    const calendarYearOfStart = s.startsPreviousYear ? y - 1 : y;
    return new Date(`${isoDate(calendarYearOfStart, s.month, s.day)}T00:00:00+08:00`);
  };
  const startsAt = startInstant(creditYear);
  const endsAt = startInstant(creditYear + 1);
  const last = shanghaiDate(new Date(endsAt.getTime() - 1));
  const first = shanghaiDate(startsAt);
  return {
    firstDay: isoDate(first.year, first.month, first.day),
    lastDay: isoDate(last.year, last.month, last.day),
    startsAt,
    endsAt,
  };
}

/** The audit due date of a credit year, where the profile sets one (R6: Chongqing by 30 Nov). */
export function auditDueDate(jurisdiction: string, creditYear: number): Date | null {
  const due = profileFor(jurisdiction, creditYear).auditDueBy?.value;
  if (!due) return null;
  return new Date(`${isoDate(creditYear, due.month, due.day)}T23:59:59+08:00`);
}

/** Every layer resolved as it governs its own first year (readers that list every profile). */
export const ruleProfiles: readonly RuleProfile[] = profileLayers.map((layer) =>
  profileFor(layer.jurisdictions[0], layer.fromYear),
);
