import { basisZh, categoryNameZh, entry, time, titleZh } from './entry';

/** Why a year is or is not compliant (src/rules/assess-year.ts), and what a credit's status means. */
export const verdictMessages = {
  'year.short-credits': entry<{ short: string; profile: string; required: string; has: string }>(
    (p) => `short ${p.short} credits: ${p.profile} requires ${p.required}, has ${p.has}`,
    (p) => `学分差 ${p.short} 分：${p.profile} 要求 ${p.required} 分，现有 ${p.has} 分`,
  ),
  'year.short-hours': entry<{
    short: string;
    required: string;
    has: string;
    hoursPerCredit: string;
    minCredits: string;
  }>(
    (p) =>
      `short ${p.short} study hours: requires ${p.required}, has ${p.has} (credits without recorded hours count ${p.hoursPerCredit} h each, the profile's own ${p.required} h ÷ ${p.minCredits} credits)`,
    (p) =>
      `学时差 ${p.short} 学时：要求 ${p.required} 学时，现有 ${p.has} 学时（未记录学时的学分每分按 ${p.hoursPerCredit} 学时计，即本规则的 ${p.required} 学时 ÷ ${p.minCredits} 学分）`,
  ),
  'year.split-waived': entry(
    () =>
      'Category I/II split not applied: staff of county-level and lower institutions, whose requirement the provincial committee sets (R3, 000 §三)',
    () =>
      '不适用Ⅰ类、Ⅱ类学分比例：县及县以下单位人员，其要求由省级继续医学教育委员会确定（R3，000 §三）',
  ),
  'year.short-category': entry<{
    short: string;
    category: string;
    other: string;
    required: string;
    has: string;
    allowed: string;
    supplied: string;
  }>(
    (p) =>
      `short ${p.short} Category ${p.category} credits: requires ${p.required}, has ${p.has}; Category ${p.other} may supplement at most ${p.allowed} (R2), supplied ${p.supplied}`,
    (p) =>
      `${categoryNameZh(p.category)}学分差 ${p.short} 分：要求 ${p.required} 分，现有 ${p.has} 分；${categoryNameZh(p.other)}学分最多可补 ${p.allowed} 分（R2），已补 ${p.supplied} 分`,
  ),
  'year.short-public': entry<{ short: string; titleLevel: string; required: string; has: string }>(
    (p) =>
      `short ${p.short} public-subject credits: ${p.titleLevel} requires ${p.required}, has ${p.has} (R10)`,
    (p) =>
      `公需科目学分差 ${p.short} 分：${titleZh(p.titleLevel)}要求 ${p.required} 分，现有 ${p.has} 分（R10）`,
  ),
  'year.short-professional': entry<{ short: string; required: string; has: string }>(
    (p) =>
      `short ${p.short} job-related professional credits: requires ${p.required}, has ${p.has} (R6)`,
    (p) => `本岗位专业科目学分差 ${p.short} 分：要求 ${p.required} 分，现有 ${p.has} 分（R6）`,
  ),
  'year.pending': entry<{ amount: string }>(
    (p) => `${p.amount} credits pending verification do not count yet (R5)`,
    (p) => `${p.amount} 分学分尚待审核确认，暂不计入（R5）`,
  ),
  'year.out-of-scope': entry<{ year: number; basis: string; evidence: string; source: string }>(
    (p) =>
      `out of scope for ${p.year}: in post-graduate medical education, ${p.basis} (${p.evidence}); not in a compliance rate's denominator (${p.source})`,
    (p) =>
      `${p.year} 年度不属于继续医学教育对象：正在参加毕业后医学教育，${basisZh(p.basis)}（${p.evidence}）；不计入达标率分母（${p.source}）`,
  ),
  'year.exempt': entry<{ year: number; basis: string; evidence: string }>(
    (p) => `exempt for ${p.year}: ${p.basis} (${p.evidence}) (R4)`,
    (p) => `${p.year} 年度视为合格：${basisZh(p.basis)}（${p.evidence}）（R4）`,
  ),

  'credit.revoked': entry<{ reason: string }>(
    (p) => `revoked: ${p.reason}`,
    (p) => `已撤销：${p.reason}`,
  ),
  'credit.annulled': entry<{ reason: string }>(
    (p) => p.reason,
    (p) => `已作废：${p.reason}`,
  ),
  'credit.awaiting-verification': entry(
    () => 'remote credit waiting for verification by the provincial committee (R5)',
    () => '外省学分，等待省级继续医学教育委员会审核确认（R5）',
  ),
  'credit.verification-rejected': entry<{ reason: string }>(
    (p) => `verification rejected: ${p.reason}`,
    (p) => `审核未通过：${p.reason}`,
  ),
  'credit.project-annulled-kept': entry<{ reason: string }>(
    (p) => `the project was annulled (R15: ${p.reason}); the committee kept this credit`,
    (p) => `项目已被撤销（R15：${p.reason}）；委员会保留了此学分`,
  ),
  'credit.adjusted': entry<{ before: string; after: string; reason: string; at: string }>(
    (p) => `adjusted from ${p.before} to ${p.after} credits on ${time(p.at)}: ${p.reason}`,
    (p) => `已于 ${time(p.at)} 由 ${p.before} 分调整为 ${p.after} 分：${p.reason}`,
  ),
  'credit.reclassified': entry<{ reason: string; at: string }>(
    (p) => `category or subject corrected on ${time(p.at)}: ${p.reason}`,
    (p) => `已于 ${time(p.at)} 更正类别或科目：${p.reason}`,
  ),

  'trace.revoked': entry<{ reason: string }>(
    (p) => `the credit was revoked: ${p.reason}`,
    (p) => `学分已被撤销：${p.reason}`,
  ),
  'trace.annulled': entry<{ reason: string }>(
    (p) => `the credit no longer counts: ${p.reason} (R15)`,
    (p) => `学分已不再计入：${p.reason}（R15）`,
  ),
  'trace.project-annulled': entry<{ reason: string }>(
    (p) => `the project was annulled (R15): ${p.reason}`,
    (p) => `项目已被撤销（R15）：${p.reason}`,
  ),
  'trace.no-scan': entry(
    () =>
      'no scan of this person was recorded at this session; ask the organizer to check the attendance record',
    () => '本期次没有此人的签到记录；请举办单位核对签到记录',
  ),
  'trace.report-not-filed': entry<{ due: string; overdue: boolean }>(
    (p) =>
      `the organizer has not filed the execution report${p.overdue ? ` — overdue since ${time(p.due)}` : ` (due by ${time(p.due)})`} (R14); credits appear only after it is approved`,
    (p) =>
      `举办单位尚未提交执行情况报告${p.overdue ? `——已于 ${time(p.due)} 逾期` : `（应于 ${time(p.due)} 前提交）`}（R14）；报告审核通过后才授予学分`,
  ),
  'trace.report-pending': entry<{ submittedAt: string; reviewDue: string; overdue: boolean }>(
    (p) =>
      `the execution report filed ${time(p.submittedAt)} awaits the committee's review${p.overdue ? `; the review is overdue since ${time(p.reviewDue)}` : ` (review due by ${time(p.reviewDue)})`} (R14)`,
    (p) =>
      `执行情况报告已于 ${time(p.submittedAt)} 提交，等待委员会审核${p.overdue ? `；审核已于 ${time(p.reviewDue)} 逾期` : `（应于 ${time(p.reviewDue)} 前审核）`}（R14）`,
  ),
  'trace.report-rejected': entry<{ reason: string }>(
    (p) => `the committee rejected the execution report: ${p.reason}`,
    (p) => `委员会未通过执行情况报告：${p.reason}`,
  ),
  'trace.not-filed': entry<{ dueBy: string; source: string }>(
    (p) =>
      `the session was filed with the committee too late (due by ${time(p.dueBy)}; ${p.source}): it is not filed and its credits are not entered (R14)`,
    (p) =>
      `本期次向委员会备案过晚（应于 ${time(p.dueBy)} 前；${p.source}）：不予备案，不登记学分（R14）`,
  ),
  'trace.grant-pending': entry(
    () =>
      'the report was approved; the grant follows from the approval in the log (the credit-effects reactor, see GET /projections) and needs nobody to act',
    () =>
      '报告已审核通过；学分将根据日志中的审核结果自动授予（credit-effects 反应器，见 GET /projections），无需任何人操作',
  ),
  'trace.annulment-pending': entry<{ reason: string }>(
    (p) =>
      `the project was annulled (R15): ${p.reason}; the credit's annulment follows from the log (the credit-effects reactor) and needs nobody to act`,
    (p) =>
      `项目已被撤销（R15）：${p.reason}；学分将根据日志自动作废（credit-effects 反应器），无需任何人操作`,
  ),
  'trace.verification-pending': entry(
    () => 'a remote credit counts only after the provincial committee verifies it (R5)',
    () => '外省学分须经省级继续医学教育委员会审核确认后才计入（R5）',
  ),
  'trace.verification-rejected': entry<{ reason: string }>(
    (p) => `verification was rejected: ${p.reason}`,
    (p) => `审核未通过：${p.reason}`,
  ),
  'trace.counted': entry<{ year: number }>(
    (p) => `the credit counts for ${p.year}`,
    (p) => `学分计入 ${p.year} 年度`,
  ),
  'trace.counted-kept': entry<{ year: number; reason: string }>(
    (p) =>
      `the credit counts for ${p.year}; the project was annulled (R15: ${p.reason}) and the committee kept the credits of this session`,
    (p) => `学分计入 ${p.year} 年度；项目已被撤销（R15：${p.reason}），委员会保留了本期次的学分`,
  ),
  'trace.imported': entry<{ file: string; row: number }>(
    (p) => `imported from ${p.file} row ${p.row}`,
    (p) => `从 ${p.file} 第 ${p.row} 行导入`,
  ),
};
