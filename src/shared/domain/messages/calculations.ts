import { entry } from './entry';
import { kindZh, roleNameZh } from './refusals';

const journalTierZh: Record<string, string> = { sci: 'SCI 收录期刊', core: '核心期刊' };

/**
 * How a credit's amount was worked out (kept on the credit at its grant as a code with its
 * figures, beside the English text events always carried): R11's conversions, R12's reduction of
 * a session's credits to the hours taught, a granting body's own decision where the profile has
 * no rule, and records imported from a provincial platform. The English wording is the one the
 * ledger recorded before these codes existed, so old and new credits read alike.
 */
export const calculationMessages = {
  'calc.by-decision': entry<{ amount: string; grantor: string; kind: string; profile: string }>(
    (p) =>
      `${p.amount} as granted by the ${p.grantor}'s decision (${p.kind}): no conversion rule in ${p.profile}`,
    (p) =>
      `${p.amount} 学分，由${roleNameZh(p.grantor)}决定授予（${kindZh(p.kind)}）：${p.profile} 无学分折算规则`,
  ),
  'calc.internal-training': entry<{
    hours: string;
    hoursPerCredit: string;
    amount: string;
    perProjectMax: string;
    profile: string;
    source: string;
  }>(
    (p) =>
      `${p.hours} h ÷ ${p.hoursPerCredit} h per credit = ${p.amount} (at most ${p.perProjectMax} per project count) [R11, ${p.profile}: ${p.source}]`,
    (p) =>
      `${p.hours} 学时 ÷ 每学分 ${p.hoursPerCredit} 学时 = ${p.amount} 学分（每个项目最多计 ${p.perProjectMax} 学分）[R11，${p.profile}：${p.source}]`,
  ),
  'calc.special-training-full-year': entry<{
    months: string;
    cumulative: string;
    fullYearMonths: string;
    credits: string;
    profile: string;
    source: string;
  }>(
    (p) =>
      `${p.months} month(s), ${p.cumulative} in the year ≥ ${p.fullYearMonths}: the year's ${p.credits} credits (earlier day credits included) [R11, ${p.profile}: ${p.source}]`,
    (p) =>
      `${p.months} 个月，本年累计 ${p.cumulative} 个月 ≥ ${p.fullYearMonths} 个月：授予全年 ${p.credits} 学分（含此前按天计的学分）[R11，${p.profile}：${p.source}]`,
  ),
  'calc.special-training-days': entry<{
    days: string;
    hoursPerDayMin: string;
    creditsPerDay: string;
    amount: string;
    cumulative: string;
    fullYearMonths: string;
    perYearMax: string;
    profile: string;
    source: string;
  }>(
    (p) =>
      `${p.days} day(s) of ≥ ${p.hoursPerDayMin} h × ${p.creditsPerDay} = ${p.amount} (${p.cumulative} month(s) in the year < ${p.fullYearMonths}; at most ${p.perYearMax} a year count) [R11, ${p.profile}: ${p.source}]`,
    (p) =>
      `${p.days} 天（每天不少于 ${p.hoursPerDayMin} 学时）× ${p.creditsPerDay} 学分 = ${p.amount} 学分（本年累计 ${p.cumulative} 个月 < ${p.fullYearMonths} 个月；每年最多计 ${p.perYearMax} 学分）[R11，${p.profile}：${p.source}]`,
  ),
  'calc.self-study': entry<{ amount: string; perYearMax: string; profile: string; source: string }>(
    (p) =>
      `${p.amount} (verifiable self-study, at most ${p.perYearMax} a year count) [R11, ${p.profile}: ${p.source}]`,
    (p) =>
      `${p.amount} 学分（可核查的自学，每年最多计 ${p.perYearMax} 学分）[R11，${p.profile}：${p.source}]`,
  ),
  'calc.publication': entry<{
    tier: string;
    rank: number;
    amount: string;
    profile: string;
    source: string;
  }>(
    (p) => `${p.tier} journal, author ${p.rank} → ${p.amount} [R11, ${p.profile}: ${p.source}]`,
    (p) =>
      `${journalTierZh[p.tier] ?? p.tier}，第 ${p.rank} 作者 → ${p.amount} 学分 [R11，${p.profile}：${p.source}]`,
  ),
  'calc.project-as-approved': entry<{ credits: string; taught: string; planned: string }>(
    (p) => `${p.credits} credits as approved (${p.taught} of ${p.planned} h taught)`,
    (p) => `按批准授予 ${p.credits} 学分（计划 ${p.planned} 学时，实际授课 ${p.taught} 学时）`,
  ),
  'calc.project-reduced': entry<{
    credits: string;
    taught: string;
    planned: string;
    amount: string;
  }>(
    (p) =>
      `R12: ${p.credits} credits × ${p.taught} h taught ÷ ${p.planned} h planned = ${p.amount} (rounded down to tenths)`,
    (p) =>
      `R12：${p.credits} 学分 × 实际授课 ${p.taught} 学时 ÷ 计划 ${p.planned} 学时 = ${p.amount} 学分（向下取至 0.1 分）`,
  ),
  'calc.imported': entry<{
    amount: string;
    sourceSystem: string;
    record: string;
    profile: string;
    version: number;
    year: number;
  }>(
    (p) =>
      `${p.amount} as recorded by ${p.sourceSystem} (record ${p.record}), counted under ${p.profile} v${p.version} for ${p.year}`,
    (p) =>
      `${p.amount} 学分，据 ${p.sourceSystem} 的记录（记录号 ${p.record}），按 ${p.profile} 第 ${p.version} 版计入 ${p.year} 年度`,
  ),
};
